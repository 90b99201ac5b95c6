"""The Streamlit sections of the customer page: cached loaders, the customer picker
(with `?id=` links) and the places where the builders' figures go. The page passes the
language and currency down."""

from __future__ import annotations

from datetime import date

import polars as pl
import streamlit as st

from analytics.cost_models import model_in_use
from analytics.customer import (
    customer_exists,
    customer_history,
    payment_behaviour,
    product_group_mix,
)
from analytics.metrics import Period
from analytics.profit import profit_waterfall
from analytics.scoring import score_customers
from locales import plain, t
from ui.costs.charts import waterfall_chart
from ui.costs_view import Pricing, warn_foreign_defaults
from ui.customer.figures import headline_figures, payment_figures, score_figures
from ui.data import get_store, masking
from ui.focus_view import stored_weights
from ui.place import show_figures

__all__ = [
    "PICK_KEY",
    "headline",
    "load_history",
    "load_mix",
    "load_payment",
    "payment_section",
    "pick_customer",
    "profit_section",
    "score_headline",
    "scored_table",
]

PICK_KEY = "cust_id"  # the select box
_LAST_KEY = "cust_last"  # the last choice, kept across pages (widget state is not)
_QUERY_SEEN_KEY = "cust_query_seen"  # the ?id= of the last run
_WANTED_KEY = "cust_wanted"  # a linked customer not in the period (yet)
# The warning for a linked customer that cannot be shown, by (it exists, names masked).
_LINK_KEYS = {
    (False, False): "customer.unknown",
    (False, True): "customer.unknown_masked",
    (True, False): "customer.not_in_period",
    (True, True): "customer.not_in_period_masked",
}


# --- data -----------------------------------------------------------------------------


@st.cache_data(show_spinner=False, max_entries=64)
def load_history(dataset_id: int, version: str, customer_id: str) -> pl.DataFrame:
    """Revenue and margin per month for one customer, cached per data version."""
    del version
    return customer_history(get_store(), dataset_id=dataset_id, customer_id=customer_id)


@st.cache_data(show_spinner=False, max_entries=64)
def load_mix(
    dataset_id: int, version: str, customer_id: str, start: date, end: date
) -> pl.DataFrame:
    """Revenue per product group for one customer in [start, end], cached per version."""
    del version
    return product_group_mix(
        get_store(), dataset_id=dataset_id, customer_id=customer_id, period=Period(start, end)
    )


@st.cache_data(show_spinner=False, max_entries=64)
def load_payment(dataset_id: int, version: str, customer_id: str, start: date, end: date) -> dict:
    """Payment behaviour of one customer in [start, end], cached per version."""
    del version
    return payment_behaviour(
        get_store(), dataset_id=dataset_id, customer_id=customer_id, period=Period(start, end)
    )


def scored_table(table: pl.DataFrame, *, dataset_id: int) -> tuple[pl.DataFrame, bool]:
    """The table scored with the data set's focus-list weights (the defaults until the
    team changes them). Returns (scored, whether the team's own weights were used)."""
    weights, own = stored_weights(dataset_id)
    return score_customers(table, weights=weights), own


# --- picking a customer ---------------------------------------------------------------


def _forget_link() -> None:
    """The user picked a customer: a pending `?id=` link no longer applies."""
    st.session_state.pop(_WANTED_KEY, None)


