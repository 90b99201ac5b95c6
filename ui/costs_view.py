"""The cost-to-serve page's Streamlit sections: the cost model the controller edits and
saves, the model in use, the drivers counted, the headline and its sentence, the whale
curves, one customer's waterfall, two models side by side and the what-if. They place
what `ui.costs` builds, in the language and currency the page passes down.

The drivers are counted once per data version, period and small-order limit (SQL); every
edit of a unit cost re-prices them in polars. Saving a model or choosing the model in
use changes the data version (`ui.data.data_version`), so every page's cached customer
table, whose `customer_profit` uses the model in use, is built anew. Session keys carry
the prefix `cost_`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from decimal import Decimal

import polars as pl
import streamlit as st

from analytics.concentration import MARGIN_NONE, with_margin
from analytics.cost_models import cost_models, model_in_use, save_cost_model, use_cost_model
from analytics.costs import (
    COST_KEYS,
    DRIVERS,
    CostModel,
    allocate,
    count_drivers,
    driver_counts_known,
    model_as_dict,
)
from analytics.metrics import customer_metrics, data_bounds, resolve_period
from analytics.profit import most_of, profit_summary, profit_waterfall, what_if
from analytics.scoring import score_customers, weights_or_default
from locales import key_table, plain, t
from locales.formats import MISSING
from ui.costs import sentences
from ui.costs.charts import margin_profit_whale_chart, waterfall_chart, whatif_chart
from ui.costs.tables import (
    COST_LABEL_KEYS,
    PERCENT_KEYS,
    compare_rows,
    driver_rows,
    model_from_rows,
    model_rows,
    unit_cost_text,
)
from ui.data import get_store, load_customer_table, masked_customers
from ui.elements import column_labels
from ui.style import controls
from ui.tables import localized, table_height

__all__ = [
    "Pricing",
    "assumed_margin_control",
    "compare_section",
    "drivers_section",
    "margin_note",
    "model_section",
    "summary_section",
    "warn_foreign_defaults",
    "waterfall_section",
    "whatif_section",
]

_SAVED_KEY = "cost_saved"
_DEFAULT_ASSUMED = 25  # per cent, as on the profitability page
_WEB_ORDER = 60.0  # the what-if's first suggestion: an order placed on the web
# The drivers a what-if can change: those priced by one unit cost.
_WHATIF_DRIVERS = tuple(d for d in DRIVERS if d in COST_KEYS)


@st.cache_resource(show_spinner=False, max_entries=16)
def _counted(dataset_id: int, version: str, period_spec: str, limit: str) -> tuple:
    """(customer metrics, drivers, Period) of a data set and period, drivers counted with
    the small-order limit `limit`; (None, None, None) without lines. A `cache_resource`:
    a hit does not copy the frames."""
    del version
    store = get_store()
    bounds = data_bounds(store, dataset_id=dataset_id)
    if bounds is None:
        return None, None, None
    period = resolve_period(period_spec, first=bounds[0], last=bounds[1])
    metrics = customer_metrics(store, dataset_id=dataset_id, period=period, with_profit=False)
    drivers = count_drivers(
        store, dataset_id=dataset_id, period=period, small_order_limit=Decimal(limit)
    )
    return metrics, drivers, period


@dataclass(frozen=True)
class Pricing:
    """What prices the customers of the page: the data set, its version, the period and
    the assumed margin where the export has no cost (share 0–1, or None)."""

    dataset_id: int
    version: str
    period_spec: str
    lang: str
    assumed_margin: float | None = None

    def counts(self, model: CostModel) -> tuple:
        """(metrics, drivers, Period) for `model`'s small-order limit (see `_counted`)."""
        limit = str(model.small_order_limit)
        return _counted(self.dataset_id, self.version, self.period_spec, limit)

    def tiers(self, model: CostModel) -> pl.DataFrame | None:
        """The focus list's tiers (the data set's weights) when `model` prices by tier."""
        if all(getattr(model, f"account_{tier}") is None for tier in "abc"):
            return None
        table, _ = load_customer_table(self.dataset_id, self.version, self.period_spec, reveal=True)
        weights = weights_or_default(get_store().dataset_weights(self.dataset_id))
        return score_customers(table, weights=weights).select("customer_id", "tier")

    def customers(self, model: CostModel) -> pl.DataFrame:
        """The profit table under `model`, names masked while masking is on; largest
        customer (revenue) first."""
        metrics, drivers, _ = self.counts(model)
        shown = masked_customers(metrics, self.dataset_id, lang=self.lang)
        margins = with_margin(shown, assumed_margin=self.assumed_margin)
        priced = allocate(margins, drivers, model=model, tiers=self.tiers(model))
        return priced.sort(["revenue", "customer_id"], descending=[True, False])


