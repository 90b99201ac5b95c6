"""Streamlit glue to the store: one cached connection, the demo company, cached loaders.

The store is a `cache_resource` (one DuckDB connection per process, a cursor per query).
Loaders are `cache_data` keyed on the data set and its data version (the newest import
and the number of imports), so that an import or a deletion refreshes every page.
"""

from __future__ import annotations

from typing import NamedTuple, NoReturn

import polars as pl
import streamlit as st

from analytics.demo_data import DEMO_DATASET, ensure_demo
from analytics.masking import mask_names, pseudonyms
from analytics.metrics import Period, customer_metrics, data_bounds, resolve_period
from analytics.scoring import normalise_criteria
from analytics.store import Store, default_db_path
from analytics.summary import monthly_revenue
from locales import catalog, key_table, t
from locales.formats import fmt_date, fmt_int
from ui.i18n import session_currency, session_lang, set_currency

__all__ = [
    "DATASET_KEY",
    "DEMO_DATASET",
    "MASK_KEY",
    "PENDING_DATASET_KEY",
    "PERIOD_CHOICES",
    "Opening",
    "current_dataset",
    "data_version",
    "datasets",
    "empty_state",
    "get_store",
    "load_customer_table",
    "load_monthly",
    "load_pseudonyms",
    "load_summary",
    "masked_customers",
    "masking",
    "open_page",
    "period_caption",
    "period_control",
]

DATASET_KEY = "dataset_id"
# The sidebar's "mask customer names" toggle: pseudonyms ("Kund A01") on every page.
MASK_KEY = "mask_names"
# Set by a page after an import; the sidebar switches to that data set on the next run.
PENDING_DATASET_KEY = "imp_pending_dataset"


@st.cache_resource(show_spinner=False)
def get_store() -> Store:
    """The process-wide store at `$KUNDFOKUS_DB`; on a first start, with the demo company."""
    store = Store(default_db_path())
    # Usually done already before the server started (`python -m analytics prepare`).
    ensure_demo(store)
    return store


def datasets() -> pl.DataFrame:
    """All data sets (id, name, is_demo, lines), newest first; read fresh every run."""
    return get_store().datasets()


def current_dataset() -> dict | None:
    """The data set chosen in the sidebar as a dict (dataset_id, name, is_demo, currency),
    or None. Its currency becomes the one every amount on the page is shown in."""
    table = datasets()
    if table.is_empty():
        return None
    chosen = st.session_state.get(DATASET_KEY)
    # Only a known id selects: a stale widget value (a label, say) falls back below.
    known = isinstance(chosen, int) and chosen in set(table["dataset_id"].to_list())
    rows = table.filter(pl.col("dataset_id") == chosen) if known else table.head(0)
    if rows.is_empty():
        # Prefer the newest data set of the user's own over the demo company.
        own = table.filter(~pl.col("is_demo"))
        rows = own.head(1) if not own.is_empty() else table.head(1)
    row = rows.row(0, named=True)
    set_currency(row.get("currency"))
    return row


def data_version(dataset_id: int) -> str:
    """Changes whenever an import is added or removed, the team's scores change or
    another cost model (or new unit costs) comes into use: the customer table's
    `customer_profit` is priced with the model in use."""
    row = (
        get_store()
        .query(
            """
            select (select coalesce(max(import_id), 0) from imports where dataset_id = $d),
                   (select count(*) from imports where dataset_id = $d),
                   (select count(*) from team_scores where dataset_id = $d),
                   (select max(assessed_at) from team_scores where dataset_id = $d),
                   (select coalesce(max(md5(name || ':' || costs::varchar)), '')
                    from cost_models where dataset_id = $d and in_use)
            """,
            {"d": dataset_id},
        )
        .row(0)
    )
    return "-".join(str(v) for v in row)


PERIOD_CHOICES = ("12m", "24m", "all")
_PERIOD_KEYS = key_table("focus.period", *PERIOD_CHOICES)


def empty_state(text_key: str = "overview.empty", *, lang: str) -> NoReturn:
    """Say why the page has nothing to show (catalog key `text_key`), point to the import
    page, stop the script."""
    st.info(t(text_key, lang=lang), icon=":material/upload_file:")
    st.page_link(
        "pages/import_data.py",
        label=t("overview.go_import", lang=lang),
        icon=":material/arrow_forward:",
    )
    st.stop()


