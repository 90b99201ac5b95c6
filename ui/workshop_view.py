"""Widgets of the workshop: join code and QR, participants, weights and assessments
spread, the consensus list with agreement, discussion queue, pins, rank stability and the
decision; also the participant's own view."""

from __future__ import annotations

import io
import os
from datetime import date

import altair as alt
import polars as pl
import streamlit as st

from analytics.decision import save_decision, workshop_consensus
from analytics.scoring import CRITERIA
from analytics.stability import (
    flip_thresholds,
    rank_stability,
    stability_counts,
    workshop_spread,
)
from analytics.workshop import Consensus, clear_override, overrides, participants, set_override
from ui.access import WORKSHOP_URL_ENV
from ui.charts import ACCENT
from ui.data import get_store, load_customer_table
from ui.i18n import fmt_date, fmt_int, fmt_number, fmt_pct, md, plain, t, texts
from ui.tables import localized, table_height

__all__ = [
    "JOINED_KEY",
    "consensus_table",
    "customer_names",
    "decision_form",
    "discussion_queue_table",
    "join_panel",
    "join_url",
    "load_consensus",
    "mean_line",
    "override_controls",
    "participant_assessments",
    "participant_table",
    "participant_top",
    "participant_weights_sliders",
    "period_text",
    "spread_table",
    "stability_panel",
    "state_version",
    "weights_chart",
]

_KEYS = [c.key for c in CRITERIA]


def state_version(workshop_id: int) -> str:
    """Changes whenever a participant joins, saves weights or assessments, or a pin or an
    exclusion changes: the cache key of the workshop's consensus."""
    row = (
        get_store()
        .query(
            """
            select (select count(*) from workshop_participants where workshop_id = $w),
                   (select max(weights_at) from workshop_participants where workshop_id = $w),
                   (select count(*) from workshop_scores where workshop_id = $w),
                   (select max(assessed_at) from workshop_scores where workshop_id = $w),
                   (select count(*) from workshop_overrides where workshop_id = $w),
                   (select max(set_at) from workshop_overrides where workshop_id = $w)
            """,
            {"w": workshop_id},
        )
        .row(0)
    )
    return "-".join(str(v) for v in row)


@st.cache_resource(show_spinner=False, max_entries=8)
def load_consensus(workshop: dict, version: str, data: str) -> Consensus | None:
    """The workshop's consensus, cached per workshop state and data version; None while
    nobody has saved weights."""
    del version
    table, _ = load_customer_table(workshop["dataset_id"], data, workshop["period"])
    if table is None:
        return None
    try:
        return workshop_consensus(get_store(), workshop, customers=table)
    except ValueError:
        return None


def join_url(code: str) -> str:
    """The address participants open: the workshop server's network address (set by
    `make workshop`), else this browser's own, with the code."""
    base = os.environ.get(WORKSHOP_URL_ENV, "").rstrip("/")
    if not base:
        url = str(getattr(st.context, "url", "") or "")
        base = "/".join(url.split("/")[:3]) if "://" in url else "http://localhost:8501"
    return f"{base}/join?code={code}"


def _qr_png(text: str) -> bytes:
    """A QR code of `text` as PNG, made here (no service asked)."""
    import segno

    buffer = io.BytesIO()
    segno.make(text, error="m").save(buffer, kind="png", scale=8, border=2)
    return buffer.getvalue()


def join_panel(workshop: dict) -> None:
    """The join code, large, with the link and its QR code."""
    url = join_url(workshop["code"])
    left, right = st.columns([2, 1], vertical_alignment="center")
    with left:
        st.caption(t("ws.code"))
        st.html(
            "<div data-testid='ws-code' style='font-size:4.5rem;font-weight:700;"
            f"letter-spacing:.3rem;line-height:1.1'>{workshop['code']}</div>"
        )
        st.markdown(t("ws.join_at", url=url))
    with right:
        st.image(_qr_png(url), caption=plain("ws.qr_alt"), width=220)