# --- the cost model ----------------------------------------------------------------------


def _use(dataset_id: int, key: str) -> None:
    """The model-in-use choice changed: store it (None: the defaults)."""
    use_cost_model(get_store(), dataset_id=dataset_id, name=st.session_state[key] or None)


def _in_use_choice(dataset_id: int, name: str | None, names: list[str], *, lang: str) -> None:
    """The model in use: the defaults or a saved model, stored the moment it changes.
    The widget's key names the stored choice, so a save that changes it shows anew."""
    options = ["", *names]
    key = f"cost_in_use_{dataset_id}_{name or ''}"
    st.selectbox(
        t("profit.model.in_use", lang=lang),
        options,
        index=options.index(name or ""),
        format_func=lambda n: n or plain("profit.model.defaults", lang=lang),
        key=key,
        on_change=_use,
        args=(dataset_id, key),
        help=t("profit.model.in_use_help", lang=lang),
    )


# The unit cost editor's columns and the catalog key of each header.
_EDITOR_COLUMNS = key_table("profit.col", "item", "unit_cost", "unit", "default", "what")


def _editor(rows: pl.DataFrame, *, key: str, lang: str) -> list[object]:
    """The unit costs as a table; only the unit cost column is editable. Returns the
    edited unit costs in the rows' order."""
    labels = column_labels(_EDITOR_COLUMNS, lang=lang)
    edited = st.data_editor(
        rows.drop("key").to_pandas(),
        key=key,
        hide_index=True,
        num_rows="fixed",
        width="stretch",
        height=table_height(rows.height),
        disabled=["item", "unit", "default", "what"],
        column_config={
            name: (
                st.column_config.NumberColumn(label, min_value=0.0, step=0.01, format="%g")
                if name == "unit_cost"
                else st.column_config.TextColumn(label, width="large" if name == "what" else None)
            )
            for name, label in labels.items()
        },
        placeholder=MISSING,
    )
    return pl.from_pandas(edited)["unit_cost"].to_list()


def _save_form(dataset_id: int, model: CostModel, name: str | None, *, lang: str) -> None:
    """Name, "make it the model in use" and the save button."""
    cols = st.columns([2, 2, 1], vertical_alignment="bottom")
    chosen = cols[0].text_input(
        t("profit.model.name", lang=lang), value=name or "", key="cost_save_name"
    )
    use = cols[1].checkbox(t("profit.model.use", lang=lang), value=True, key="cost_save_use")
    if cols[2].button(t("profit.model.save", lang=lang), key="cost_save", type="primary"):
        if not chosen.strip():
            st.warning(t("profit.model.need_name", lang=lang), icon=":material/warning:")
            return
        save_cost_model(
            get_store(), dataset_id=dataset_id, name=chosen.strip(), model=model, in_use=use
        )
        st.session_state[_SAVED_KEY] = chosen.strip()
        st.rerun()


def model_section(pricing: Pricing, *, currency: str, lang: str) -> CostModel:
    """The model in use, the table of unit costs (starting from the model in use; an
    optional driver's only when the period's data has its column) and saving it under a
    name. Returns the table's model: the page prices with it, so an edit shows at once;
    a table that cannot be read falls back to the model in use."""
    store = get_store()
    dataset_id = pricing.dataset_id
    name, in_use = model_in_use(store, dataset_id=dataset_id)
    _, drivers, _ = pricing.counts(in_use)
    known = None if drivers is None else driver_counts_known(drivers)
    saved = st.session_state.pop(_SAVED_KEY, None)
    if saved is not None:
        st.success(t("profit.model.saved", lang=lang, name=saved), icon=":material/check:")
    _in_use_choice(dataset_id, name, list(cost_models(store, dataset_id=dataset_id)), lang=lang)
    warn_foreign_defaults(name, currency=currency, lang=lang)
    rows = model_rows(in_use, currency=currency, lang=lang, known=known)
    digest = hashlib.md5(str(model_as_dict(in_use)).encode(), usedforsecurity=False).hexdigest()
    st.caption(t("profit.model.editor_help", lang=lang))
    values = _editor(rows, key=f"cost_editor_{dataset_id}_{name or ''}_{digest[:8]}", lang=lang)
    try:
        model = model_from_rows(rows["key"].to_list(), values, base=in_use)
    except ValueError:
        st.warning(t("profit.model.bad_value", lang=lang), icon=":material/warning:")
        model = in_use
    if model != in_use:
        st.info(t("profit.model.changed", lang=lang), icon=":material/edit:")
    _save_form(dataset_id, model, name, lang=lang)
    return model


