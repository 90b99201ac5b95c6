"""Widgets of the customer page: the customer picker, headline numbers, charts of
history, product groups and score breakdown, and payment behaviour."""

from __future__ import annotations

from datetime import date

import altair as alt
import polars as pl
import streamlit as st

from analytics.customer import (
    customer_exists,
    customer_history,
    payment_behaviour,
    product_group_mix,
)
from analytics.metrics import Period
from analytics.scoring import score_customers
from ui.charts import ACCENT, chart_data, number_axis
from ui.data import get_store, masking
from ui.focus_view import stored_weights
from ui.i18n import (
    fmt_date,
    fmt_int,
    fmt_money,
    fmt_number,
    fmt_pct,
    lang,
    money_unit,
    t,
    texts,
)

__all__ = [
    "PICK_KEY",
    "breakdown_chart",
    "headline",
    "history_chart",
    "load_history",
    "load_mix",
    "load_payment",
    "mix_chart",
    "payment_section",
    "pick_customer",
    "score_headline",
    "scored_table",
]

PICK_KEY = "cust_id"  # the select box
_LAST_KEY = "cust_last"  # the last choice, kept across pages (widget state is not)
_QUERY_SEEN_KEY = "cust_query_seen"  # the ?id= of the last run
_WANTED_KEY = "cust_wanted"  # a linked customer not in the period (yet)

_SECOND = "#d98c2b"
_GREY = "#9aa5b1"
# Category labels in full, every one of them (Altair hides overlapping ones by default).
_LABELS = alt.Axis(labelLimit=260, labelOverlap=False)


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