def participant_table(workshop_id: int) -> pl.DataFrame:
    """Who joined and who submitted; returns the table shown."""
    table = participants(get_store(), workshop_id)
    st.markdown(
        t(
            "ws.joined_count",
            joined=fmt_int(table.height),
            submitted=fmt_int(int(table["submitted"].sum()) if table.height else 0),
        )
    )
    if table.height:
        # Names as text, large enough for the projector: ✓ = weights sent.
        st.markdown(
            " · ".join(
                f"**{md(name)}** {'✓' if sent else '…'}"
                for name, sent in table.select("name", "submitted").iter_rows()
            )
        )
    return table


def weights_chart(agreed: Consensus) -> alt.LayerChart:
    """Per criterion (most disagreement first) the mean share as a bar and every
    participant's share as a dot."""
    weighted = agreed.weights.filter(pl.col("max_share") > 0)
    order = [plain(f"criterion.{k}") for k in weighted["criterion"]]
    labels = dict(zip(weighted["criterion"], order, strict=True))
    means = weighted.select(
        pl.col("criterion").replace_strict(labels).alias("criterion"),
        pl.col("mean_share"),
        texts(weighted["mean_share"], lambda v: fmt_pct(v, 1), name="mean_text"),
    ).to_pandas()
    shares = agreed.shares.filter(pl.col("criterion").is_in(list(labels)))
    dots = shares.select(
        pl.col("criterion").replace_strict(labels).alias("criterion"),
        pl.col("participant"),
        pl.col("share"),
        texts(shares["share"], lambda v: fmt_pct(v, 1), name="share_text"),
    ).to_pandas()
    y = alt.Y("criterion:N", sort=order, title=None)
    axis = alt.Axis(format="%", title=plain("ws.chart.share"))
    bars = (
        alt.Chart(means)
        .mark_bar(color="#c9d6e3")
        .encode(
            y=y,
            x=alt.X("mean_share:Q", axis=axis),
            tooltip=[
                alt.Tooltip("criterion:N", title=plain("ws.chart.criterion")),
                alt.Tooltip("mean_text:N", title=plain("ws.chart.mean")),
            ],
        )
    )
    points = (
        alt.Chart(dots)
        .mark_circle(size=140, opacity=0.85, color=ACCENT)
        .encode(
            y=y,
            x=alt.X("share:Q", axis=axis),
            tooltip=[
                alt.Tooltip("participant:N", title=plain("ws.chart.participant")),
                alt.Tooltip("criterion:N", title=plain("ws.chart.criterion")),
                alt.Tooltip("share_text:N", title=plain("ws.chart.share")),
            ],
        )
    )
    return (bars + points).properties(height=max(120, 42 * len(order)))


def mean_line(agreed: Consensus) -> str:
    """`Medelvikter: Täckningsbidrag 33 % · Omsättning 23 % …` (largest first)."""
    weighted = agreed.weights.filter(pl.col("mean_share") > 0).sort(
        "mean_share", descending=True, maintain_order=True
    )
    parts = " · ".join(
        f"{t(f'criterion.{k}')} {fmt_pct(v)}"
        for k, v in weighted.select("criterion", "mean_share").iter_rows()
    )
    return t("ws.mean_line", count=len(agreed.participants)) + " " + parts


def customer_names(table: pl.DataFrame) -> dict[str, str]:
    return {
        cid: (name or cid) for cid, name in table.select("customer_id", "customer_name").iter_rows()
    }


def spread_table(agreed: Consensus, names: dict[str, str]) -> None:
    """The participants' assessments per customer and criterion, largest spread first."""
    summary = agreed.assessments
    if summary.is_empty():
        st.caption(t("ws.assess_none"))
        return
    st.caption(t("ws.assess_caption"))
    shown = summary.head(50)
    frame = pl.DataFrame(
        {
            "customer": texts(shown["customer_id"], lambda c: names.get(c, c)),
            "criterion": texts(shown["criterion"], lambda k: plain(f"criterion.{k}")),
        }
    ).hstack(shown.select("mean", "min", "max", "spread", "n"))
    st.dataframe(
        localized(frame, numbers={"mean": 1, "min": 0, "max": 0, "spread": 0}),
        hide_index=True,
        width="stretch",
        height=table_height(frame.height, max_rows=12),
        column_config={
            "customer": t("ws.col.customer"),
            "criterion": t("ws.col.criterion"),
            "mean": t("ws.col.mean"),
            "min": t("ws.col.min"),
            "max": t("ws.col.max"),
            "spread": t("ws.col.spread"),
            "n": t("ws.col.n"),
        },
    )