class Opening(NamedTuple):
    """What a page reads first: the language, the chosen data set (None when there is
    none) and the currency its amounts are shown in."""

    lang: str
    dataset: dict | None
    money: str


def open_page(title_key: str, *, empty_key: str | None = "overview.empty") -> Opening:
    """The opening every page shares: the session's language, the page's title (catalog
    key `title_key`), the chosen data set and its currency. Without a data set the page
    says so with `empty_key`'s text and stops; `empty_key=None` lets it go on."""
    lang = session_lang()
    st.title(t(title_key, lang=lang))
    dataset = current_dataset()
    if dataset is None and empty_key is not None:
        empty_state(empty_key, lang=lang)
    return Opening(lang, dataset, session_currency())


def period_control(*, key: str, lang: str, container: object = st) -> str:
    """The page's period: last 12 months (default), last 24 months or all data, each
    ending at the data set's last invoice date. `key` carries the page's prefix.
    """
    choice = container.segmented_control(
        t("focus.period", lang=lang),
        PERIOD_CHOICES,
        format_func=lambda p: t(_PERIOD_KEYS[p], lang=lang),
        default="12m",
        key=key,
    )
    return choice or "12m"


def period_caption(period: Period, *, customers: int, lang: str) -> None:
    """`2025-11-01 – 2026-10-31 · 1 117 kunder med köp under perioden`."""
    st.caption(
        t(
            "focus.period_caption",
            lang=lang,
            start=fmt_date(period.start, lang=lang),
            end=fmt_date(period.end, lang=lang),
            customers=fmt_int(customers, lang=lang),
        )
    )


def masking() -> bool:
    """Whether customer names are masked (the sidebar's toggle)."""
    return bool(st.session_state.get(MASK_KEY))


@st.cache_data(show_spinner=False, max_entries=16)
def load_pseudonyms(dataset_id: int, version: str) -> dict[str, str]:
    """Customer id → pseudonym code (`A01`, by revenue rank over the whole data set)."""
    del version
    return pseudonyms(get_store(), dataset_id=dataset_id)


def masked_customers(
    frame: pl.DataFrame, dataset_id: int, *, lang: str | None = None
) -> pl.DataFrame:
    """`frame` as pages may show it: while names are masked, `customer_name` is the
    customer's pseudonym ("Kund A01"); otherwise `frame` unchanged. `customer_id` stays
    (pages look customers up by it, and hide it while masking)."""
    if not masking() or "customer_name" not in frame.columns:
        return frame
    codes = load_pseudonyms(dataset_id, data_version(dataset_id))
    template = catalog(lang or session_lang())["mask.customer"]
    return mask_names(frame, codes, template=template)


def load_customer_table(
    dataset_id: int, version: str, period_spec: str, *, reveal: bool = False
) -> tuple:
    """(normalised per-customer table, Period) for a data set and period choice, names
    masked while masking is on (see `masked_customers`) unless `reveal` (the facilitator
    showing one name on purpose).

    Built once per data version and period, then re-scored on every slider move.
    Returns `(None, None)` for a data set without lines.
    """
    table, period = _customer_table(dataset_id, version, period_spec)
    if table is None:
        return None, None
    return (table if reveal else masked_customers(table, dataset_id)), period


@st.cache_resource(show_spinner=False, max_entries=16)
def _customer_table(dataset_id: int, version: str, period_spec: str) -> tuple:
    """The unmasked table of `load_customer_table`; a `cache_resource` so that a hit does
    not copy the frame (polars frames are immutable)."""
    del version
    store = get_store()
    bounds = data_bounds(store, dataset_id=dataset_id)
    if bounds is None:
        return None, None
    period = resolve_period(period_spec, first=bounds[0], last=bounds[1])
    metrics = customer_metrics(store, dataset_id=dataset_id, period=period)
    return normalise_criteria(metrics), period


@st.cache_data(show_spinner=False, max_entries=32)
def load_summary(dataset_id: int, version: str) -> dict:
    """Headline facts of a data set (see `Store.dataset_summary`), cached per version."""
    del version  # part of the cache key only
    return get_store().dataset_summary(dataset_id)


@st.cache_data(show_spinner=False, max_entries=32)
def load_monthly(dataset_id: int, version: str) -> pl.DataFrame:
    """Revenue and gross margin per month of a data set, cached per version."""
    del version
    return monthly_revenue(get_store(), dataset_id=dataset_id)
