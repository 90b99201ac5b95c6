"""The plan page's other Streamlit sections: choosing the customer, the team list, plans
for many customers at once (the focus list's or a decision's A customers) and importing
account plans from a file. They place what `ui.plans` builds, in the language `lang`
the page passes down."""

from __future__ import annotations

import polars as pl
import streamlit as st

from analytics.decision import decisions
from analytics.export import to_csv_bytes
from analytics.ingest.errors import IngestError
from analytics.plan_import import import_plans, plan_columns
from analytics.plan_tables import decision_plan_candidates, plans, team
from analytics.plans import add_member, create_plans, restore
from analytics.scoring import score_customers
from locales import t
from locales.formats import fmt_int
from ui.data import data_version, get_store, load_customer_table
from ui.focus_view import stored_weights
from ui.i18n import error_text
from ui.import_view import chosen_mapping, profile_form
from ui.imports.tables import rejected_labels, rejected_table
from ui.place import offer_file, show_rows
from ui.plans.editors import team_columns, team_rows
from ui.plans.sentences import candidates_text, created_text, import_counts, import_reasons
from ui.plans.tables import customer_label, customer_order
from ui.plans_view import bump, editor, say
from ui.upload import UPLOAD_TYPES, upload_file

__all__ = [
    "a_customers",
    "customer_names",
    "import_section",
    "pick_customer",
    "start_section",
    "team_section",
]

_PICK_KEY = "plans_customer"
_REPORT_KEY = "plans_import_report"


def _ranked(dataset_id: int) -> pl.DataFrame | None:
    """Every customer of the data set (names masked while masking) with tier and rank on
    the focus list of the last 12 months with the data set's weights."""
    version = data_version(dataset_id)
    table, _period = load_customer_table(dataset_id, version, "all")
    if table is None:
        return None
    recent, _period = load_customer_table(dataset_id, version, "12m")
    scored = None
    if recent is not None and not recent.is_empty():
        try:
            scored = score_customers(recent, weights=stored_weights(dataset_id)[0])
        except ValueError:  # every weight zero: no tiers
            scored = None
    customers = table.select("customer_id", "customer_name")
    if scored is None:
        return customers.with_columns(
            pl.lit(None, pl.String).alias("tier"), pl.lit(None, pl.Int64).alias("rank")
        )
    return customers.join(
        scored.select("customer_id", "tier", "rank"), on="customer_id", how="left"
    )


def customer_names(dataset_id: int) -> dict[str, str]:
    """{customer_id: name as the page may show it (the pseudonym while masking)}."""
    ranked = _ranked(dataset_id)
    if ranked is None:
        return {}
    return {c: n or c for c, n in ranked.select("customer_id", "customer_name").iter_rows()}


def pick_customer(dataset: dict, *, masked: bool, lang: str) -> str | None:
    """A searchable select box of every customer: those with a plan first, then by rank
    on the focus list. Returns the chosen customer's number (None: no customers)."""
    customers = _ranked(dataset["dataset_id"])
    if customers is None or customers.is_empty():
        return None
    planned = set(plans(get_store(), dataset=dataset["name"])["customer_id"].to_list())
    order = customer_order(customers, planned)
    facts = {r["customer_id"]: r for r in customers.iter_rows(named=True)}
    if st.session_state.get(_PICK_KEY) not in facts:
        st.session_state.pop(_PICK_KEY, None)
    return st.selectbox(
        t("plans.pick", lang=lang),
        order,
        format_func=lambda c: customer_label(
            c,
            facts[c]["customer_name"],
            tier=facts[c]["tier"],
            planned=c in planned,
            masked=masked,
            lang=lang,
        ),
        key=_PICK_KEY,
    )


def team_section(*, by: str, lang: str) -> None:
    """The team list (owners are chosen from it): role and e-mail edited in place, a row
    deleted is archived; a form adds a person; archived people come back."""
    store = get_store()
    members = team(store, archived=True)
    active = members.filter(~pl.col("archived"))
    st.caption(t("plans.team_intro", lang=lang))
    editor(
        "team",
        team_rows(active),
        active["person"].to_list(),
        team_columns(lang=lang),
        plan_id=None,
        by=by,
        prefix="plans",
        lang=lang,
        num_rows="delete",
    )
    with st.form("plans_member", clear_on_submit=True, border=False):
        cols = st.columns([2, 2, 2, 1], vertical_alignment="bottom")
        person = cols[0].text_input(t("plans.col.person", lang=lang), key="plans_member_name")
        role = cols[1].text_input(t("plans.col.role", lang=lang), key="plans_member_role")
        email = cols[2].text_input(t("plans.col.email", lang=lang), key="plans_member_email")
        added = cols[3].form_submit_button(
            t("plans.add", lang=lang), icon=":material/add:", key="plans_member_go"
        )
    if added and person.strip():
        add_member(store, person, role=role, email=email, by=by or None)
        say("plans", "success", t("plans.member_added", lang=lang, person=person.strip()))
        bump("plans")
        st.rerun()
    gone = members.filter(pl.col("archived"))["person"].to_list()
    if gone:
        cols = st.columns([3, 1], vertical_alignment="bottom")
        pick = cols[0].selectbox(t("plans.archived_people", lang=lang), gone, key="plans_gone")
        if cols[1].button(t("plans.restore", lang=lang), key="plans_restore_member"):
            restore(store, "team", pick, by=by or None)
            bump("plans")
            st.rerun()