def consensus_table(agreed: Consensus, *, top: int) -> None:
    """The consensus list's top with tier, score, agreement and pins/exclusions."""
    total = len(agreed.participants)
    holders = dict(agreed.agreement.select("customer_id", "in_top_of").iter_rows())
    listed = agreed.scored.filter(pl.col("rank").is_not_null()).head(top)
    excluded = agreed.scored.filter(pl.col("override") == "exclude")
    shown = pl.concat([listed, excluded], how="vertical_relaxed")
    frame = shown.select(
        "rank",
        "tier",
        "customer_id",
        "customer_name",
        pl.col("score").round(1),
        texts(
            shown["customer_id"],
            lambda c: plain("ws.agree.count", count=len(holders.get(c, [])), total=total),
            name="agreement",
        ),
        texts(shown["customer_id"], lambda c: ", ".join(holders.get(c, [])), name="who"),
        texts(shown["override"], lambda o: plain(f"ws.kind.{o}") if o else "", name="override"),
        pl.col("reason").fill_null(""),
    )
    st.caption(
        t(
            "ws.consensus_caption",
            everyone=fmt_int(len(agreed.everyone)),
            most=fmt_int(len(agreed.most)),
            top=top,
        )
    )
    st.dataframe(
        localized(frame, numbers={"score": 1}),
        hide_index=True,
        width="stretch",
        height=table_height(frame.height),
        column_config={
            "rank": st.column_config.NumberColumn(t("ws.col.rank"), width=50),
            "tier": st.column_config.TextColumn(t("ws.col.tier"), width=50),
            "customer_id": st.column_config.TextColumn(t("field.customer_id"), width="small"),
            "customer_name": t("field.customer_name"),
            "score": t("ws.col.score"),
            "agreement": t("ws.col.agreement"),
            "who": t("ws.col.in_top_of"),
            "override": t("ws.col.override"),
            "reason": t("ws.col.reason"),
        },
    )


def discussion_queue_table(agreed: Consensus, names: dict[str, str], *, top: int) -> None:
    """The contested customers, most evenly split first."""
    queue = agreed.queue
    if queue.is_empty():
        st.caption(t("ws.queue_empty", top=top))
        return
    st.caption(t("ws.queue_caption", top=top))
    frame = pl.DataFrame(
        {
            "customer": texts(queue["customer_id"], lambda c: names.get(c, c)),
            "in_top_of": texts(queue["in_top_of"], ", ".join),
            "not_in_top_of": texts(queue["not_in_top_of"], ", ".join),
        }
    ).with_columns(queue["consensus_rank"].alias("rank"))
    st.dataframe(
        frame.to_pandas(),
        hide_index=True,
        width="stretch",
        height=table_height(frame.height, max_rows=12),
        column_config={
            "customer": t("ws.col.customer"),
            "in_top_of": t("ws.col.in_top_of"),
            "not_in_top_of": t("ws.col.not_in_top_of"),
            "rank": st.column_config.NumberColumn(t("ws.col.rank")),
        },
    )