def warn_foreign_defaults(model_name: str | None, *, currency: str, lang: str) -> None:
    """The warning of `foreign_defaults_note` while the kronor defaults (`model_name`
    None) price a data set in another currency; nothing otherwise. Every page showing
    customer profit places it."""
    note = sentences.foreign_defaults_note(model_name, currency=currency, lang=lang)
    if note is not None:
        st.warning(note, icon=":material/currency_exchange:")


# --- margins, drivers and the headline ---------------------------------------------------


def assumed_margin_control(metrics: pl.DataFrame, *, lang: str) -> float | None:
    """Where some customers have no cost: whether to assume a margin, and which (share
    0–1); None when every margin is known or none is assumed."""
    if metrics["gross_margin"].null_count() == 0:
        return None
    with controls(t("app.controls", lang=lang)):
        if not st.toggle(t("profit.margin.assume", lang=lang), key="cost_assume"):
            return None
        share = st.slider(
            t("profit.margin.assumed_share", lang=lang),
            0,
            90,
            value=_DEFAULT_ASSUMED,
            step=1,
            format="%d %%",
            key="cost_assumed",
        )
    return share / 100


def margin_note(customers: pl.DataFrame, source: str, assumed: float | None, *, lang: str) -> None:
    """Say where margins are unknown or assumed (nothing when all are the export's)."""
    text = sentences.margin_notice(customers, source=source, assumed_margin=assumed, lang=lang)
    if text is None:
        return
    if source == MARGIN_NONE or assumed is None:
        st.info(text, icon=":material/info:")
    else:
        st.warning(text, icon=":material/warning:")


def drivers_section(
    customers: pl.DataFrame, drivers: pl.DataFrame, *, currency: str, lang: str
) -> None:
    """The drivers counted in the period, their cost and what the export cannot count."""
    st.subheader(t("profit.drivers.heading", lang=lang))
    rows = driver_rows(customers, driver_counts_known(drivers), currency=currency, lang=lang)
    cost = plain("profit.col.cost", lang=lang, unit=currency)
    shown = rows.with_columns(pl.col("note").fill_null("")).rename(
        {
            "driver": plain("profit.col.driver", lang=lang),
            "count": plain("profit.col.count", lang=lang),
            "cost": cost,
            "note": plain("profit.col.note", lang=lang),
        }
    )
    st.dataframe(
        localized(shown, money=[cost], lang=lang),
        hide_index=True,
        height=table_height(shown.height),
        placeholder=MISSING,
    )
    st.markdown(
        sentences.cost_total_sentence(profit_summary(customers), currency=currency, lang=lang)
    )


def summary_section(customers: pl.DataFrame, *, currency: str, lang: str) -> None:
    """Customer profit, cost to serve, unprofitable customers and the whale peak (each
    against gross margin), the sentence of what moved, and both whale curves."""
    summary = profit_summary(customers)
    shown = sentences.headline(summary, currency=currency, lang=lang)
    cols = st.columns(4)
    cols[0].metric(t("profit.metric.profit", lang=lang), shown.profit)
    cols[1].metric(t("profit.metric.cost", lang=lang), shown.cost)
    for col, label, value, delta in (
        (cols[2], "profit.metric.unprofitable", shown.unprofitable, shown.unprofitable_margin),
        (cols[3], "profit.metric.peak", shown.peak, shown.peak_margin),
    ):
        col.metric(t(label, lang=lang), value, delta=delta, delta_color="off", delta_arrow="off")
    st.markdown(sentences.summary_sentence(summary, currency=currency, lang=lang))
    st.subheader(t("profit.whale.heading", lang=lang))
    st.altair_chart(
        margin_profit_whale_chart(customers, currency=currency, lang=lang), width="stretch"
    )


def waterfall_section(customers: pl.DataFrame, *, currency: str, lang: str) -> None:
    """One of the 100 largest customers from revenue to customer profit, driver by
    driver; the largest loss-maker first."""
    st.subheader(t("profit.waterfall.heading", lang=lang))
    largest = customers.head(100)
    names = dict(
        zip(
            largest["customer_id"],
            largest["customer_name"].fill_null(largest["customer_id"]),
            strict=True,
        )
    )
    loss = profit_summary(customers)["largest_loss"]
    ids = list(names)
    start = ids.index(loss["customer_id"]) if loss and loss["customer_id"] in names else 0
    chosen = st.selectbox(
        t("profit.waterfall.customer", lang=lang),
        ids,
        index=start,
        format_func=names.get,
        key="cost_waterfall_customer",
    )
    steps = profit_waterfall(customers, customer_id=chosen)
    if steps.is_empty():
        st.info(t("profit.waterfall.unknown", lang=lang), icon=":material/info:")
        return
    st.altair_chart(waterfall_chart(steps, currency=currency, lang=lang), width="stretch")