def a_customers(dataset: dict) -> pl.DataFrame:
    """The A customers of the focus list (12 months, the data set's weights) by rank."""
    ranked = _ranked(dataset["dataset_id"])
    if ranked is None:
        return pl.DataFrame(schema={"customer_id": pl.String, "customer_name": pl.String})
    return ranked.filter(pl.col("tier") == "A").sort("rank").select("customer_id", "customer_name")


def start_section(dataset: dict, *, by: str, lang: str) -> None:
    """Plans for every A customer without one: of the focus list as it stands, or of a
    saved decision."""
    store = get_store()
    name = dataset["name"]
    saved = decisions(store).filter(pl.col("dataset_name") == name)["name"].to_list()
    source = st.segmented_control(
        t("plans.start_from", lang=lang),
        ["focus", "decision"] if saved else ["focus"],
        format_func={
            "focus": t("plans.from_focus", lang=lang),
            "decision": t("plans.from_decision", lang=lang),
        }.get,
        default="focus",
        key="plans_start_source",
    )
    existing = set(plans(store, dataset=name, archived=True)["customer_id"].to_list())
    if source == "decision":
        chosen = st.selectbox(t("plans.decision", lang=lang), saved, key="plans_start_decision")
        wanted = decision_plan_candidates(store, chosen)
    else:
        tier_a = a_customers(dataset)
        wanted = [c for c in tier_a["customer_id"].to_list() if c not in existing]
    shown = customer_names(dataset["dataset_id"])
    st.markdown(candidates_text([shown.get(c, c) for c in wanted], lang=lang))
    if st.button(
        t("plans.create_many", lang=lang, count=fmt_int(len(wanted), lang=lang)),
        type="primary",
        disabled=not wanted,
        key="plans_create_many",
    ):
        done = create_plans(store, dataset=name, customer_ids=wanted, by=by or None)
        say("plans", "success", created_text(len(done["created"]), len(done["skipped"]), lang=lang))
        bump("plans")
        st.rerun()


# The columns of a plans file, with the catalog key of each one's name.
_PLAN_FIELD_KEYS: dict[str, str] = {
    "customer_id": "field.customer_id",
    "customer_name": "field.customer_name",
    "goal": "plans.col.goal",
    "activity": "plans.col.title",
    "owner": "plans.col.owner",
    "due": "plans.col.due",
    "status": "plans.col.status",
}


def _import_file(path, uploaded, *, dataset: dict, by: str, lang: str) -> None:
    """The columns of the file (preset by a saved profile or by their names; the user
    changes them and saves them as a profile) and the button that imports it."""
    columns = plan_columns(path, store=get_store(), name=uploaded.name)
    if columns.profile:
        st.info(
            t("import.mapping_profile", lang=lang, name=columns.profile), icon=":material/bookmark:"
        )
    key = f"plans_map_{uploaded.file_id}"
    complete = {"activity", "owner"} <= columns.mapping.keys()
    with st.expander(t("import.mapping", lang=lang), expanded=not complete):
        st.caption(t("import.mapping_help", lang=lang))
        labels = {fld: t(k, lang=lang) for fld, k in _PLAN_FIELD_KEYS.items()}
        mapping = chosen_mapping(
            columns.headers, columns.mapping, labels=labels, key=key, lang=lang
        )
        profile_form(columns.headers, mapping, key=key, lang=lang)
    if st.button(t("plans.import_go", lang=lang), type="primary", key="plans_import_go"):
        report = import_plans(
            get_store(), path, dataset=dataset["name"], name=uploaded.name, by=by or None,
            mapping=mapping,
        )  # fmt: skip
        st.session_state[_REPORT_KEY] = report
        bump("plans")


def import_section(dataset: dict, *, by: str, currency: str, lang: str) -> None:
    """Account plans from Excel or CSV, one row per activity; the rows that cannot be
    used are listed with line and reason, as for a sales import."""
    st.caption(t("plans.import_intro", lang=lang))
    uploaded = st.file_uploader(
        t("plans.import_file", lang=lang), type=UPLOAD_TYPES, key="plans_import_file"
    )
    if uploaded is not None:
        try:
            with upload_file(uploaded) as path:
                _import_file(path, uploaded, dataset=dataset, by=by, lang=lang)
        except IngestError as exc:
            st.error(error_text(exc, lang=lang), icon=":material/error:")
    report = st.session_state.get(_REPORT_KEY)
    if report is None or report.dataset != dataset["name"]:
        return
    cols = st.columns(3)
    for col, key, count in zip(
        cols,
        ("import.rows_read", "import.rows_loaded", "import.rows_rejected"),
        (report.rows_read, report.rows_loaded, report.rows_rejected),
        strict=True,
    ):
        col.metric(t(key, lang=lang), fmt_int(count, lang=lang))
    st.markdown(import_counts(report, lang=lang))
    if not report.rows_rejected:
        return
    st.markdown(import_reasons(report, lang=lang))
    table = rejected_table(get_store().rejected_rows(report.import_id), lang=lang).drop("revenue")
    show_rows(table, rows=table.height, labels=rejected_labels(currency=currency, lang=lang))
    offer_file(
        st,
        t("import.download_rejected", lang=lang),
        to_csv_bytes(table),
        file_name=f"avvisade_planrader_{report.import_id}.csv",
        key="plans_import_rejected",
    )
