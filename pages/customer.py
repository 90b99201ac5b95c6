"""Customer: one customer's numbers, history, product groups, payment behaviour, and why
the customer sits where it does on the focus list (`?id=<customer id>` picks one)."""

from __future__ import annotations

import streamlit as st

from analytics.customer import tier_comparison
from locales import md, t
from locales.formats import fmt_date
from ui.customer import sections as view
from ui.customer.charts import breakdown_chart, history_chart, mix_chart
from ui.data import (
    data_version,
    empty_state,
    load_customer_table,
    masking,
    open_page,
    period_control,
)
from ui.style import controls

lang, dataset, money = open_page("customer.title", empty_key=None)
period_spec = period_control(
    key="cust_period", lang=lang, container=controls(t("app.controls", lang=lang))
)
table, period = (None, None)
if dataset is not None:
    version = data_version(dataset["dataset_id"])
    table, period = load_customer_table(dataset["dataset_id"], version, period_spec)
if table is None or table.is_empty():
    empty_state("customer.empty", lang=lang)

dataset_id = dataset["dataset_id"]
scored, own_weights = view.scored_table(table, dataset_id=dataset_id)
customer_id = view.pick_customer(scored, dataset_id=dataset_id, lang=lang)
row = scored.filter(scored["customer_id"] == customer_id).row(0, named=True)
reveal = t("customer.reveal", lang=lang)
if masking() and st.button(reveal, key="cust_reveal", icon=":material/visibility:"):
    # On purpose, for this one customer and until the next click: the real name.
    real, _period = load_customer_table(dataset_id, version, period_spec, reveal=True)
    name = real.filter(real["customer_id"] == customer_id)["customer_name"][0]
    pseudonym = row["customer_name"]
    st.info(
        t("customer.revealed", lang=lang, pseudonym=pseudonym, name=name or customer_id),
        icon=":material/visibility:",
    )
span = {"start": fmt_date(period.start, lang=lang), "end": fmt_date(period.end, lang=lang)}
facts = [row.get(k) for k in ("segment", "region", "key_account_manager")]
st.caption(
    " · ".join([t("customer.period_caption", lang=lang, **span)] + [md(f) for f in facts if f])
)

view.headline(row, period, currency=money, lang=lang)

st.subheader(t("customer.history", lang=lang))
history = view.load_history(dataset_id, version, customer_id)
st.altair_chart(history_chart(history, currency=money, lang=lang), width="stretch")

left, right = st.columns(2)
with left:
    st.subheader(t("customer.mix", lang=lang))
    mix = view.load_mix(dataset_id, version, customer_id, period.start, period.end)
    if mix["product_group"].is_null().all():
        st.caption(t("customer.mix_unknown", lang=lang))
    else:
        st.altair_chart(mix_chart(mix, currency=money, lang=lang), width="stretch")
with right:
    st.subheader(t("customer.payment", lang=lang))
    pay = view.load_payment(dataset_id, version, customer_id, period.start, period.end)
    view.payment_section(pay, currency=money, lang=lang)

view.profit_section(dataset_id, version, period_spec, customer_id, currency=money, lang=lang)

st.subheader(t("customer.breakdown", lang=lang))
view.score_headline(row, scored.height, own_weights=own_weights, lang=lang)
comparison = tier_comparison(scored, customer_id=customer_id, tier="A")
label = row["customer_name"] or customer_id
st.altair_chart(breakdown_chart(comparison, customer=label, lang=lang), width="stretch")
st.page_link(
    "pages/team_assessment.py", label=t("customer.to_team", lang=lang), icon=":material/groups:"
)