def pick_customer(scored: pl.DataFrame, *, dataset_id: int, lang: str) -> str:
    """A searchable select box of all customers, largest revenue first.

    The default is the largest customer. `?id=<customer id>` in the address chooses
    another (so other pages can link here); a linked customer without purchases in the
    period is waited for (a longer period shows it) with a warning meanwhile. The choice
    is written back to the address.
    """
    by_revenue = scored.sort(["revenue", "customer_id"], descending=[True, False])
    ids = by_revenue["customer_id"].to_list()
    names = dict(zip(ids, by_revenue["customer_name"].to_list(), strict=True))
    known = set(ids)
    asked = st.query_params.get("id")
    if asked and asked != st.session_state.get(_QUERY_SEEN_KEY):
        st.session_state[_WANTED_KEY] = asked  # a new link
    st.session_state[_QUERY_SEEN_KEY] = asked
    wanted = st.session_state.get(_WANTED_KEY)
    if wanted in known:
        st.session_state[PICK_KEY] = wanted
        _forget_link()
        wanted = None
    masked = masking()
    if wanted and wanted not in known:
        exists = customer_exists(get_store(), dataset_id=dataset_id, customer_id=wanted)
        # While names are masked a typed number or name is not repeated on the screen.
        params = {} if masked else {"id": wanted}
        st.warning(t(_LINK_KEYS[(exists, masked)], lang=lang, **params), icon=":material/info:")
        if not exists:
            _forget_link()
            wanted = None
    if st.session_state.get(PICK_KEY) not in known:
        last = st.session_state.get(_LAST_KEY)
        st.session_state[PICK_KEY] = last if last in known else ids[0]

    def label(i: str) -> str:
        if masked:  # the pseudonym alone: a customer number can be looked up
            return names[i]
        return f"{names[i]} · {i}" if names[i] else i

    chosen = st.selectbox(
        t("customer.pick", lang=lang),
        ids,
        format_func=label,
        key=PICK_KEY,
        help=t("customer.pick_help", lang=lang),
        on_change=_forget_link,
    )
    st.session_state[_LAST_KEY] = chosen
    if masked:
        # The address bar is on the projector too: no customer number in it.
        st.query_params.pop("id", None)
        st.session_state[_QUERY_SEEN_KEY] = None
    elif not wanted and asked != chosen:
        st.query_params["id"] = chosen
        st.session_state[_QUERY_SEEN_KEY] = chosen
    return chosen


# --- numbers --------------------------------------------------------------------------


def headline(row: dict, period: Period, *, currency: str, lang: str) -> None:
    """The period's eight figures of the customer (`headline_figures`), two rows of four."""
    figures = headline_figures(row, period, currency=currency, lang=lang)
    show_figures(st.columns(4), figures[:4])
    show_figures(st.columns(4), figures[4:])


def score_headline(row: dict, customers: int, *, own_weights: bool, lang: str) -> None:
    """Rank, tier and score, and which weights they come from."""
    show_figures(st.columns(3), score_figures(row, customers, lang=lang))
    key = "customer.weights_focus" if own_weights else "customer.weights_default"
    st.caption(t(key, lang=lang))


def payment_section(pay: dict, *, currency: str, lang: str) -> None:
    """Share paid late, the longest delay, unpaid and overdue invoices (2 × 2)."""
    if not pay["known"] and not pay["unpaid"]:
        st.caption(t("customer.pay_unknown", lang=lang))
        return
    figures = payment_figures(pay, currency=currency, lang=lang)
    show_figures(st.columns(2), figures[:2])
    show_figures(st.columns(2), figures[2:])


def profit_section(
    dataset_id: int, version: str, period_spec: str, customer_id: str, *, currency: str, lang: str
) -> None:
    """The customer's way from revenue to gross margin to customer profit, cost driver by
    cost driver, priced with the data set's cost model in use (`ui.costs.charts.
    waterfall_chart`); a note where the customer's margin is unknown."""
    st.subheader(t("profit.waterfall.heading", lang=lang))
    name, model = model_in_use(get_store(), dataset_id=dataset_id)
    customers = Pricing(dataset_id, version, period_spec, lang).customers(model)
    steps = profit_waterfall(customers, customer_id=customer_id)
    if steps.is_empty():
        st.info(t("profit.waterfall.unknown", lang=lang), icon=":material/info:")
        return
    st.altair_chart(waterfall_chart(steps, currency=currency, lang=lang), width="stretch")
    model_name = name or plain("profit.model.defaults", lang=lang)
    st.caption(t("customer.profit_model", lang=lang, model=model_name))
    warn_foreign_defaults(name, currency=currency, lang=lang)
