"""Customer: one customer's numbers, history, product groups, payment behaviour, and why
the customer sits where it does on the focus list (`?id=<customer id>` picks one)."""

from __future__ import annotations

import streamlit as st

from analytics.customer import tier_comparison
from ui.customer_view import (
    breakdown_chart,
    headline,
    history_chart,
    load_history,
    load_mix,
    load_payment,
    mix_chart,
    payment_section,
    pick_customer,
    score_headline,
    scored_table,
)
from ui.data import (
    current_dataset,
    data_version,
    empty_state,
    load_customer_table,
    masking,
    period_control,
)
from ui.i18n import fmt_date, md, t

st.title(t("customer.title"))
dataset = current_dataset()
period_spec = period_control(key="cust_period")
table, period = (None, None)
if dataset is not None:
    version = data_version(dataset["dataset_id"])
    table, period = load_customer_table(dataset["dataset_id"], version, period_spec)
if table is None or table.is_empty():
    empty_state("customer.empty")

scored, own_weights = scored_table(table, dataset_id=dataset["dataset_id"])
customer_id = pick_customer(scored, dataset_id=dataset["dataset_id"])
row = scored.filter(scored["customer_id"] == customer_id).row(0, named=True)
if masking() and st.button(t("customer.reveal"), key="cust_reveal", icon=":material/visibility:"):
    # On purpose, for this one customer and until the next click: the real name.
    real, _period = load_customer_table(dataset["dataset_id"], version, period_spec, reveal=True)
    name = real.filter(real["customer_id"] == customer_id)["customer_name"][0]
    st.info(
        t("customer.revealed", pseudonym=row["customer_name"], name=name or customer_id),
        icon=":material/visibility:",
    )
facts = [row.get(k) for k in ("segment", "region", "key_account_manager")]
st.caption(
    " · ".join(
        [t("customer.period_caption", start=fmt_date(period.start), end=fmt_date(period.end))]
        + [md(f) for f in facts if f]
    )
)

headline(row, period)

st.subheader(t("customer.history"))
history = load_history(dataset["dataset_id"], version, customer_id)
st.altair_chart(history_chart(history), width="stretch")

left, right = st.columns(2)
with left:
    st.subheader(t("customer.mix"))
    mix = load_mix(dataset["dataset_id"], version, customer_id, period.start, period.end)
    if mix["product_group"].is_null().all():
        st.caption(t("customer.mix_unknown"))
    else:
        st.altair_chart(mix_chart(mix), width="stretch")
with right:
    st.subheader(t("customer.payment"))
    payment_section(
        load_payment(dataset["dataset_id"], version, customer_id, period.start, period.end)
    )

st.subheader(t("customer.breakdown"))
score_headline(row, scored.height, own_weights=own_weights)
comparison = tier_comparison(scored, customer_id=customer_id, tier="A")
label = row["customer_name"] or customer_id
st.altair_chart(breakdown_chart(comparison, customer=label), width="stretch")
st.page_link("pages/team_assessment.py", label=t("customer.to_team"), icon=":material/groups:")