def override_controls(workshop_id: int, names: dict[str, str]) -> None:
    """Pin a customer into the list or exclude it, with a reason; remove one again."""
    store = get_store()
    with st.form("ws_override_form", clear_on_submit=True):
        cols = st.columns([2, 1])
        customer = cols[0].selectbox(
            t("ws.override_customer"),
            list(names),
            format_func=lambda c: f"{names[c]} ({c})" if names[c] != c else c,
            key="ws_override_customer",
        )
        kind = cols[1].radio(
            t("ws.override_kind"),
            ("pin", "exclude"),
            format_func={k: t(f"ws.kind.{k}") for k in ("pin", "exclude")}.get,
            key="ws_override_kind",
        )
        reason = st.text_input(t("ws.override_reason"), key="ws_override_reason")
        if st.form_submit_button(t("ws.override_save"), icon=":material/push_pin:"):
            if not reason.strip():
                st.warning(t("ws.override_need_reason"), icon=":material/warning:")
            else:
                set_override(store, workshop_id, customer, kind=kind, reason=reason)
                st.rerun()
    current = overrides(store, workshop_id)
    if current.is_empty():
        st.caption(t("ws.overrides_none"))
    for cid, kind, reason, _ in current.iter_rows():
        cols = st.columns([4, 1], vertical_alignment="center")
        cols[0].markdown(f"**{t(f'ws.kind.{kind}')}** · {md(names.get(cid, cid))} · {md(reason)}")
        if cols[1].button(t("ws.override_clear"), key=f"ws_override_clear_{cid}"):
            clear_override(store, workshop_id, cid)
            st.rerun()


@st.cache_data(show_spinner=False, max_entries=16)
def _stability(
    _table: pl.DataFrame,
    key: str,
    weights: tuple,
    spread: float | tuple,
    samples: int,
) -> pl.DataFrame:
    del key
    chosen = dict(spread) if isinstance(spread, tuple) else spread
    return rank_stability(_table, weights=dict(weights), spread=chosen, samples=samples, seed=0)


def _flip_sentence(flip: dict, name: str) -> str:
    outcome = "leaves" if flip["now_a"] else "enters"
    return t(
        f"stab.flip.{outcome}.{flip['direction']}",
        name=name,
        criterion=plain(f"criterion.{flip['criterion']}"),
        start=fmt_number(flip["current"], 0),
        end=fmt_number(flip["threshold"], 1),
    )


def stability_panel(
    table: pl.DataFrame,
    weights: dict[str, float],
    *,
    key: str,
    prefix: str,
    disagreement: pl.DataFrame | None = None,
    samples: int = 200,
) -> None:
    """Rank stability around `weights` over `table` (counts, the border customers, and
    for a chosen customer the single-weight change that moves it, in words).

    `key` identifies the table (data version and period) for the cache; `prefix` the
    page's session keys; `disagreement` (a `weight_consensus` table) offers the
    participants' disagreement as the spread.
    """
    choices = ("disagreement", "points") if disagreement is not None else ("points",)
    cols = st.columns([2, 2])
    source = (
        cols[0].segmented_control(
            t("stab.spread_source"),
            choices,
            format_func={c: t(f"stab.spread.{c}") for c in choices}.get,
            default=choices[0],
            key=f"{prefix}_stab_source",
        )
        or choices[0]
    )
    if source == "disagreement":
        spread: float | tuple = tuple(sorted(workshop_spread(disagreement).items()))
        spread_text = t("stab.spread_disagreement")
    else:
        points = cols[1].slider(t("stab.points"), 0, 50, 10, step=5, key=f"{prefix}_stab_points")
        spread, spread_text = float(points), t("stab.spread_points", points=points)
    stable = _stability(table, key, tuple(sorted(weights.items())), spread, samples)
    st.caption(t("stab.caption", samples=fmt_int(samples), spread=spread_text))
    counts = stability_counts(stable)
    metric_cols = st.columns(3)
    for col, status in zip(metric_cols, ("always_a", "border", "never_a"), strict=True):
        label = {"always_a": "stab.always", "border": "stab.border", "never_a": "stab.never"}
        col.metric(t(label[status]), fmt_int(counts[status]))
    names = customer_names(table)
    border = stable.filter(pl.col("status") == "border").head(30)
    if not border.is_empty():
        st.markdown(f"**{t('stab.border_list')}**")
        frame = pl.DataFrame(
            {
                "customer": texts(border["customer_id"], lambda c: names.get(c, c)),
                "p_a": texts(border["p_a"], fmt_pct),
                "range": texts(
                    border.select("rank_p05", "rank_p95").rows(), lambda r: f"{r[0]}–{r[1]}"
                ),
            }
        )
        st.dataframe(
            frame.to_pandas(),
            hide_index=True,
            width="stretch",
            height=table_height(frame.height, max_rows=10),
            column_config={
                "customer": t("ws.col.customer"),
                "p_a": t("stab.col.p_a"),
                "range": t("stab.col.range"),
            },
        )
    st.markdown(f"**{t('stab.flip')}**")
    candidates = stable["customer_id"].head(60).to_list()
    chosen = st.selectbox(
        t("stab.flip_customer"),
        candidates,
        format_func=lambda c: names.get(c, c),
        key=f"{prefix}_stab_customer",
    )
    if chosen:
        flips = flip_thresholds(table, weights=weights, customer_id=chosen)
        name = names.get(chosen, chosen)
        if flips:
            for flip in flips[:3]:
                st.markdown(_flip_sentence(flip, name))
        else:
            in_a = stable.filter(pl.col("customer_id") == chosen)["p_a"][0] > 0.5
            st.markdown(t("stab.flip.none_a" if in_a else "stab.flip.none", name=name))