# --- comparing and asking what if --------------------------------------------------------


def compare_section(pricing: Pricing, *, currency: str, lang: str) -> None:
    """Two models (the defaults or saved ones) side by side: profit, cost to serve,
    unprofitable customers and whale peak."""
    st.subheader(t("profit.compare.heading", lang=lang))
    saved = cost_models(get_store(), dataset_id=pricing.dataset_id)
    if not saved:
        st.caption(t("profit.compare.none_saved", lang=lang))
        return
    options = ["", *saved]
    cols = st.columns(2)
    chosen = [
        col.selectbox(
            t(label, lang=lang),
            options,
            index=index,
            format_func=lambda n: n or plain("profit.model.defaults", lang=lang),
            key=key,
        )
        for col, label, index, key in (
            (cols[0], "profit.compare.first", 0, "cost_compare_1"),
            (cols[1], "profit.compare.second", 1, "cost_compare_2"),
        )
    ]
    summaries = [
        profit_summary(pricing.customers(saved[name] if name else CostModel())) for name in chosen
    ]
    headers = [
        f"{plain(label, lang=lang)}: {name or plain('profit.model.defaults', lang=lang)}"
        for label, name in zip(
            ("profit.compare.first", "profit.compare.second"), chosen, strict=True
        )
    ]
    st.dataframe(
        compare_rows(summaries, headers=headers, currency=currency, lang=lang).to_pandas(),
        hide_index=True,
        placeholder=MISSING,
    )


def _whatif_inputs(model: CostModel, customers: int, known: dict[str, bool], *, lang: str) -> tuple:
    """The what-if's group driver, group size, changed driver and its new unit cost
    (per cent for capital and the shares, as entered); only drivers the data counts."""
    cols = st.columns(4)
    groups = [d for d in DRIVERS if known.get(d, True)]
    group = cols[0].selectbox(
        t("profit.whatif.group", lang=lang),
        groups,
        index=groups.index("small_order"),
        format_func=lambda d: plain(sentences.GROUP_KEYS[d], lang=lang),
        key="cost_whatif_group",
    )
    count = cols[1].number_input(
        t("profit.whatif.count", lang=lang),
        min_value=1,
        value=min(40, max(1, customers)),
        step=1,
        key="cost_whatif_count",
    )
    driver = cols[2].selectbox(
        t("profit.whatif.driver", lang=lang),
        [d for d in _WHATIF_DRIVERS if known.get(d, True)],
        index=0,
        format_func=lambda d: plain(COST_LABEL_KEYS[d], lang=lang),
        key="cost_whatif_driver",
    )
    percent = driver in PERCENT_KEYS
    current = float(getattr(model, driver) * (100 if percent else 1))
    new = cols[3].number_input(
        t("profit.whatif.cost", lang=lang),
        min_value=0.0,
        max_value=100.0 if driver in ("capital_rate", "discount") else None,
        value=_WEB_ORDER if driver == "order" else current,
        step=1.0,
        key=f"cost_whatif_cost_{driver}",
        help=t("profit.whatif.cost_help", lang=lang),
    )
    return group, int(count), driver, new


def whatif_section(pricing: Pricing, model: CostModel, *, currency: str, lang: str) -> None:
    """ "If the 40 customers with the most small orders ordered on the web (an order 350
    → 60 kr)": profit, unprofitable customers and whale peak before and after, and both
    whale curves."""
    st.subheader(t("profit.whatif.heading", lang=lang))
    customers = pricing.customers(model)
    _, drivers, _ = pricing.counts(model)
    known = driver_counts_known(drivers)
    group, count, driver, entered = _whatif_inputs(model, customers.height, known, lang=lang)
    unit_cost = Decimal(repr(entered)) / (100 if driver in PERCENT_KEYS else 1)
    result = what_if(
        customers,
        drivers,
        model=model,
        driver=driver,
        unit_cost=unit_cost,
        group=most_of(customers, driver=group, count=count),
        tiers=pricing.tiers(model),
    )
    old = unit_cost_text(driver, getattr(model, driver), currency=currency, lang=lang)
    new = unit_cost_text(driver, unit_cost, currency=currency, lang=lang)
    st.markdown(
        sentences.whatif_sentence(
            result,
            group=group,
            count=min(count, customers.height),
            driver=driver,
            old=old,
            new=new,
            currency=currency,
            lang=lang,
        )
    )
    st.altair_chart(whatif_chart(result, currency=currency, lang=lang), width="stretch")