def pick_customer(scored: pl.DataFrame, *, dataset_id: int) -> str:
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
    elif wanted and not customer_exists(get_store(), dataset_id=dataset_id, customer_id=wanted):
        st.warning(t("customer.unknown", id=wanted), icon=":material/info:")
        _forget_link()
        wanted = None
    elif wanted:
        st.warning(t("customer.not_in_period", id=wanted), icon=":material/info:")
    if st.session_state.get(PICK_KEY) not in known:
        last = st.session_state.get(_LAST_KEY)
        st.session_state[PICK_KEY] = last if last in known else ids[0]
    masked = masking()

    def label(i: str) -> str:
        if masked:  # the pseudonym alone: a customer number can be looked up
            return names[i]
        return f"{names[i]} · {i}" if names[i] else i

    chosen = st.selectbox(
        t("customer.pick"),
        ids,
        format_func=label,
        key=PICK_KEY,
        help=t("customer.pick_help"),
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


def _metric(col, label: str, value: str, *, help_text: str, unknown: bool, note=None) -> None:
    """A metric whose value is `–` (with an "unknown" help) when the data cannot say; the
    note under it is information, not a change, so it has neither arrow nor colour."""
    col.metric(
        label,
        "–" if unknown else value,
        delta=None if unknown else note,
        delta_color="off",
        delta_arrow="off",
        help=t("customer.unknown_help") if unknown else help_text,
    )


def _pct(value: float | None) -> float | None:
    """Per cent (12.5) as the fraction `fmt_pct` takes (0.125)."""
    return None if value is None else value / 100


def _days(value: float | None, *, decimals: int = 1) -> str:
    """`3,2 dagar` / `3.2 days`; `–` when unknown."""
    return "–" if value is None else t("customer.days", n=fmt_number(value, decimals))


def headline(row: dict, period: Period) -> None:
    """Revenue, margin, growth, invoices, recency, tenure, payment delay and breadth of
    the period's per-customer table row (the numbers the focus list scores)."""
    revenue, margin = row["revenue"], row["gross_margin"]
    span = {"start": fmt_date(period.start), "end": fmt_date(period.end)}
    cols = st.columns(4)
    _metric(
        cols[0],
        t("customer.revenue"),
        fmt_money(revenue, compact=True),
        help_text=t("customer.revenue_help", **span),
        unknown=revenue is None,
    )
    _metric(
        cols[1],
        t("criterion.gross_margin"),
        fmt_money(margin, compact=True),
        help_text=t("criterion.gross_margin.help"),
        unknown=margin is None,
        note=(
            t("customer.margin_pct", pct=fmt_pct(_pct(row["margin_pct"]), 1))
            if row["margin_pct"] is not None
            else None
        ),
    )
    _metric(
        cols[2],
        t("criterion.growth"),
        fmt_pct(_pct(row["growth"])),
        help_text=t("criterion.growth.help"),
        unknown=row["growth"] is None,
        note=t("customer.previous", amount=fmt_money(row["previous_revenue"], compact=True)),
    )
    _metric(
        cols[3],
        t("customer.invoices"),
        fmt_int(row["invoices"]),
        help_text=t("customer.invoices_help", **span),
        unknown=row["invoices"] is None,
        note=t("customer.per_year", n=fmt_number(row["frequency"], 1)),
    )
    cols = st.columns(4)
    _metric(
        cols[0],
        t("customer.recency"),
        fmt_int(row["recency"]),
        help_text=t("criterion.recency.help"),
        unknown=row["recency"] is None,
        note=t("customer.last", date=fmt_date(row["last_purchase"])),
    )
    _metric(
        cols[1],
        t("customer.tenure"),
        fmt_number(row["tenure"], 1),
        help_text=t("criterion.tenure.help"),
        unknown=row["tenure"] is None,
        note=t("customer.since", date=fmt_date(row["first_purchase"])),
    )
    _metric(
        cols[2],
        t("customer.payment_delay"),
        fmt_number(row["payment_delay"], 1),
        help_text=t("criterion.payment_delay.help"),
        unknown=row["payment_delay"] is None,
    )
    _metric(
        cols[3],
        t("customer.breadth"),
        fmt_int(row["breadth"]),
        help_text=t("criterion.breadth.help"),
        unknown=row["breadth"] is None,
    )


def score_headline(row: dict, customers: int, *, own_weights: bool) -> None:
    """Rank, tier and score, and which weights they come from."""
    cols = st.columns(3)
    cols[0].metric(
        t("customer.rank"),
        t("customer.rank_of", rank=fmt_int(row["rank"]), total=fmt_int(customers)),
    )
    cols[1].metric(t("customer.tier"), row["tier"])
    cols[2].metric(
        t("customer.score"),
        fmt_number(row["score"], 1),
        delta=t("customer.assessed", pct=fmt_pct(row["assessed"])),
        delta_color="off",
        delta_arrow="off",
        help=t("customer.assessed_help"),
    )
    st.caption(t("customer.weights_focus" if own_weights else "customer.weights_default"))


def payment_section(pay: dict) -> None:
    """Share paid late, the longest delay, unpaid and overdue invoices (2 × 2)."""
    if not pay["known"] and not pay["unpaid"]:
        st.caption(t("customer.pay_unknown"))
        return
    top, bottom = st.columns(2), st.columns(2)
    _metric(
        top[0],
        t("customer.pay_late_share"),
        fmt_pct(pay["late_share"]),
        help_text=t("customer.pay_late_help"),
        unknown=pay["late_share"] is None,
        note=t("customer.pay_late_of", late=fmt_int(pay["paid_late"]), paid=fmt_int(pay["paid"])),
    )
    _metric(
        top[1],
        t("customer.pay_max"),
        (
            t("customer.on_time")
            if pay["max_days_late"] is not None and pay["max_days_late"] <= 0
            else _days(pay["max_days_late"], decimals=0)
        ),
        help_text=t("customer.pay_max_help"),
        unknown=pay["max_days_late"] is None,
    )
    _metric(
        bottom[0],
        t("customer.pay_unpaid"),
        fmt_int(pay["unpaid"]),
        help_text=t("customer.pay_unpaid_help"),
        unknown=False,
        note=fmt_money(pay["unpaid_amount"]),
    )
    _metric(
        bottom[1],
        t("customer.pay_overdue"),
        fmt_int(pay["overdue"]),
        help_text=t("customer.pay_overdue_help"),
        unknown=False,
    )


# --- charts ---------------------------------------------------------------------------


def _unit(values: pl.Series) -> tuple[float, str]:
    """A divisor and its unit label so that amounts read well: kr, tkr or MSEK (in the
    data set's currency)."""
    largest = values.abs().max() if values.len() else 0
    largest = float(largest or 0)
    if largest >= 1e6:
        return 1e6, money_unit(1e6)
    if largest >= 1e4:
        return 1e3, money_unit(1e3)
    return 1.0, money_unit()


def _month_format() -> str:
    return "%Y-%m" if lang() == "sv" else "%b %Y"


def history_chart(history: pl.DataFrame) -> alt.LayerChart:
    """Revenue (bars) and gross margin (line) per month, in kr, tkr or MSEK."""
    divisor, unit = _unit(pl.concat([history["revenue"], history["gross_margin"].drop_nulls()]))
    revenue, margin = t("criterion.revenue"), t("criterion.gross_margin")
    # Tooltips show text in the chosen language, not Vega's number formats.
    data = history.select(
        "month",
        pl.col("revenue").alias(revenue),
        pl.col("gross_margin").alias(margin),
    ).unpivot(index="month", variable_name="measure", value_name="raw")
    data = data.with_columns(
        (pl.col("raw") / divisor).alias("amount"),
        texts(data["raw"], fmt_money, name="text"),
    ).drop("raw")
    color = alt.Color(
        "measure:N",
        title=None,
        scale=alt.Scale(domain=[revenue, margin], range=[ACCENT, _SECOND]),
        legend=alt.Legend(orient="top"),
    )
    month = alt.X(
        "yearmonth(month):T",
        title=t("overview.month"),
        axis=alt.Axis(format=_month_format(), labelAngle=0),
    )
    tooltip = [
        alt.Tooltip("yearmonth(month):T", title=t("overview.month"), format=_month_format()),
        alt.Tooltip("measure:N", title=" "),
        alt.Tooltip("text:N", title=t("customer.amount")),
    ]
    base = alt.Chart(data.pipe(chart_data)).encode(
        x=month,
        y=alt.Y("amount:Q", axis=number_axis(unit, fmt=_axis_format(divisor))),
        color=color,
        tooltip=tooltip,
    )
    bars = base.transform_filter(alt.datum.measure == revenue).mark_bar(opacity=0.85)
    line = base.transform_filter(alt.datum.measure == margin).mark_line(point=True)
    return alt.layer(bars, line).properties(height=280)


def _axis_format(divisor: float) -> str:
    """Whole numbers for kr and tkr, one decimal for MSEK."""
    return ",.1f" if divisor >= 1e6 else ",.0f"


def mix_chart(mix: pl.DataFrame) -> alt.Chart:
    """Revenue per product group (horizontal bars, largest first) with share and margin."""
    divisor, unit = _unit(mix["revenue"])
    data = mix.select(
        pl.col("product_group").fill_null(t("customer.no_group")).alias("group"),
        (pl.col("revenue") / divisor).alias("amount"),
        texts(mix["revenue"], fmt_money, name="revenue"),
        texts(mix["share"], lambda v: fmt_pct(v, 1), name="share"),
        texts(mix["margin_pct"] / 100, lambda v: fmt_pct(v, 1), name="margin_pct"),
    ).pipe(chart_data)
    return (
        alt.Chart(data)
        .mark_bar(color=ACCENT)
        .encode(
            y=alt.Y("group:N", sort=None, title=None, axis=_LABELS),
            x=alt.X("amount:Q", axis=number_axis(unit, fmt=_axis_format(divisor))),
            tooltip=[
                alt.Tooltip("group:N", title=t("field.product_group")),
                alt.Tooltip("revenue:N", title=t("criterion.revenue")),
                alt.Tooltip("share:N", title=t("customer.share")),
                alt.Tooltip("margin_pct:N", title=t("criterion.margin_pct")),
            ],
        )
        .properties(height=max(120, 44 * len(data)))
    )


def breakdown_chart(comparison: pl.DataFrame, *, customer: str) -> alt.Chart:
    """Points per criterion: this customer next to the A-tier average (grouped bars)."""
    average = t("customer.a_average")
    data = comparison.select(
        texts(comparison["criterion"], lambda k: t(f"criterion.{k}"), name="criterion"),
        pl.col("customer").alias(customer),
        pl.col("tier_average").alias(average),
    ).unpivot(index="criterion", variable_name="who", value_name="points")
    data = data.with_columns(texts(data["points"], lambda v: fmt_number(v, 1), name="text")).pipe(
        chart_data
    )
    order = [t(f"criterion.{k}") for k in comparison["criterion"]]
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            y=alt.Y("criterion:N", sort=order, title=None, axis=_LABELS),
            yOffset=alt.YOffset("who:N", sort=[customer, average]),
            x=alt.X("points:Q", axis=number_axis(t("customer.points"))),
            color=alt.Color(
                "who:N",
                title=None,
                scale=alt.Scale(domain=[customer, average], range=[ACCENT, _GREY]),
                legend=alt.Legend(orient="top", labelLimit=400),
            ),
            tooltip=[
                alt.Tooltip("criterion:N", title=t("customer.criterion")),
                alt.Tooltip("who:N", title=" "),
                alt.Tooltip("text:N", title=t("customer.points")),
            ],
        )
        .properties(height=max(160, 56 * len(order)))
    )