def decision_form(workshop: dict, agreed: Consensus, *, period: object) -> None:
    """ "Fastställ fokuslistan": name and notes, then an immutable, dated decision."""
    st.caption(t("dec.caption"))
    with st.form("ws_decision_form"):
        name = st.text_input(
            t("dec.name"),
            value=plain("dec.name_default", year=date.today().year + 1),
            key="ws_decision_name",
        )
        notes = st.text_area(t("dec.notes"), key="ws_decision_notes")
        sent = st.form_submit_button(t("dec.save"), type="primary", icon=":material/gavel:")
    if sent:
        try:
            save_decision(
                get_store(), name=name, workshop=workshop, period=period, agreed=agreed, notes=notes
            )
        except ValueError:
            st.warning(t("dec.name_taken", name=name), icon=":material/warning:")
        else:
            st.success(t("dec.saved", name=name), icon=":material/check_circle:")


def period_text(workshop: dict, dataset_name: str, period: object) -> str:
    """`Data · 2025-11-01 – 2026-10-31 · topp 20`."""
    return t(
        "ws.period_caption",
        dataset=dataset_name,
        start=fmt_date(period.start),
        end=fmt_date(period.end),
        top=int(workshop["top_n"]),
    )


# --- the participant's own view --------------------------------------------------------

# Page-only session keys of the join page.
JOINED_KEY = "join_who"  # (workshop code, participant name) once joined
_GENERATION_KEY = "join_generation"  # bumped after saving assessments: a fresh editor
_SAVED_KEY = "join_saved"  # number of assessments saved by the last click, shown once


def _slider_key(criterion: str) -> str:
    return f"join_w_{criterion}"


def _own_weights(workshop_id: int, name: str) -> dict[str, float] | None:
    from analytics.workshop import participant_weights

    return participant_weights(get_store(), workshop_id).get(name)


def _save_own_weights(workshop_id: int, name: str) -> None:
    from analytics.workshop import save_participant_weights

    weights = {k: float(st.session_state.get(_slider_key(k), 0)) for k in _KEYS}
    if sum(weights.values()) > 0:
        save_participant_weights(get_store(), workshop_id, name, weights)


def participant_weights_sliders(workshop: dict, name: str) -> dict[str, float]:
    """The participant's own sliders (the focus list's criteria, 0–100), from their saved
    weights or the defaults; once sent, every move is saved. Returns the weights."""
    from analytics.scoring import DEFAULT_WEIGHTS, weight_shares

    workshop_id = workshop["workshop_id"]
    saved = _own_weights(workshop_id, name)
    owner = (workshop["code"], name)
    if st.session_state.get("join_w_owner") != owner:
        st.session_state["join_w_owner"] = owner
        start = saved or DEFAULT_WEIGHTS
        for key in _KEYS:
            st.session_state[_slider_key(key)] = int(start.get(key, 0))
    st.caption(t("join.weights_intro"))
    weights: dict[str, float] = {}
    for source in ("data", "team"):
        st.markdown(f"**{t(f'focus.source.{source}')}**")
        for c in (c for c in CRITERIA if c.source == source):
            weights[c.key] = float(
                st.slider(
                    t(f"criterion.{c.key}"),
                    min_value=0,
                    max_value=100,
                    step=5,
                    key=_slider_key(c.key),
                    help=t(f"criterion.{c.key}.help"),
                    on_change=_save_own_weights if saved else None,
                    args=(workshop_id, name) if saved else None,
                )
            )
    shares = weight_shares(weights)
    st.caption(
        t("focus.shares")
        + " "
        + " · ".join(f"{t(f'criterion.{k}')} {fmt_pct(v)}" for k, v in shares.items() if v > 0)
    )
    if saved:
        st.success(t("join.sent"), icon=":material/check_circle:")
    else:
        st.caption(t("join.not_sent"))
        if st.button(
            t("join.submit_weights"),
            type="primary",
            disabled=sum(weights.values()) <= 0,
            key="join_send",
            width="stretch",
        ):
            _save_own_weights(workshop_id, name)
            st.rerun()
    return weights


def _own_scores_wide(workshop_id: int, name: str) -> pl.DataFrame:
    """The participant's own assessments, wide (customer_id and one column per team
    criterion, null = not assessed)."""
    from analytics.scoring import TEAM_CRITERIA
    from analytics.workshop import workshop_scores

    long = workshop_scores(get_store(), workshop_id).filter(pl.col("participant") == name)
    schema = {"customer_id": pl.String, **dict.fromkeys(TEAM_CRITERIA, pl.Float64)}
    if long.is_empty():
        return pl.DataFrame(schema=schema)
    wide = long.pivot(on="criterion", index="customer_id", values="value")
    missing = [pl.lit(None, pl.Float64).alias(k) for k in TEAM_CRITERIA if k not in wide.columns]
    return wide.with_columns(missing).select(list(schema))


def participant_assessments(workshop: dict, name: str, table: pl.DataFrame) -> None:
    """The participant's own 1–5 scores of the customers in question (the period's
    largest, twice the top list's length), saved with one button."""
    from analytics.team import assessment_rows, score_changes
    from analytics.workshop import save_participant_scores
    from ui.team_view import score_editor

    workshop_id = workshop["workshop_id"]
    st.caption(t("join.assess_intro"))
    if (saved := st.session_state.pop(_SAVED_KEY, None)) is not None:
        st.success(t("join.assess_saved", count=fmt_int(saved)), icon=":material/check_circle:")
    own = _own_scores_wide(workshop_id, name)
    rows = assessment_rows(
        table.select("customer_id", "customer_name", "revenue"),
        own,
        top=2 * int(workshop["top_n"]),
    )
    generation = st.session_state.get(_GENERATION_KEY, 0)
    edited = score_editor(rows, key=f"join_editor_{generation}_{workshop['code']}")
    changes = score_changes(rows, edited)
    if st.button(
        t("join.save_assess", count=fmt_int(changes.height)),
        type="primary",
        disabled=changes.is_empty(),
        key="join_save_assess",
        width="stretch",
    ):
        save_participant_scores(get_store(), workshop_id, name, changes)
        st.session_state[_SAVED_KEY] = changes.height
        st.session_state[_GENERATION_KEY] = generation + 1
        st.rerun()


def participant_top(
    workshop: dict, name: str, table: pl.DataFrame, weights: dict[str, float]
) -> None:
    """The participant's own top N, live with the sliders and their own assessments."""
    from analytics.workshop import participant_list, workshop_scores

    top = int(workshop["top_n"])
    if sum(weights.values()) <= 0:
        st.warning(t("join.all_zero"), icon=":material/warning:")
        return
    mine = workshop_scores(get_store(), workshop["workshop_id"]).filter(
        pl.col("participant") == name
    )
    scored = participant_list(table, weights=weights, scores=mine).head(top)
    st.caption(t("join.top_caption", top=top))
    frame = scored.select("rank", "tier", "customer_name", pl.col("score").round(1))
    st.dataframe(
        localized(frame, numbers={"score": 1}),
        hide_index=True,
        width="stretch",
        height=table_height(frame.height),
        column_config={
            "rank": st.column_config.NumberColumn(t("ws.col.rank"), width=40),
            "tier": st.column_config.TextColumn(t("ws.col.tier"), width=40),
            "customer_name": t("field.customer_name"),
            "score": t("ws.col.score"),
        },
    )
