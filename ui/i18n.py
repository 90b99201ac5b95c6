"""Interface texts in Swedish and English, and number, money and date formatting.

Every text the user reads comes from `TEXTS` through `t()`; a test fails when a key is
missing in either language. Formatting follows the language: Swedish `1 234 567,50 kr`
and `2026-11-24`, English `SEK 1,234,567.50` and `24 Nov 2026`. Amounts carry the chosen
data set's currency (`set_currency`; `1 234 567 EUR` / `EUR 1,234,567`).

Data is text, never markup. Streamlit renders Markdown in `st.markdown`, captions,
alerts, metric labels and values, buttons, page links, expander and tab labels, radio and
segmented-control options and widget labels: a customer named `![x](http://host/p.png)`
would make the browser fetch that address. So `t()` escapes every string it fills in
(`md()`), and returns `Markdown`, text that is safe to render as it is; `md()` is the one
helper for data shown without `t()`. Our own Markdown passes through as `trusted(...)`.
Where text is shown as characters (table cells, chart labels and tooltips, select box
options, file contents), use `plain()` and the raw data: nothing is escaped there.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from datetime import date, datetime
from decimal import Decimal

import polars as pl
import streamlit as st

from analytics.money import DEFAULT_CURRENCY, format_money, format_number
from analytics.money import money_unit as _money_unit

__all__ = [
    "CURRENCY_KEY",
    "LANGUAGES",
    "TEXTS",
    "Markdown",
    "currency",
    "error_text",
    "fmt_date",
    "fmt_int",
    "fmt_money",
    "fmt_number",
    "fmt_pct",
    "keep_choices",
    "lang",
    "md",
    "money_unit",
    "plain",
    "set_currency",
    "t",
    "texts",
    "trusted",
    "warning_text",
]

LANGUAGES = {"sv": "Svenska", "en": "English"}
_LANG_KEY = "lang"
# The currency of the chosen data set, set by `ui.data.current_dataset`.
CURRENCY_KEY = "currency"

TEXTS: dict[str, dict[str, str]] = {
    "sv": {
        # --- profitability versus size page (conc.) ---
        "conc.nav": "Lönsamhet och storlek",
        "conc.title": "Vilka kunder tjänar vi pengar på?",
        "conc.top": "Fokuslistans längd",
        "conc.top_help": "Så många kunder från toppen av fokuslistan markeras i diagrammen.",
        "conc.focus_weights": "Markerade kunder: fokuslistans topp {top} med vikterna från "
        "Fokuslista.",
        "conc.focus_default": "Markerade kunder: fokuslistans topp {top} med standardvikterna "
        "(ställ in egna på Fokuslista).",
        "conc.margin.mode": "Marginal där kostnad saknas",
        "conc.margin.mode.none": "Ingen",
        "conc.margin.mode.overall": "Samma för alla",
        "conc.margin.mode.group": "Per varugrupp",
        "conc.margin.mode_help": (
            "Exporten saknar kostnad för en del kunder. Ange en antagen marginal för att ta "
            "med dem i lönsamhetsbilden; allt som bygger på den märks ”antagen marginal”."
        ),
        "conc.margin.overall": "Antagen marginal (% av omsättningen)",
        "conc.margin.rest": "Antagen marginal för övriga varugrupper (% av omsättningen)",
        "conc.margin.group_help": "Omsättning utan känd kostnad i gruppen: {revenue}. Antagen "
        "marginal i % av omsättningen.",
        "conc.margin.no_groups": "Exporten har inga varugrupper: samma antagna marginal gäller "
        "för alla.",
        "conc.margin.none_known": (
            "Exporten saknar kostnad, så lönsamheten syns inte. Ange en antagen marginal ovan – "
            "samma för alla eller per varugrupp – för att se kvadranten och valkurvan."
        ),
        "conc.margin.partial": (
            "Kostnad saknas för {count} kunder ({share} av omsättningen); de är inte med i "
            "lönsamhetsbilden. Ange en antagen marginal ovan för att ta med dem."
        ),
        "conc.margin.assumed_note": (
            "**Antagen marginal:** exporten saknar kostnad för {count} kunder ({share} av "
            "omsättningen). Deras täckningsbidrag är antaget till {how}. Siffror och diagram "
            "som bygger på det är märkta ”antagen marginal”."
        ),
        "conc.margin.how_overall": "{pct} av omsättningen",
        "conc.margin.how_group": "{groups} av omsättningen per varugrupp, övriga {rest}",
        "conc.assumed": "antagen marginal",
        "conc.assumed_subtitle": "Bygger delvis på antagen marginal",
        "conc.from_data": "från exporten",
        "conc.customers": "{count} kunder",
        "conc.of_customers": "{share} av kunderna",
        "conc.metric.assumed": "Valkurvans topp, olönsamma kunder och täckningsbidrag bygger "
        "delvis på antagen marginal.",
        "conc.metric.n80": "80\u00a0% av omsättningen",
        "conc.metric.n80_help": (
            "Så få kunder står för 80\u00a0% av omsättningen: det minsta antalet kunder, de "
            "största först, vars omsättning tillsammans når 80\u00a0% av den totala."
        ),
        "conc.metric.peak": "Valkurvans topp",
        "conc.metric.peak_help": (
            "Vad de lönsamma kunderna tjänar ihop, som andel av det totala täckningsbidraget. "
            "Över 100\u00a0% betyder att de olönsamma kunderna äter upp mellanskillnaden."
        ),
        "conc.metric.unprofitable": "Olönsamma kunder",
        "conc.metric.unprofitable_help": "Kunder med negativt täckningsbidrag under perioden, "
        "och deras andel av kunderna med känd eller antagen marginal.",
        "conc.metric.margin": "Täckningsbidrag",
        "conc.metric.margin_help": "Summan av kundernas täckningsbidrag under perioden.",
        "conc.quad.title": "Storlek mot lönsamhet",
        "conc.quad.empty": "Ingen kund har en känd marginal att placera i diagrammet.",
        "conc.measure": "Lönsamhet mäts som",
        "conc.measure.margin_pct": "Täckningsgrad",
        "conc.measure.margin": "Täckningsbidrag",
        "conc.size_cut": "Linje för storlek",
        "conc.size_cut.median": "Median",
        "conc.size_cut.top20": "Topp 20\u00a0%",
        "conc.size_cut_help": "Median: hälften av kunderna räknas som stora. Topp 20\u00a0%: de "
        "20\u00a0% med högst omsättning räknas som stora.",
        "conc.profit_cut": "Linje för lönsamhet",
        "conc.profit_cut.median": "Median",
        "conc.profit_cut.zero": "Noll",
        "conc.profit_cut.target": "Eget mål",
        "conc.profit_cut_help": (
            "Median: hälften ligger över linjen. Noll: skiljer kunder som går med vinst från "
            "dem som går med förlust. Eget mål: er egen nivå."
        ),
        "conc.target_pct": "Mål för täckningsgrad (%)",
        "conc.target_amount": "Mål för täckningsbidrag ({unit})",
        "conc.quadrant.core": "Kärnkunder",
        "conc.quadrant.large_unprofitable": "Stora men olönsamma",
        "conc.quadrant.small_profitable": "Små och lönsamma – utveckla",
        "conc.quadrant.small_unprofitable": "Små och olönsamma – se över",
        "conc.focus_legend": "Numren i diagrammet är platserna på fokuslistan: {names}",
        "conc.log_scale": "logaritmisk skala",
        "conc.cell_customers": "Mindre kunder i rutan",
        "conc.col.quadrant": "Kvadrant",
        "conc.col.source": "Marginal",
        "conc.col.customers": "Kunder",
        "conc.col.revenue_share": "Andel av oms. (%)",
        "conc.col.margin_share": "Andel av TB (%)",
        "conc.col.position": "Plats på kurvan",
        "conc.quad.core": "Kärnkunderna ({count}) står för {revenue} av omsättningen och ger "
        "{margin} i täckningsbidrag.",
        "conc.quad.large_unprofitable": (
            "De stora men olönsamma kunderna ({count}) står för {revenue} av omsättningen men "
            "ger {margin} i täckningsbidrag."
        ),
        "conc.quad.focus": "Av fokuslistans {top} kunder finns {count} bland dem.",
        "conc.cuts": "Linjerna: omsättning {size} och lönsamhet {profit}; en kund på en linje "
        "räknas som stor respektive lönsam.",
        "conc.hidden": "Kunder som inte syns i diagrammet (noll eller negativ omsättning efter "
        "kreditnotor, eller okänd marginal): {count}.",
        "conc.binned": "De {count} minsta kunderna visas som grå rutor (peka på en ruta för "
        "antalet), så att diagrammet går snabbt.",
        "conc.curve.x": "Andel av kunderna (%)",
        "conc.whale.title": "Valkurvan: var tjänar vi pengarna?",
        "conc.whale.y": "Ackumulerat täckningsbidrag (% av totalt)",
        "conc.whale.y_amount": "Ackumulerat täckningsbidrag ({unit})",
        "conc.whale.peak_label": "Topp {peak} ({amount})",
        "conc.whale.peak_amount": "Topp {amount}",
        "conc.whale.sentence": (
            "De lönsamma kunderna tjänar ihop {peak_amount}, {peak} av det totala "
            "täckningsbidraget. De olönsamma kunderna ({count}, det vill säga {share} av "
            "kunderna) kostar {loss}, så {total} blir kvar. De 20\u00a0% mest lönsamma kunderna "
            "står för {top20} av täckningsbidraget."
        ),
        "conc.whale.sentence_all": (
            "Alla kunder bidrar: kurvan stiger hela vägen till 100\u00a0% av täckningsbidraget "
            "({total}). De 20\u00a0% mest lönsamma kunderna står för {top20} av det."
        ),
        "conc.whale.sentence_loss": (
            "Sammantaget går kunderna med förlust ({total}): de lönsamma tjänar {peak_amount}, "
            "men de olönsamma ({count}) kostar {loss}."
        ),
        "conc.pareto.title": "Paretokurvan: hur samlad är omsättningen?",
        "conc.pareto.y": "Ackumulerad omsättning (% av totalt)",
        "conc.pareto.label": "{count} kunder ({share})",
        "conc.pareto.no_revenue": "Omsättningen under perioden är noll eller negativ, så ingen "
        "andel av den går att fördela på kunder.",
        "conc.pareto.sentence": "{count} av era {total} kunder ({share}) står för 80\u00a0% av "
        "omsättningen.",
        "conc.pareto.top_less": "Era {top} största kunder står för {revenue} av omsättningen men "
        "bara {margin} av täckningsbidraget.",
        "conc.pareto.top_more": "Era {top} största kunder står för {revenue} av omsättningen och "
        "{margin} av täckningsbidraget.",
        "conc.pareto.top_only": "Era {top} största kunder står för {revenue} av omsättningen.",
        "conc.export_png": "Ladda ned PNG",
        "conc.export_svg": "Ladda ned SVG",
        # --- end conc ---
        # --- retention page (ret.) ---
        "ret.nav": "Behålla kunder",
        "ret.title": "Vad är det värt att behålla våra viktiga kunder längre?",
        "ret.empty": (
            "Här finns ingen försäljningsdata ännu. Läs in en export från ert affärssystem, "
            "helst minst två år, för att se hur många kunder som stannar."
        ),
        "ret.not_enough": (
            "För lite historik: återköp jämför en period med nästa, och datan täcker bara en "
            "period. Läs in minst två års försäljning för att se hur många kunder som stannar."
        ),
        "ret.basis": "Jämför",
        "ret.basis.12m": "12 månader i taget",
        "ret.basis.year": "Kalenderår",
        "ret.weights_focus": "Klasserna A, B och C bygger på fokuslistans vikter.",
        "ret.weights_default": "Klasserna A, B och C bygger på standardvikterna (ställ in egna "
        "på Fokuslista).",
        "ret.observed": "Hur många kunder köper igen?",
        "ret.observed_caption.12m": (
            "Andel av en 12-månadersperiods kunder (köpt för mer än noll netto) som köper igen "
            "de följande 12 månaderna; perioderna slutar vid datans sista fakturadatum. Klass = "
            "kundens klass under perioden före. Grupper med färre än {min} kunder visas inte i "
            "diagrammet: siffran vore osäker."
        ),
        "ret.observed_caption.year": (
            "Andel av ett års kunder (köpt för mer än noll netto) som köper igen året efter. "
            "Klass = kundens klass året före. Ofullständiga år (ihåliga punkter) ger "
            "missvisande tal. Grupper med färre än {min} kunder visas inte i diagrammet: "
            "siffran vore osäker."
        ),
        "ret.table": "Tabell med underlag",
        "ret.all_uncertain": "Varje grupp har färre än {min} kunder, så andelarna vore osäkra "
        "i ett diagram. Tabellen nedan visar dem med sina underlag.",
        "ret.rate_uncertain": "Obs: återköpet för {group} bygger på bara {base} kunder och är "
        "osäkert.",
        "ret.group.all": "Alla kunder",
        "ret.group.rest": "Övriga (B + C)",
        "ret.group.tier": "{tier}-kunder",
        "ret.chart.rate": "Köper igen (%)",
        "ret.col.period": "Period",
        "ret.col.group": "Grupp",
        "ret.col.base": "Kunder",
        "ret.col.base_help": "Kunder som köpte under perioden före: underlaget för andelen.",
        "ret.col.kept": "Köpte igen",
        "ret.col.rate": "Återköp",
        "ret.col.rate_help": "Köpte igen ÷ kunder.",
        "ret.col.revenue_rate": "Kvar av omsättningen",
        "ret.col.revenue_rate_help": (
            "Samma kunders omsättning i perioden ÷ deras omsättning perioden före. Över 100 % "
            "betyder att de som stannade köpte mer än de som försvann tog med sig."
        ),
        "ret.col.note": "Anmärkning",
        "ret.uncertain": "osäkert – bara {base} kunder (under {min})",
        "ret.partial": "datan täcker inte hela perioden",
        "ret.short_base_note": "perioden före har bara {days} dagar med data: räknas inte "
        "i scenariot eller livstidsvärdet",
        "ret.short_base_left_out": "En del återköpstal bygger på en period med bara {days} "
        "dagar med data (färre än {min}). De visas men räknas inte med i scenariot och "
        "livstidsvärdena.",
        "ret.short_base_none": "Återköpstalen bygger på en period med bara {days} dagar med "
        "data (färre än {min}): för lite för ett scenario eller ett livstidsvärde. Läs in "
        "en längre historik.",
        "ret.cohorts": "Kohorter: andel som fortfarande köper",
        "ret.cohorts_caption": (
            "Rader = perioden för kundens första köp; den översta raden har också alla som "
            "redan var kunder när datan börjar. Rutorna visar hur stor andel som köper i "
            "respektive period."
        ),
        "ret.cohort": "Första köp",
        "ret.cohort_size": "Kunder i kohorten",
        "ret.share": "Köper (%)",
        "ret.scenario": "Scenario: behåll fler av de viktiga kunderna",
        "ret.up_focus": "A-kunder: återköp + procentenheter",
        "ret.up_rest": "Övriga kunder: återköp + procentenheter",
        "ret.horizon": "Horisont (år)",
        "ret.discount": "Diskonteringsränta (% per år)",
        "ret.discount_help": "En krona om några år är värd mindre än en krona i dag; "
        "räntan räknar om framtida täckningsbidrag till dagens värde.",
        "ret.cac": "Kostnad att vinna en ny kund (× dess årliga täckningsbidrag)",
        "ret.cac_help": (
            "Publicerade siffror säger att en ny kund kostar 5 till 25 gånger mer än att "
            "behålla en befintlig; krönikorna bakom Kundfokus säger 7–8 gånger."
        ),
        "ret.assumed_margin": "Antaget täckningsbidrag (% av omsättningen)",
        "ret.assumed_help": "Exporten saknar kostnad för en del kunder; deras täckningsbidrag "
        "räknas som denna andel av omsättningen.",
        "ret.assumed_note": "Kostnad saknas för en del kunder: deras täckningsbidrag är antaget "
        "till {pct} % av omsättningen.",
        "ret.what.focus": "Om vi behåller {points} fler av A-kunderna",
        "ret.what.rest": "Om vi behåller {points} fler av övriga kunder",
        "ret.what.both": "Om vi behåller {points} fler av A-kunderna och {rest} fler av övriga "
        "kunder",
        "ret.points_one": "{n} procentenhet",
        "ret.points_many": "{n} procentenheter",
        "ret.points_capped": "{points} (taket {ceiling})",
        "ret.sentence_alone": "{what} är det värt {amount} i täckningsbidrag över {years}.",
        "ret.sentence": "{what} är det värt {amount} i täckningsbidrag över {years} — {equal}",
        "ret.equal_one": "lika mycket som 1 ny kund, som skulle kosta {cost} att vinna.",
        "ret.equal_many": "lika mycket som {count} nya kunder, som skulle kosta {cost} att vinna.",
        "ret.nothing": "De här kunderna stannar redan allihop: det finns inga fler att behålla.",
        "ret.sentence_loss": "{what} kostar det {amount} i täckningsbidrag över {years}: de "
        "kunderna går i dag med förlust.",
        "ret.negative_margin": "{group} ger i dag {amount} i täckningsbidrag per år – att "
        "behålla fler av dem kostar pengar.",
        "ret.no_payback": "På {years} hinner en ny kund inte ens tjäna in vad den kostar att "
        "vinna.",
        "ret.years_one": "{n} år",
        "ret.years_many": "{n} år",
        "ret.no_move": "Flytta reglagen för att se vad det är värt att behålla fler kunder.",
        "ret.rates_used": "Observerat återköp: A-kunder {focus}, övriga {rest}; "
        "diskonteringsränta {discount} per år.",
        "ret.capped": "A-kunderna köper redan igen till {rate}, och fler än alla går inte att "
        "behålla: scenariot stannar vid 100 %.",
        "ret.new_customer": "En ny kund antas ge snittkundens täckningsbidrag, {margin} per år, "
        "ha snittkundens återköp och kosta {multiple} × det att vinna ({cost}).",
        "ret.projection_caption": "Bara dagens kunder räknas, inga nya: år k ger "
        "täckningsbidrag × återköp^k, i dagens värde.",
        "ret.chart.year": "År framåt",
        "ret.chart.cumulative": "Ackumulerat TB ({unit})",
        "ret.chart.amount": "Ackumulerat täckningsbidrag",
        "ret.metric.difference": "Skillnad",
        "ret.metric_help": "Täckningsbidrag från dagens kunder, summerat över {years} i dagens "
        "värde.",
        "ret.series.baseline": "Som i dag",
        "ret.series.scenario": "Scenario",
        "ret.clv": "Kundlivstidsvärde per klass",
        "ret.clv_caption": (
            "CLV = m × r / (1 + d − r), där m = täckningsbidrag per år (senaste 12 månaderna), "
            "r = återköp per år och d = diskonteringsränta per år. Förväntad kundtid = "
            "1 / (1 − r) år. Återköp över 99 % räknas som 99 %."
        ),
        "ret.lifetime_over": "över {years}",
        "ret.lifetime_capped": "Kundtider över {years} år visas som ”över {years}”: vid återköp "
        "över {rate} ger 1 / (1 − r) fler år än någon kan planera med (99 % ger 100 år).",
        "ret.col.tier": "Klass",
        "ret.col.customers": "Kunder",
        "ret.col.margin_pc": "TB per kund ({unit}/år)",
        "ret.col.retention": "Återköp (%/år)",
        "ret.col.lifetime": "Kundtid (år)",
        "ret.col.multiplier": "Multipel",
        "ret.col.multiplier_help": "r / (1 + d − r): hur många års täckningsbidrag en kund är "
        "värd i dag.",
        "ret.col.clv_pc": "CLV per kund ({unit})",
        "ret.col.clv": "CLV totalt ({unit})",
        "ret.risk": "Fokuskunder som glider iväg",
        "ret.risk_factor": "Försenad: mer än … gånger kundens vanliga intervall",
        "ret.risk_drop": "Minskar: omsättningen ned mer än (%)",
        "ret.risk_caption": "A-kunderna på fokuslistan. Omsättning de senaste 12 månaderna mot "
        "12 månaderna före; dagar räknas till datans sista fakturadatum, {date}. Vanligt "
        "intervall = mediantiden mellan kundens köpdagar (minst tre köp).",
        "ret.risk_none": "Ingen A-kund ser ut att glida iväg med de här gränserna.",
        "ret.risk_count": "**{count}** av {total} A-kunder flaggas.",
        "ret.why.overdue": "försenad",
        "ret.why.falling": "minskar",
        "ret.col.customer": "Kund",
        "ret.col.why": "Varför",
        "ret.col.days_since": "Dagar sedan köp",
        "ret.col.interval": "Vanligt intervall (dagar)",
        "ret.col.overdue_ratio": "Gånger intervallet",
        "ret.col.revenue": "Omsättning 12 mån ({unit})",
        "ret.col.change": "Förändring (%)",
        "ret.col.last_purchase": "Senaste köp",
        # --- end retention ---
        # --- health check page (health.) ---
        "health.nav": "Kundkoll",
        "health.title": "Har du koll på dina kunder?",
        "health.intro": "Fjorton frågor om de kunder ni redan har. Data svarar där den kan; "
        "resten svarar teamet med ja, delvis eller nej.",
        "health.score": "Ja-svar",
        "health.score_value": "{yes} av {total}",
        "health.counts": "{partly} delvis · {no} nej · {unknown} obesvarade",
        "health.last_answer": "Teamet svarade senast {date}.",
        "health.answer.yes": "Ja",
        "health.answer.partly": "Delvis",
        "health.answer.no": "Nej",
        "health.answer.unknown": "Okänt",
        "health.source.data": "Svar från data",
        "health.source.team": "Teamets svar",
        "health.source.unknown": "Ej besvarad",
        "health.team_answer": "Teamets svar",
        "health.note": "Anteckning",
        "health.note_help": "Varför svaret blev som det blev, eller vem som tar frågan vidare.",
        "health.answered": "Besvarad {date}.",
        "health.note_shown": "Anteckning: {note}",
        "health.fig.1": "{active} kunder har köpt under perioden, {total} kunder finns i data "
        "totalt.",
        "health.fig.2": "{count} av {customers} kunder ({share}) står för 80 % av omsättningen.",
        "health.fig.3": "Potential bedömd för {assessed} av {customers} A-kunder.",
        "health.fig.3.none": "Teamet har ännu inte bedömt någon kunds potential.",
        "health.fig.4": "{count} kunder ({share} av kunderna med känd kostnad) är olönsamma, "
        "tillsammans {margin} i marginal. Ta ställning per kund: avsluta, eller betalar det "
        "sig på sikt?",
        "health.fig.4.none": "Alla kunder med känd kostnad är lönsamma.",
        "health.fig.6": "Nöjdhet finns för {customers} av periodens kunder ({coverage}), i snitt "
        "{mean} av 5.",
        "health.fig.7": "NPS finns för {customers} av periodens kunder ({coverage}), i snitt "
        "{mean}.",
        "health.col.tier": "Nivå",
        "health.col.customers": "Kunder",
        "health.col.assessed": "Bedömd potential",
        "health.col.potential": "Potential (snitt 1–5)",
        "health.col.growth": "Tillväxt, median (%)",
        "health.next": "Nästa steg",
        "health.next_none": "Inga nej-svar: inget att åtgärda just nu.",
        "health.deck": "Ladda ned bildspel (PowerPoint)",
        "health.deck_file": "kundfokus-strategidag.pptx",
        "health.pack": "Ladda ned workshoppaket (Excel)",
        "health.pack_file": "kundfokus-workshoppaket.xlsx",
        "health.masked_files": "Kundnamnen döljs i presentationen och arbetsmaterialet "
        "(Kund A01 …).",
        "health.pack_help": "Hela den poängsatta kundlistan (A, B och C), vikterna och "
        "kundkollen i en Excelfil.",
        "health.deck_help": "Strategidagens bildspel med kundkollen, kurvorna, kvadranten, "
        "fokuslistan och retentionsscenariot.",
        # --- end health ---
        "app.title": "Kundfokus",
        "app.tagline": "Vilka kunder är viktigast för oss – och vad gör vi åt det?",
        "nav.overview": "Översikt",
        "nav.import": "Importera data",
        "sidebar.dataset": "Datamängd",
        "sidebar.no_dataset": "Ingen data inläst ännu",
        "sidebar.language": "Språk",
        "sidebar.presentation": "Presentationsläge",
        "sidebar.presentation_help": "Större text och färre reglage, för projektor.",
        "sidebar.show_controls": "Visa reglage",
        "sidebar.show_controls_help": "I presentationsläget är reglagen hopfällda så att "
        "bilden och dess mening syns; slå på för att ändra dem.",
        "app.controls": "Reglage",
        "sidebar.mask_names": "Dölj kundnamn",
        "sidebar.mask_names_help": "Kunderna heter Kund A01, A02 … (efter omsättning) på "
        "alla sidor, i diagram, tabeller, nedladdningar och presentationen.",
        "mask.customer": "Kund {code}",
        "customer.reveal": "Visa det riktiga namnet",
        "customer.revealed": "{pseudonym} är {name}. Namnet döljs igen vid nästa klick.",
        "sidebar.demo_badge": "Demodata",
        "demo.notice": (
            "Du tittar på **demoföretaget** {name}: påhittade data som visar hur Kundfokus "
            "fungerar. Läs in er egen försäljningsexport under **Importera data**."
        ),
        "demo.loading": "Läser in demoföretaget första gången …",
        "overview.title": "Översikt",
        "overview.empty": (
            "Här finns ingen försäljningsdata ännu. Börja med att läsa in en export från "
            "ert affärssystem (CSV, Excel eller Parquet)."
        ),
        "overview.go_import": "Gå till Importera data",
        "overview.dataset": "Datamängd: **{name}**",
        "overview.period": "Period",
        "overview.customers": "Kunder",
        "overview.revenue": "Omsättning",
        "overview.margin": "Täckningsbidrag",
        "overview.margin_pct": "{pct} av omsättningen",
        "overview.margin_unknown": "Okänt – filen saknar kostnad",
        "overview.coverage": "Kostnad känd för",
        "overview.coverage_help": (
            "Andel av omsättningen där exporten anger kostnad eller täckningsbidrag."
        ),
        "overview.lines": "Fakturarader",
        "overview.imports": "Importer",
        "overview.monthly": "Omsättning per månad",
        "overview.month": "Månad",
        "overview.next": "Nästa steg",
        "overview.next_import": "Läs in fler filer eller rätta en import",
        "overview.next_focus": "Vikta kriterierna och se vilka kunder som är viktigast",
        "import.title": "Importera data",
        "import.intro": (
            "Släpp er försäljningsexport här. Kundfokus känner igen vanliga kolumnnamn "
            "på svenska, danska, norska, engelska och tyska; ni ser och kan rätta "
            "kopplingen innan något läses in."
        ),
        "import.kind": "Typ av fil",
        "import.kind_sales": "Försäljning (fakturarader)",
        "import.kind_customers": "Kundregister (segment, ansvarig, nöjdhet)",
        "import.dataset": "Läs in i datamängd",
        "import.dataset_help": "En försäljningsexport läses in i en ny datamängd som heter som "
        "filen. Skriv namnet på en befintlig datamängd för att lägga till i den.",
        "import.currency": "Valuta",
        "import.currency_help": "Valutan för belopp som filen inte märker med valuta. En "
        "valutakolumn eller valutatecken i filen (kr, €, EUR …) går före.",
        "import.currency_from_file": "Filen anger valutan: {currency}.",
        "import.currency_of_dataset": "Datamängden {dataset} är i {currency}.",
        "import.default_dataset": "Vår försäljning",
        "import.upload": "Välj eller släpp en fil",
        "import.upload_help": "CSV, TXT, Excel (XLSX/XLS) eller Parquet, upp till 1 GB.",
        "import.sheet": "Flik",
        "import.all_sheets": "Ta alla flikar med samma rubriker",
        "import.preview": "Förhandsvisning (första raderna, tolkade)",
        "import.file_facts": "Filtyp {kind}, teckenkodning {encoding}, avgränsare {delimiter}",
        "import.mapping": "Koppling av kolumner",
        "import.mapping_help": "Vilken kolumn i filen betyder vad? Rätta om något blev fel.",
        "import.mapping_profile": "Kopplingen kommer från den sparade profilen **{name}**.",
        "import.not_used": "— används inte —",
        "import.save_profile": "Spara kopplingen som profil",
        "import.profile_name": "Profilens namn",
        "import.profile_saved": "Profilen {name} är sparad. Nästa fil med samma rubriker "
        "kopplas automatiskt.",
        "import.replace_overlap": "Ersätt redan inläst data för filens period",
        "import.replace_help": (
            "För en rättad eller förnyad export: rader i datamängden med datum inom filens "
            "period tas bort innan den nya filen läses in."
        ),
        "import.go": "Läs in",
        "import.progress": "Läser in {name} …",
        "import.stage.reading": "Läser filen",
        "import.stage.checking": "Kontrollerar kolumner och format",
        "import.stage.parsing": "Tolkar rader",
        "import.stage.saving": "Sparar i databasen",
        "import.stage.done": "Klart",
        "import.done": "{name} är inläst.",
        "import.report": "Importrapport",
        "import.rows_read": "Rader lästa",
        "import.rows_loaded": "Inlästa",
        "import.rows_rejected": "Avvisade",
        "import.revenue_loaded": "Belopp inläst",
        "import.revenue_rejected": "Belopp avvisat",
        "import.revenue_total": "Filens summa",
        "import.reconciles": "Inläst + avvisat = filens summa: {total}",
        "import.customers": "Kunder",
        "import.period": "Period",
        "import.rejected": "Avvisade rader",
        "import.rejected_none": "Inga rader avvisades.",
        "import.download_rejected": "Ladda ner avvisade rader (CSV)",
        "import.history": "Tidigare importer",
        "import.history_empty": "Inga importer ännu i den här datamängden.",
        "import.delete": "Ta bort import",
        "import.delete_pick": "Import att ta bort",
        "import.delete_confirm": "Ja, ta bort importens rader",
        "import.deleted": "Importen {file} är borttagen.",
        "col.import_id": "Nr",
        "col.kind": "Typ",
        "col.file_name": "Fil",
        "col.imported_at": "Inläst",
        "col.rows_loaded": "Rader",
        "col.rows_rejected": "Avvisade",
        "col.revenue_loaded": "Belopp",
        "col.first_date": "Från",
        "col.last_date": "Till",
        "col.line_no": "Rad",
        "col.sheet": "Flik",
        "col.reason": "Orsak",
        "col.revenue": "Belopp",
        "col.raw": "Värden i filen",
        "kind.sales": "Försäljning",
        "kind.customers": "Kundregister",
        "field.customer_id": "Kundnummer",
        "field.customer_name": "Kundnamn",
        "field.invoice_date": "Fakturadatum",
        "field.invoice_number": "Fakturanummer",
        "field.revenue": "Belopp (omsättning)",
        "field.quantity": "Antal",
        "field.unit_price": "À-pris",
        "field.cost": "Kostnad",
        "field.margin": "Täckningsbidrag (belopp)",
        "field.margin_pct": "Täckningsgrad (%)",
        "field.product": "Artikel",
        "field.product_group": "Varugrupp",
        "field.due_date": "Förfallodatum",
        "field.paid_date": "Betaldatum",
        "field.salesperson": "Säljare",
        "field.region": "Region",
        "field.segment": "Segment",
        "field.currency": "Valuta",
        "field.key_account_manager": "Kundansvarig",
        "field.satisfaction": "Nöjdhet (1–5)",
        "field.nps": "NPS",
        "field.refunded": "Återbetalt belopp (dras av)",
        "field.status": "Status (misslyckad/makulerad avvisas)",
        "field.line_no": "Rad",
        "field.sheet": "Flik",
        "field.reason": "Avvisad för",
        "reason.bad_quotes": (
            "Raden kan inte delas upp i fält (ett citattecken som aldrig stängs)"
        ),
        "reason.too_many_fields": (
            "Fler fält än rubrikraden (t.ex. ett belopp med tusentalskomma utan citattecken)"
        ),
        "reason.not_a_sale": "Status säger misslyckad eller makulerad – ingen försäljning",
        "reason.missing_customer": "Kund saknas",
        "reason.missing_date": "Datum saknas",
        "reason.bad_date": "Datum kan inte läsas",
        "reason.implausible_date": "Orimligt datum (före 1990 eller mer än ett år framåt, "
        "t.ex. 9999-12-31)",
        "reason.missing_amount": "Belopp saknas",
        "reason.bad_amount": "Belopp kan inte läsas",
        "reason.amount_too_large": "Beloppet är orimligt stort (100 000 miljarder eller mer)",
        "reason.other_currency": "Annan valuta än filens",
        "error.empty_file": "Filen är tom.",
        "error.binary_file": "Filen är en {kind}-fil, inte en försäljningsexport. "
        "Välj en CSV-, Excel- eller Parquet-fil.",
        "error.unreadable": "Filen kunde inte läsas som en tabell. Kontrollera att det är en "
        "hel, oskadad export.",
        "error.encrypted": "Arbetsboken är skyddad med lösenord och kan inte läsas. Öppna den "
        "i Excel, ta bort lösenordet (Arkiv > Info > Skydda arbetsbok) och spara den igen.",
        "error.excel_xml": "Filen är ett XML-kalkylblad från Excel 2003, som inte kan läsas "
        "här. Öppna den i Excel och spara den som Excel-arbetsbok (.xlsx).",
        "error.html_table": "Filen är en webbsida med en tabell (HTML), inte en Excel-arbetsbok. "
        "Öppna den i Excel och spara den som Excel-arbetsbok (.xlsx).",
        "error.date_range": "Intervallet för rimliga datum är fel inställt: "
        "KUNDFOKUS_EARLIEST_DATE ska vara ett datum som 1990-01-01, KUNDFOKUS_DAYS_AHEAD ett "
        "antal dagar, och det första datumet får inte ligga efter det sista.",
        "error.too_large": "Filen är {size_mb} MB; gränsen är {limit_mb} MB. Dela upp exporten "
        "per år eller använd kommandoraden.",
        "error.unknown_sheet": "Fliken {sheet} finns inte. Flikarna är: {sheets}.",
        "error.no_data_sheet": "Kalkylbladet har ingen flik med en tabell av försäljningsdata. "
        "Flikar: {sheets}.",
        "error.mapping_unknown_column": "Kopplingen använder kolumner som filen saknar: {columns}.",
        "error.no_customer_column": "Ingen kolumn ser ut som kundnummer eller kundnamn. "
        "Välj den under Koppling av kolumner. Kolumner i filen: {columns}.",
        "error.no_amount_column": "Ingen kolumn ser ut som ett belopp (eller antal och "
        "à-pris). Välj den under Koppling av kolumner. Kolumner i filen: {columns}.",
        "error.no_date_column": "Ingen kolumn ser ut som fakturadatum. Välj den under Koppling "
        "av kolumner. Kolumner i filen: {columns}.",
        "error.header_only": "Filen har rubriker men inga datarader.",
        "error.nothing_loaded": "Ingen av filens {rows} rader gick att använda ({detail}). "
        "Kontrollera kopplingen av kolumner.",
        "error.already_imported": "Den här filen är redan inläst i {dataset} (som {file}). "
        "Den räknas inte två gånger.",
        "error.currency_mismatch": "Filen är i {currency} men datamängden {dataset} i "
        "{dataset_currency}. Belopp i olika valutor läggs aldrig ihop: läs in filen i en "
        "annan datamängd.",
        "error.unknown_profile": "Det finns ingen profil som heter {name}.",
        "error.profile_name": "Ge profilen ett namn.",
        "error.generic": "Något gick fel: {message}",
        "warning.duplicate_lines": "{lines} rader är exakta kopior av en annan rad. De har "
        "lästs in som de är – kontrollera exporten om det är oväntat.",
        "warning.no_cost": "Filen saknar kostnad och täckningsbidrag: lönsamhetsvyer säger "
        "det tydligt.",
        "warning.cost_missing": "{lines} inlästa rader saknar läsbar kostnad.",
        "warning.ambiguous_dates": "Datumen i kolumnen {column} passar både dag/månad och "
        "månad/dag; de lästes som dag/månad.",
        "warning.overlap": "Datamängden har redan {lines} rader mellan {first} och {last}; "
        "båda räknas nu. Läs in igen med ”Ersätt redan inläst data” för att ersätta dem.",
        "warning.replaced_period": "{lines} tidigare rader mellan {first} och {last} ersattes.",
        "warning.mapping_system": "Rubrikerna är en export från {system}; kolumnerna kopplas "
        "som i den.",
        "warning.mapping_guess": "Gissning: kolumnen {column} blir {field} eftersom namnet "
        "liknar {like}. Kontrollera att det stämmer.",
        "warning.mapping_inferred_date": "Ingen rubrik säger fakturadatum: kolumnen {column} "
        "används eftersom {share} % av dess värden är datum. Kontrollera att det stämmer.",
        "warning.mapping_inferred_amount": "Ingen rubrik säger belopp: kolumnen {column} "
        "används eftersom namnet är ett belopps och {share} % av dess värden är tal. "
        "Kontrollera att det stämmer.",
        "warning.mixed_encoding": "{lines} rader är inte UTF-8 som resten av filen och lästes "
        "som Windows-1252 (först: rad {first}). Kontrollera namnen på dem.",
        "warning.mixed_currencies": "Filen blandar valutor: {lines} rader i en annan valuta "
        "än {currency} avvisades och räknas inte med (valuta, summa, rader: {totals}).",
        "nav.focus": "Fokuslista",
        "focus.title": "Fokuslista – våra viktigaste kunder",
        "focus.period": "Period",
        "focus.period.12m": "Senaste 12 mån",
        "focus.period.24m": "Senaste 24 mån",
        "focus.period.all": "Hela perioden",
        "focus.period_caption": "{start} – {end} · {customers} kunder med köp under perioden",
        "focus.top": "Visa topp",
        "focus.empty": "Det finns inga köp under vald period.",
        "focus.weights": "Vikter – vad gör en kund viktig för oss?",
        "focus.source.data": "Ur försäljningsdata",
        "focus.source.team": "Teamets bedömning",
        "focus.shares": "Andel av poängen:",
        "focus.all_zero": "Alla vikter är noll. Ge minst ett kriterium en vikt över noll.",
        "focus.list": "Topp {top}",
        "focus.leaders": "Överst just nu: **{names}**",
        "focus.tier": "{tier}-kunder",
        "focus.tier_customers": "{count} ({share})",
        "focus.tier_shares": "{revenue} av omsättningen ({amount}), {margin} av täckningsbidraget",
        "focus.col.rank": "Plats",
        "focus.col.tier": "Klass",
        "focus.col.score": "Poäng",
        "focus.col.contributions": "Bidrag per kriterium",
        "focus.col.assessed": "Bedömt",
        "focus.col.assessed_help": "Hur stor del av poängen som vilar på kända värden; resten "
        "är neutrala 50 % för ej bedömda kriterier.",
        "focus.col.points": "Poäng",
        "focus.col.not_assessed": "Ej bedömt",
        "focus.col.not_assessed_help": "Kriterier utan värde för kunden; de räknas som "
        "neutrala 50 %.",
        "focus.col.criterion": "Kriterium",
        "focus.col.weight": "Vikt",
        "focus.col.share": "Andel %",
        "focus.col.about": "Om listan",
        "focus.sheet.list": "Fokuslista",
        "focus.sheet.weights": "Vikter",
        "focus.sheet.about": "Om",
        "focus.export_about": "Kundfokus fokuslista, period {period}. Vikter:",
        "focus.export_excel": "Ladda ner Excel",
        "focus.export_csv": "Ladda ner CSV",
        "focus.sets": "Sparade viktningar",
        "focus.reset": "Återställ standardvikterna",
        "focus.reset_help": "Vikterna gäller datamängden på alla sidor och sparas tills ni "
        "ändrar dem. Här går de tillbaka till standardvikterna.",
        "focus.set_name": "Namn på viktningen",
        "focus.save_set": "Spara",
        "focus.set_saved": "Viktningen {name} är sparad.",
        "focus.no_sets": "Inga sparade viktningar ännu.",
        "focus.load_set": "Sparad viktning",
        "focus.load": "Använd",
        "focus.compare": "Jämför två viktningar",
        "focus.compare_a": "Viktning 1",
        "focus.compare_b": "Viktning 2",
        "focus.diff.top_entered": "Kommer in i topp {top} med viktning 2",
        "focus.diff.top_left": "Lämnar topp {top} med viktning 2",
        "focus.diff.a_entered": "Blir A-kund med viktning 2",
        "focus.diff.a_left": "Slutar vara A-kund med viktning 2",
        "criterion.revenue": "Omsättning",
        "criterion.revenue.help": "Fakturerat under perioden, {unit}.",
        "criterion.gross_margin": "Täckningsbidrag",
        "criterion.gross_margin.help": "Omsättning minus kostnad under perioden, {unit}.",
        "criterion.margin_pct": "Täckningsgrad",
        "criterion.margin_pct.help": "Täckningsbidrag i procent av omsättningen.",
        "criterion.growth": "Tillväxt",
        "criterion.growth.help": "Omsättningens förändring mot föregående lika långa period, %.",
        "criterion.frequency": "Köpfrekvens",
        "criterion.frequency.help": "Antal fakturor per år.",
        "criterion.recency": "Senaste köp",
        "criterion.recency.help": "Dagar sedan senaste köp; färre är bättre.",
        "criterion.tenure": "Kundtid",
        "criterion.tenure.help": "År sedan första köpet.",
        "criterion.payment_delay": "Betalar i tid",
        "criterion.payment_delay.help": "Snitt dagar betalt efter förfallodagen; färre är bättre.",
        "criterion.breadth": "Bredd",
        "criterion.breadth.help": "Antal varugrupper kunden köper.",
        "criterion.strategic_fit": "Strategisk passform",
        "criterion.strategic_fit.help": "Passar kunden vår strategi? Teamets bedömning 1–5.",
        "criterion.potential": "Potential",
        "criterion.potential.help": "Utrymme att växa med oss. Teamets bedömning 1–5.",
        "criterion.dependency": "Beroende",
        "criterion.dependency.help": "Hur ont skulle det göra om de lämnade oss? 1–5.",
        "criterion.relationship": "Relation",
        "criterion.relationship.help": "Förtroende, bra att arbeta med. Teamets bedömning 1–5.",
        "criterion.satisfaction": "Nöjdhet",
        "criterion.satisfaction.help": "Teamets bedömning 1–5, annars kundenkät eller NPS.",
        # --- team assessment and customer pages ---
        "team.nav": "Teamets bedömning",
        "team.title": "Teamets bedömning",
        "team.intro": (
            "Bedöm kunderna 1–5 på det som inte syns i siffrorna: **strategisk passform**, "
            "**potential**, **beroende** – hur ont skulle det göra om de lämnade oss?, "
            "**relation** och **nöjdhet**. Tom ruta betyder inte bedömd. Alla kunder i "
            "datamängden finns med, största omsättning först. Sparade bedömningar väger in i "
            "fokuslistan direkt."
        ),
        "team.empty": (
            "Här finns ingen försäljningsdata att bedöma ännu. Läs in en export från ert "
            "affärssystem först."
        ),
        "team.never": "Teamet har inte bedömt några kunder ännu.",
        "team.last": "Senast sparat {date} kl. {time} av {by} · bedömda kunder: {customers}, "
        "bedömningar: {scores}",
        "team.by_unknown": "okänd",
        "team.saved": "{count} bedömningar sparade.",
        "team.saved_one": "1 bedömning sparad.",
        "team.by": "Vem bedömer?",
        "team.by_placeholder": "Ditt namn eller gruppens, t.ex. Ledningsgruppen",
        "team.search": "Sök kund (namn eller kundnummer)",
        "team.top": "Visa",
        "team.top_n": "De {n} största",
        "team.top_all": "Alla kunder",
        "team.unassessed": "Bara obedömda",
        "team.showing": "Visar {shown} av {total} kunder, störst omsättning de senaste 12 "
        "månaderna först ({recent} av kunderna har köpt under de 12 månaderna).",
        "team.col.revenue": "Omsättning 12 mån",
        "team.save": "Spara ändringar ({count})",
        "team.error.range": "Bedömningar ska vara mellan 1 och 5 (tom ruta = inte bedömd). "
        "Inget sparades.",
        "team.error.no_customer_column": "Ingen kolumn ser ut som kundnummer eller kundnamn. "
        "Kolumner i filen: {columns}.",
        "team.error.no_criteria_columns": "Ingen kolumn ser ut som något av teamets kriterier "
        "(Strategisk passform, Potential, Beroende, Relation, Nöjdhet). Kolumner i filen: "
        "{columns}.",
        "team.error.header_only": "Filen har rubriker men inga rader med bedömningar.",
        "team.file.title": "Läs in bedömningar från fil",
        "team.file.intro": (
            "En CSV- eller Excelfil med kundnummer och en kolumn per kriterium, till exempel "
            "Kundnr; Strategisk passform; Potential; Beroende; Relation; Nöjdhet. Värden 1–5; "
            "en tom ruta lämnar den sparade bedömningen orörd."
        ),
        "team.file.upload": "Välj eller släpp en fil med bedömningar",
        "team.file.rows_read": "Rader lästa",
        "team.file.rows_used": "Användbara",
        "team.file.rows_rejected": "Avvisade",
        "team.file.scores": "Bedömningar",
        "team.file.columns": "Kolumner: {columns}",
        "team.file.rejected": "Avvisade rader – rätta i filen och läs in igen",
        "team.file.column": "Kolumn",
        "team.file.value": "Värde i filen",
        "team.file.save": "Spara bedömningarna ({count})",
        "team.reason.bad_quotes": "Raden kan inte delas upp i fält (citattecken)",
        "team.reason.too_many_fields": "Fler fält än rubrikraden",
        "team.reason.missing_customer": "Kund saknas",
        "team.reason.unknown_customer": "Kunden finns inte i datamängden",
        "team.reason.not_a_number": "Inte ett tal",
        "team.reason.out_of_range": "Utanför 1–5",
        "team.master": (
            "Har ni ett kundregister med segment, kundansvarig, nöjdhet eller NPS? Läs in det "
            "som **Kundregister** under Importera data."
        ),
        "team.master_link": "Till Importera data",
        "customer.nav": "Kund",
        "customer.title": "Kund",
        "customer.empty": (
            "Här finns ingen försäljningsdata ännu. Läs in en export från ert affärssystem "
            "för att se en kund i detalj."
        ),
        "customer.period_caption": "Period {start} – {end}",
        "customer.pick": "Kund",
        "customer.pick_help": "Skriv för att söka på namn eller kundnummer; största kunden först.",
        "customer.revenue": "Omsättning",
        "customer.revenue_help": "Fakturerat {start} – {end}.",
        "customer.margin_pct": "{pct} täckningsgrad",
        "customer.invoices": "Fakturor",
        "customer.per_year": "{n} per år",
        "customer.since": "sedan {date}",
        "customer.days": "{n} dagar",
        "customer.unknown_help": "Okänt – exporten saknar uppgiften.",
        "customer.history": "Omsättning och täckningsbidrag per månad",
        "customer.mix": "Varugrupper",
        "customer.mix_unknown": "Exporten saknar varugrupper.",
        "customer.no_group": "(utan varugrupp)",
        "customer.share": "Andel",
        "customer.amount": "Belopp",
        "customer.payment": "Betalning",
        "customer.pay_unknown": "Exporten saknar förfallo- och betaldatum, så betalningen går "
        "inte att bedöma.",
        "customer.pay_late_share": "Betalt för sent",
        "customer.pay_late_of": "{late} av {paid} fakturor",
        "customer.pay_unpaid": "Obetalda fakturor",
        "customer.pay_overdue": "Förfallna obetalda",
        "customer.pay_overdue_help": "Obetalda fakturor vars förfallodag passerats före "
        "datamängdens sista fakturadatum.",
        "customer.breakdown": "Poäng – och jämförelse med A-kunderna",
        "customer.rank": "Plats",
        "customer.rank_of": "{rank} av {total}",
        "customer.tier": "Klass",
        "customer.score": "Poäng (0–100)",
        "customer.assessed": "{pct} bedömt",
        "customer.assessed_help": "Hur stor del av vikten som vilar på kända värden; okända "
        "räknas som mitten (0,5).",
        "customer.weights_focus": "Med fokuslistans vikter. Staplarna visar hur många poäng "
        "varje kriterium ger kunden, bredvid snittet för A-kunderna.",
        "customer.weights_default": "Med standardvikterna (ställ in egna på Fokuslista). "
        "Staplarna visar hur många poäng varje kriterium ger kunden, bredvid snittet för "
        "A-kunderna.",
        "customer.a_average": "Snitt A-kunder",
        "customer.points": "Poäng",
        "customer.criterion": "Kriterium",
        "customer.to_team": "Bedöm kunden under Teamets bedömning",
        "customer.previous": "från {amount}",
        "customer.invoices_help": "Antal fakturor {start} – {end}; under: fakturor per år.",
        "customer.recency": "Dagar sedan köp",
        "customer.last": "senast {date}",
        "customer.tenure": "Kundtid, år",
        "customer.payment_delay": "Dagar efter förfallodag",
        "customer.breadth": "Varugrupper",
        "customer.pay_late_help": "Andel av periodens betalda fakturor som betalades efter "
        "förfallodagen.",
        "customer.pay_max": "Längsta försening",
        "customer.on_time": "Alltid i tid",
        "customer.pay_max_help": "Flest dagar efter förfallodagen för en betald faktura under "
        "perioden; negativt = allt betalt i förtid.",
        "customer.pay_unpaid_help": "Fakturor under perioden med förfallodag men utan "
        "betaldatum, och deras belopp.",
        "customer.unknown": "Kund {id} finns inte i datamängden. Den största kunden visas.",
        "customer.not_in_period": "Kund {id} har inga köp under vald period. Välj en längre "
        "period för att se kunden.",
        "ws.nav": "Workshop",
        "ws.title": "Workshop: vilka kunder är viktigast för oss?",
        "ws.intro": (
            "Varje deltagare ställer in sina egna vikter och bedömningar på sin egen dator "
            "eller telefon. Här ser ni var ni är överens, var ni är oeniga och hur stabil "
            "listan är – och fastställer fokuslistan."
        ),
        "ws.choose": "Workshop",
        "ws.none": "Ingen workshop för den här datamängden ännu. Skapa en nedan.",
        "ws.new": "Ny workshop",
        "ws.new_name": "Namn",
        "ws.new_name_placeholder": "Ledningsgruppen december 2026",
        "ws.new_top": "Topplistans längd",
        "ws.create": "Skapa workshop",
        "ws.created": "Workshopen {name} är skapad.",
        "ws.name_taken": "Det finns redan en workshop som heter {name}.",
        "ws.name_missing": "Ge workshopen ett namn.",
        "ws.code": "Kod",
        "ws.join_at": "Gå till {url} och ange koden, eller skanna QR-koden.",
        "ws.qr_alt": "QR-kod till workshopen",
        "ws.period_caption": "{dataset} · {start} – {end} · topp {top}",
        "ws.participants": "Deltagare",
        "ws.joined_count": "{joined} har anslutit, {submitted} har skickat in vikter.",
        "ws.col.name": "Namn",
        "ws.col.submitted": "Vikter inskickade",
        "ws.col.assessments": "Bedömningar",
        "ws.live": "Uppdatera automatiskt",
        "ws.live_help": "Hämtar deltagarnas senaste vikter och bedömningar var femte sekund.",
        "ws.waiting": (
            "Ingen har skickat in vikter ännu. Samsynen visas när den första deltagaren har "
            "sparat sina vikter."
        ),
        "ws.weights": "Vikter: medel och spridning",
        "ws.weights_caption": (
            "Stapeln är gruppens medelandel, varje punkt en deltagares andel. Överst "
            "kriteriet där ni är mest oeniga."
        ),
        "ws.mean_line": "**Medelvikter** ({count} deltagare):",
        "ws.chart.criterion": "Kriterium",
        "ws.chart.share": "Andel av vikten",
        "ws.chart.mean": "Medel",
        "ws.chart.participant": "Deltagare",
        "ws.assessments": "Bedömningar: var tycker ni olika?",
        "ws.assess_none": "Inga bedömningar ännu.",
        "ws.assess_caption": (
            "Samsynslistan använder medelvärdet. Störst spridning först; en spridning på 2 "
            "eller mer är värd att diskutera."
        ),
        "ws.col.customer": "Kund",
        "ws.col.criterion": "Kriterium",
        "ws.col.mean": "Medel",
        "ws.col.min": "Lägst",
        "ws.col.max": "Högst",
        "ws.col.spread": "Spridning",
        "ws.col.n": "Antal",
        "ws.consensus": "Samsynslistan",
        "ws.consensus_caption": (
            "Medelvikter och medelbedömningar. {everyone} kunder finns i allas topp {top}, "
            "{most} i de flestas."
        ),
        "ws.col.rank": "Rank",
        "ws.col.tier": "Nivå",
        "ws.col.score": "Poäng",
        "ws.col.agreement": "I topplistan hos",
        "ws.col.override": "Låst",
        "ws.col.reason": "Motivering",
        "ws.agree.count": "{count} av {total}",
        "ws.queue": "Diskussionskö",
        "ws.queue_caption": (
            "Kunder som finns i vissa deltagares topp {top} men inte i andras. Jämnast "
            "delade först."
        ),
        "ws.queue_empty": "Ingen omstridd kund: alla har samma topp {top}.",
        "ws.col.in_top_of": "Med i topplistan hos",
        "ws.col.not_in_top_of": "Inte hos",
        "ws.override": "Lås in eller uteslut en kund",
        "ws.override_customer": "Kund",
        "ws.override_kind": "Åtgärd",
        "ws.kind.pin": "Lås in i listan",
        "ws.kind.exclude": "Uteslut",
        "ws.override_reason": "Motivering (följer med beslutet)",
        "ws.override_save": "Spara",
        "ws.override_need_reason": "Skriv en motivering.",
        "ws.override_clear": "Ta bort",
        "ws.overrides_none": "Inga kunder är inlåsta eller uteslutna.",
        "stab.title": "Rangstabilitet",
        "stab.caption": (
            "{samples} viktuppsättningar dragna runt vikterna ({spread}): hur ofta hamnar "
            "varje kund i A? Samma svar varje gång."
        ),
        "stab.spread_source": "Spridning",
        "stab.spread.disagreement": "Deltagarnas oenighet",
        "stab.spread.points": "± poäng",
        "stab.points": "± poäng per vikt",
        "stab.spread_disagreement": "deltagarnas oenighet",
        "stab.spread_points": "± {points} poäng per vikt",
        "stab.always": "Alltid A",
        "stab.border": "På gränsen",
        "stab.never": "Aldrig A",
        "stab.col.p_a": "Andel A",
        "stab.col.range": "Rang (5–95 %)",
        "stab.border_list": "Kunder på gränsen",
        "stab.flip": "Vad skulle flytta en kund?",
        "stab.flip_customer": "Kund",
        "stab.flip.leaves.down": "{name} lämnar A om {criterion} sänks från {start} till {end}.",
        "stab.flip.leaves.up": "{name} lämnar A om {criterion} höjs från {start} till {end}.",
        "stab.flip.enters.down": (
            "{name} kommer in i A om {criterion} sänks från {start} till {end}."
        ),
        "stab.flip.enters.up": "{name} kommer in i A om {criterion} höjs från {start} till {end}.",
        "stab.flip.none_a": "{name} stannar i A vad en enskild vikt än sätts till.",
        "stab.flip.none": "{name} når inte A genom att ändra en enskild vikt.",
        "stab.focus": "Hur stabil är listan?",
        "stab.show": "Beräkna stabiliteten för vikterna ovan",
        "dec.decide": "Fastställ fokuslistan",
        "dec.caption": (
            "Sparar datum, data och period, vikter, deltagare, listan med rang och nivå, "
            "inlåsta och uteslutna kunder med motivering och era anteckningar. Ett beslut "
            "ändras aldrig i efterhand."
        ),
        "dec.name": "Beslutets namn",
        "dec.name_default": "Fokuslista {year}",
        "dec.notes": "Anteckningar",
        "dec.save": "Fastställ fokuslistan",
        "dec.saved": "Beslutet {name} är sparat.",
        "dec.name_taken": (
            "Det finns redan ett beslut som heter {name}. Ett beslut ändras aldrig – välj "
            "ett nytt namn."
        ),
        "dec.nav": "Beslut",
        "dec.title": "Beslut",
        "dec.none": "Inga beslut ännu. Fastställ fokuslistan i en workshop.",
        "dec.col.name": "Namn",
        "dec.col.date": "Datum",
        "dec.col.workshop": "Workshop",
        "dec.col.dataset": "Data",
        "dec.col.period": "Period",
        "dec.col.participants": "Deltagare",
        "dec.col.a": "Kunder i A",
        "dec.col.notes": "Anteckningar",
        "dec.col.weight": "Vikt (poäng)",
        "dec.choose": "Beslut",
        "dec.meta": "{date} · {dataset} · {start} – {end} · deltagare: {participants}",
        "dec.notes_label": "Anteckningar: {notes}",
        "dec.excel": "Ladda ner beslutet (Excel)",
        "dec.compare": "Jämför med läget nu",
        "dec.compare_with": "Jämför med",
        "dec.with.decision": "Ny data, beslutets vikter",
        "dec.with.focus": "Fokuslistans vikter nu",
        "dec.later_period": "Läget nu: {start} – {end}.",
        "dec.entered": "Nya i A",
        "dec.left": "Har lämnat A",
        "dec.stayed": "Kvar i A",
        "dec.moved": "Flyttat mest",
        "dec.moved_line": (
            "{name}: plats {before} → {after}, främst {criterion} ({value_before} → {value_after})"
        ),
        "dec.nothing_moved": "Ingen kund har bytt plats.",
        "dec.sheet.decision": "Beslut",
        "dec.sheet.list": "Fokuslista",
        "dec.sheet.weights": "Vikter",
        "join.nav": "Delta i workshop",
        "join.title": "Delta i workshopen",
        "join.intro": "Ange koden som visas på skärmen och ditt namn.",
        "join.code": "Kod",
        "join.name": "Ditt namn",
        "join.submit": "Gå med",
        "join.unknown": "Ingen workshop har koden {code}. Kontrollera koden på skärmen.",
        "join.need_name": "Skriv ditt namn.",
        "join.welcome": "{workshop} · du deltar som {name}",
        "join.leave": "Byt deltagare",
        "join.tab.weights": "Mina vikter",
        "join.tab.assess": "Mina bedömningar",
        "join.tab.top": "Min topplista",
        "join.weights_intro": "Hur viktigt är varje kriterium för dig? Bara proportionerna räknas.",
        "join.submit_weights": "Skicka in mina vikter",
        "join.sent": "Dina vikter är inskickade; ändringar sparas direkt.",
        "join.not_sent": "Dina vikter är inte inskickade ännu.",
        "join.assess_intro": (
            "Bedöm kunderna ni diskuterar, 1–5. Tomt = ingen bedömning. Bara dina egna "
            "bedömningar ändras."
        ),
        "join.save_assess": "Spara mina bedömningar ({count})",
        "join.assess_saved": "{count} bedömningar sparade.",
        "join.top_caption": "Din topp {top} med dina vikter och bedömningar.",
        "join.all_zero": "Ge minst ett kriterium en vikt över noll.",
        "gate.title": "Workshop",
        "gate.passcode": "Lösenord för workshopen",
        "gate.submit": "Fortsätt",
        "gate.wrong": "Fel lösenord.",
        "gate.not_set": (
            "Servern har inget lösenord för workshopen och tar inte emot andra enheter. "
            "Starta den med make workshop och ett lösenord."
        ),
    },
    "en": {
        # --- profitability versus size page (conc.) ---
        "conc.nav": "Profitability vs size",
        "conc.title": "Which customers do we make money on?",
        "conc.top": "Focus list length",
        "conc.top_help": "This many customers from the top of the focus list are marked in the "
        "charts.",
        "conc.focus_weights": "Marked customers: the focus list's top {top} with the weights "
        "from Focus list.",
        "conc.focus_default": "Marked customers: the focus list's top {top} with the standard "
        "weights (set your own on Focus list).",
        "conc.margin.mode": "Margin where cost is missing",
        "conc.margin.mode.none": "None",
        "conc.margin.mode.overall": "Same for all",
        "conc.margin.mode.group": "Per product group",
        "conc.margin.mode_help": (
            "The export has no cost for some customers. State an assumed margin to include "
            "them in the profitability picture; everything that uses it is marked "
            "“assumed margin”."
        ),
        "conc.margin.overall": "Assumed margin (% of revenue)",
        "conc.margin.rest": "Assumed margin for other product groups (% of revenue)",
        "conc.margin.group_help": "Revenue without known cost in the group: {revenue}. Assumed "
        "margin as % of revenue.",
        "conc.margin.no_groups": "The export has no product groups: one assumed margin applies "
        "to all.",
        "conc.margin.none_known": (
            "The export has no cost, so profitability cannot be seen. State an assumed margin "
            "above – the same for all or per product group – to see the quadrant and the whale "
            "curve."
        ),
        "conc.margin.partial": (
            "Cost is missing for {count} customers ({share} of revenue); they are left out of "
            "the profitability picture. State an assumed margin above to include them."
        ),
        "conc.margin.assumed_note": (
            "**Assumed margin:** the export has no cost for {count} customers ({share} of "
            "revenue). Their gross margin is assumed at {how}. Figures and charts that use it "
            "are marked “assumed margin”."
        ),
        "conc.margin.how_overall": "{pct} of revenue",
        "conc.margin.how_group": "{groups} of revenue per product group, others {rest}",
        "conc.assumed": "assumed margin",
        "conc.assumed_subtitle": "Partly based on an assumed margin",
        "conc.from_data": "from the export",
        "conc.customers": "{count} customers",
        "conc.of_customers": "{share} of customers",
        "conc.metric.assumed": "Whale curve peak, unprofitable customers and gross margin "
        "partly rest on an assumed margin.",
        "conc.metric.n80": "80% of revenue",
        "conc.metric.n80_help": (
            "This few customers make 80% of revenue: the smallest number of customers, "
            "largest first, whose revenue together reaches 80% of the total."
        ),
        "conc.metric.peak": "Whale curve peak",
        "conc.metric.peak_help": (
            "What the profitable customers earn together, as a share of the total gross "
            "margin. Above 100% means the unprofitable customers eat up the difference."
        ),
        "conc.metric.unprofitable": "Unprofitable customers",
        "conc.metric.unprofitable_help": "Customers with a negative gross margin in the period, "
        "and their share of the customers with a known or assumed margin.",
        "conc.metric.margin": "Gross margin",
        "conc.metric.margin_help": "The customers' gross margin in the period, summed.",
        "conc.quad.title": "Size versus profitability",
        "conc.quad.empty": "No customer has a known margin to place in the chart.",
        "conc.measure": "Profitability measured as",
        "conc.measure.margin_pct": "Margin %",
        "conc.measure.margin": "Gross margin",
        "conc.size_cut": "Size line",
        "conc.size_cut.median": "Median",
        "conc.size_cut.top20": "Top 20%",
        "conc.size_cut_help": "Median: half of the customers count as large. Top 20%: the 20% "
        "with the highest revenue count as large.",
        "conc.profit_cut": "Profitability line",
        "conc.profit_cut.median": "Median",
        "conc.profit_cut.zero": "Zero",
        "conc.profit_cut.target": "Own target",
        "conc.profit_cut_help": (
            "Median: half lie above the line. Zero: separates customers who make money from "
            "those who lose it. Own target: your own level."
        ),
        "conc.target_pct": "Target margin (%)",
        "conc.target_amount": "Target gross margin ({unit})",
        "conc.quadrant.core": "Core customers",
        "conc.quadrant.large_unprofitable": "Large but unprofitable",
        "conc.quadrant.small_profitable": "Small and profitable – develop",
        "conc.quadrant.small_unprofitable": "Small and unprofitable – review",
        "conc.focus_legend": "The numbers in the chart are places on the focus list: {names}",
        "conc.log_scale": "log scale",
        "conc.cell_customers": "Smaller customers in the cell",
        "conc.col.quadrant": "Quadrant",
        "conc.col.source": "Margin",
        "conc.col.customers": "Customers",
        "conc.col.revenue_share": "Revenue share (%)",
        "conc.col.margin_share": "Margin share (%)",
        "conc.col.position": "Place on the curve",
        "conc.quad.core": "The core customers ({count}) bring {revenue} of revenue and {margin} "
        "in gross margin.",
        "conc.quad.large_unprofitable": (
            "The large but unprofitable customers ({count}) bring {revenue} of revenue but "
            "{margin} in gross margin."
        ),
        "conc.quad.focus": "Of the focus list's {top} customers, {count} are among them.",
        "conc.cuts": "The lines: revenue {size} and profitability {profit}; a customer on a "
        "line counts as large or profitable.",
        "conc.hidden": "Customers not in the chart (zero or negative revenue after credit "
        "notes, or an unknown margin): {count}.",
        "conc.binned": "The {count} smallest customers are shown as grey cells (point at a cell "
        "for the count), so the chart stays fast.",
        "conc.curve.x": "Share of customers (%)",
        "conc.whale.title": "The whale curve: where do we make the money?",
        "conc.whale.y": "Cumulative gross margin (% of total)",
        "conc.whale.y_amount": "Cumulative gross margin ({unit})",
        "conc.whale.peak_label": "Peak {peak} ({amount})",
        "conc.whale.peak_amount": "Peak {amount}",
        "conc.whale.sentence": (
            "The profitable customers earn {peak_amount} together, {peak} of the total gross "
            "margin. The unprofitable customers ({count}, that is {share} of customers) cost "
            "{loss}, leaving {total}. The most profitable 20% of customers bring {top20} of the "
            "gross margin."
        ),
        "conc.whale.sentence_all": (
            "Every customer contributes: the curve climbs all the way to 100% of the gross "
            "margin ({total}). The most profitable 20% of customers bring {top20} of it."
        ),
        "conc.whale.sentence_loss": (
            "Taken together the customers lose money ({total}): the profitable ones earn "
            "{peak_amount}, but the unprofitable ones ({count}) cost {loss}."
        ),
        "conc.pareto.title": "The Pareto curve: how concentrated is revenue?",
        "conc.pareto.y": "Cumulative revenue (% of total)",
        "conc.pareto.label": "{count} customers ({share})",
        "conc.pareto.no_revenue": "Revenue in the period is zero or negative, so no share of it "
        "can be attributed to customers.",
        "conc.pareto.sentence": "{count} of your {total} customers ({share}) make 80% of revenue.",
        "conc.pareto.top_less": "Your {top} largest customers bring {revenue} of revenue but only "
        "{margin} of the gross margin.",
        "conc.pareto.top_more": "Your {top} largest customers bring {revenue} of revenue and "
        "{margin} of the gross margin.",
        "conc.pareto.top_only": "Your {top} largest customers bring {revenue} of revenue.",
        "conc.export_png": "Download PNG",
        "conc.export_svg": "Download SVG",
        # --- end conc ---
        # --- retention page (ret.) ---
        "ret.nav": "Retention",
        "ret.title": "What is keeping our important customers longer worth?",
        "ret.empty": (
            "There are no sales data yet. Load an export from your business system, ideally "
            "two years or more, to see how many customers stay."
        ),
        "ret.not_enough": (
            "Not enough history: retention compares one period with the next, and the data "
            "covers only one period. Load at least two years of sales to see how many "
            "customers stay."
        ),
        "ret.basis": "Compare",
        "ret.basis.12m": "12 months at a time",
        "ret.basis.year": "Calendar years",
        "ret.weights_focus": "Tiers A, B and C use the focus list's weights.",
        "ret.weights_default": "Tiers A, B and C use the default weights (set your own on "
        "Focus list).",
        "ret.observed": "How many customers buy again?",
        "ret.observed_caption.12m": (
            "Share of a 12-month period's customers (net purchases above zero) who buy again "
            "in the next 12 months; the periods end at the data's last invoice date. Tier = the "
            "customer's tier in the earlier period. Groups of fewer than {min} customers are "
            "left out of the chart: the rate would be uncertain."
        ),
        "ret.observed_caption.year": (
            "Share of a year's customers (net purchases above zero) who buy again the year "
            "after. Tier = the customer's tier the year before. Years the data covers only in "
            "part (hollow points) give misleading rates. Groups of fewer than {min} "
            "customers are left out of the chart: the rate would be uncertain."
        ),
        "ret.table": "Table with the bases",
        "ret.all_uncertain": "Every group has fewer than {min} customers, so the rates would "
        "be uncertain in a chart. The table below shows them with their bases.",
        "ret.rate_uncertain": "Note: the retention of {group} rests on only {base} customers "
        "and is uncertain.",
        "ret.group.all": "All customers",
        "ret.group.rest": "Others (B + C)",
        "ret.group.tier": "{tier} customers",
        "ret.chart.rate": "Buy again (%)",
        "ret.col.period": "Period",
        "ret.col.group": "Group",
        "ret.col.base": "Customers",
        "ret.col.base_help": "Customers who bought in the period before: the base of the rate.",
        "ret.col.kept": "Bought again",
        "ret.col.rate": "Retention",
        "ret.col.rate_help": "Bought again ÷ customers.",
        "ret.col.revenue_rate": "Revenue kept",
        "ret.col.revenue_rate_help": (
            "The same customers' revenue in the period ÷ their revenue in the period before. "
            "Above 100 % means those who stayed bought more than those who left took away."
        ),
        "ret.col.note": "Note",
        "ret.uncertain": "uncertain – only {base} customers (below {min})",
        "ret.partial": "the data does not cover the whole period",
        "ret.short_base_note": "the period before has only {days} days of data: not used in "
        "the scenario or the lifetime value",
        "ret.short_base_left_out": "Some retention rates rest on a period with only {days} "
        "days of data (fewer than {min}). They are shown but left out of the scenario and "
        "the lifetime values.",
        "ret.short_base_none": "The retention rates rest on a period with only {days} days "
        "of data (fewer than {min}): too little for a scenario or a lifetime value. Load a "
        "longer history.",
        "ret.cohorts": "Cohorts: share still buying",
        "ret.cohorts_caption": (
            "Rows = the period of the customer's first purchase; the top row also holds every "
            "customer already buying when the data starts. Each cell shows the share buying in "
            "that period."
        ),
        "ret.cohort": "First purchase",
        "ret.cohort_size": "Customers in the cohort",
        "ret.share": "Buying (%)",
        "ret.scenario": "Scenario: keep more of the important customers",
        "ret.up_focus": "A customers: retention + percentage points",
        "ret.up_rest": "Other customers: retention + percentage points",
        "ret.horizon": "Horizon (years)",
        "ret.discount": "Discount rate (% a year)",
        "ret.discount_help": "Money in a few years is worth less than money today; the rate "
        "turns future gross margin into today's value.",
        "ret.cac": "Cost of winning a new customer (× its annual gross margin)",
        "ret.cac_help": (
            "Published figures say a new customer costs 5 to 25 times more than keeping an "
            "existing one; the columns behind Kundfokus say 7–8 times."
        ),
        "ret.assumed_margin": "Assumed gross margin (% of revenue)",
        "ret.assumed_help": "The export has no cost for some customers; their gross margin "
        "counts as this share of revenue.",
        "ret.assumed_note": "Cost is missing for some customers: their gross margin is assumed "
        "to be {pct} % of revenue.",
        "ret.what.focus": "If we keep {points} more of our A customers",
        "ret.what.rest": "If we keep {points} more of our other customers",
        "ret.what.both": "If we keep {points} more of our A customers and {rest} more of the "
        "others",
        "ret.points_one": "{n} percentage point",
        "ret.points_many": "{n} percentage points",
        "ret.points_capped": "{points} (capped at {ceiling})",
        "ret.sentence_alone": "{what}, that is worth {amount} in gross margin over {years}.",
        "ret.sentence": "{what}, that is worth {amount} in gross margin over {years} — {equal}",
        "ret.equal_one": "as much as 1 new customer, who would cost {cost} to win.",
        "ret.equal_many": "as much as {count} new customers, who would cost {cost} to win.",
        "ret.nothing": "These customers all stay already: there are none left to keep.",
        "ret.sentence_loss": "{what}, that costs {amount} in gross margin over {years}: those "
        "customers make a loss today.",
        "ret.negative_margin": "{group} bring {amount} in gross margin a year today – keeping "
        "more of them costs money.",
        "ret.no_payback": "In {years} a new customer does not even earn back what it costs to win.",
        "ret.years_one": "{n} year",
        "ret.years_many": "{n} years",
        "ret.no_move": "Move the sliders to see what keeping more customers is worth.",
        "ret.rates_used": "Observed retention: A customers {focus}, others {rest}; discount "
        "rate {discount} a year.",
        "ret.capped": "The A customers already buy again at {rate}, and no one can keep more "
        "than all of them: the scenario stops at 100 %.",
        "ret.new_customer": "A new customer is assumed to bring the average customer's gross "
        "margin, {margin} a year, to stay like the average customer, and to cost {multiple} × "
        "that to win ({cost}).",
        "ret.projection_caption": "Only today's customers count, no new ones: year k brings "
        "gross margin × retention^k, in today's value.",
        "ret.chart.year": "Years ahead",
        "ret.chart.cumulative": "Cumulative margin ({unit})",
        "ret.chart.amount": "Cumulative gross margin",
        "ret.metric.difference": "Difference",
        "ret.metric_help": "Gross margin from today's customers, summed over {years} in "
        "today's value.",
        "ret.series.baseline": "As today",
        "ret.series.scenario": "Scenario",
        "ret.clv": "Customer lifetime value per tier",
        "ret.clv_caption": (
            "CLV = m × r / (1 + d − r), where m = gross margin a year (last 12 months), r = "
            "retention a year and d = discount rate a year. Expected lifetime = 1 / (1 − r) "
            "years. Retention above 99 % counts as 99 %."
        ),
        "ret.lifetime_over": "over {years}",
        "ret.lifetime_capped": "Lifetimes over {years} years show as “over {years}”: with "
        "retention above {rate}, 1 / (1 − r) gives more years than anyone can plan with (99 % "
        "gives 100 years).",
        "ret.col.tier": "Tier",
        "ret.col.customers": "Customers",
        "ret.col.margin_pc": "Margin per customer ({unit}/year)",
        "ret.col.retention": "Retention (%/year)",
        "ret.col.lifetime": "Lifetime (years)",
        "ret.col.multiplier": "Multiplier",
        "ret.col.multiplier_help": "r / (1 + d − r): how many years of gross margin a customer "
        "is worth today.",
        "ret.col.clv_pc": "CLV per customer ({unit})",
        "ret.col.clv": "CLV in total ({unit})",
        "ret.risk": "Focus customers who are slipping",
        "ret.risk_factor": "Overdue: more than … times the customer's usual interval",
        "ret.risk_drop": "Falling: revenue down more than (%)",
        "ret.risk_caption": "The A customers of the focus list. Revenue in the last 12 months "
        "against the 12 months before; days are counted to the data's last invoice date, "
        "{date}. Usual interval = the median time between the customer's purchase days (at "
        "least three purchases).",
        "ret.risk_none": "No A customer looks like slipping with these limits.",
        "ret.risk_count": "**{count}** of {total} A customers are flagged.",
        "ret.why.overdue": "overdue",
        "ret.why.falling": "falling",
        "ret.col.customer": "Customer",
        "ret.col.why": "Why",
        "ret.col.days_since": "Days since purchase",
        "ret.col.interval": "Usual interval (days)",
        "ret.col.overdue_ratio": "Times the interval",
        "ret.col.revenue": "Revenue 12 months ({unit})",
        "ret.col.change": "Change (%)",
        "ret.col.last_purchase": "Last purchase",
        # --- end retention ---
        # --- health check page (health.) ---
        "health.nav": "Customer check",
        "health.title": "Do you know your customers?",
        "health.intro": "Fourteen questions about the customers you already have. The data "
        "answers where it can; the team answers the rest with yes, partly or no.",
        "health.score": "Yes answers",
        "health.score_value": "{yes} of {total}",
        "health.counts": "{partly} partly · {no} no · {unknown} unanswered",
        "health.last_answer": "The team last answered on {date}.",
        "health.answer.yes": "Yes",
        "health.answer.partly": "Partly",
        "health.answer.no": "No",
        "health.answer.unknown": "Unknown",
        "health.source.data": "Answered by the data",
        "health.source.team": "The team's answer",
        "health.source.unknown": "Not answered",
        "health.team_answer": "The team's answer",
        "health.note": "Note",
        "health.note_help": "Why the answer is what it is, or who takes the question further.",
        "health.answered": "Answered on {date}.",
        "health.note_shown": "Note: {note}",
        "health.fig.1": "{active} customers bought in the period, {total} customers in the data "
        "in all.",
        "health.fig.2": "{count} of {customers} customers ({share}) make 80% of revenue.",
        "health.fig.3": "Potential assessed for {assessed} of {customers} A customers.",
        "health.fig.3.none": "The team has not assessed any customer's potential yet.",
        "health.fig.4": "{count} customers ({share} of those with a known cost) are "
        "unprofitable, {margin} of margin together. Decide per customer: end it, or will it pay "
        "off over time?",
        "health.fig.4.none": "Every customer with a known cost is profitable.",
        "health.fig.6": "Satisfaction is known for {customers} of the period's customers "
        "({coverage}), {mean} of 5 on average.",
        "health.fig.7": "NPS is known for {customers} of the period's customers ({coverage}), "
        "{mean} on average.",
        "health.col.tier": "Tier",
        "health.col.customers": "Customers",
        "health.col.assessed": "Potential assessed",
        "health.col.potential": "Potential (mean 1–5)",
        "health.col.growth": "Growth, median (%)",
        "health.next": "Next steps",
        "health.next_none": "No answer is no: nothing to act on right now.",
        "health.deck": "Download slide deck (PowerPoint)",
        "health.deck_file": "kundfokus-strategy-day.pptx",
        "health.pack": "Download workshop pack (Excel)",
        "health.pack_file": "kundfokus-workshop-pack.xlsx",
        "health.masked_files": "Customer names are masked in the deck and the workshop pack "
        "(Customer A01 …).",
        "health.pack_help": "The whole scored customer list (A, B and C), the weights and the "
        "customer check in one Excel file.",
        "health.deck_help": "The strategy day's deck with the customer check, the curves, the "
        "quadrant, the focus list and the retention scenario.",
        # --- end health ---
        "app.title": "Kundfokus",
        "app.tagline": "Which customers matter most to us – and what do we do about it?",
        "nav.overview": "Overview",
        "nav.import": "Import data",
        "sidebar.dataset": "Data set",
        "sidebar.no_dataset": "No data loaded yet",
        "sidebar.language": "Language",
        "sidebar.presentation": "Presentation mode",
        "sidebar.presentation_help": "Larger text and fewer controls, for a projector.",
        "sidebar.show_controls": "Show controls",
        "sidebar.show_controls_help": "In presentation mode the controls are folded away so "
        "that the picture and its sentence show; turn on to change them.",
        "app.controls": "Controls",
        "sidebar.mask_names": "Mask customer names",
        "sidebar.mask_names_help": "Customers are called Customer A01, A02 … (by revenue) "
        "on every page, in charts, tables, downloads and the deck.",
        "mask.customer": "Customer {code}",
        "customer.reveal": "Show the real name",
        "customer.revealed": "{pseudonym} is {name}. The name is hidden again at the next click.",
        "sidebar.demo_badge": "Demo data",
        "demo.notice": (
            "You are looking at the **demo company** {name}: invented data that shows how "
            "Kundfokus works. Load your own sales export under **Import data**."
        ),
        "demo.loading": "Loading the demo company the first time …",
        "overview.title": "Overview",
        "overview.empty": (
            "There is no sales data here yet. Start by loading an export from your ERP "
            "(CSV, Excel or Parquet)."
        ),
        "overview.go_import": "Go to Import data",
        "overview.dataset": "Data set: **{name}**",
        "overview.period": "Period",
        "overview.customers": "Customers",
        "overview.revenue": "Revenue",
        "overview.margin": "Gross margin",
        "overview.margin_pct": "{pct} of revenue",
        "overview.margin_unknown": "Unknown – the file has no cost",
        "overview.coverage": "Cost known for",
        "overview.coverage_help": "Share of revenue for which the export states cost or margin.",
        "overview.lines": "Invoice lines",
        "overview.imports": "Imports",
        "overview.monthly": "Revenue per month",
        "overview.month": "Month",
        "overview.next": "Next steps",
        "overview.next_import": "Load more files or correct an import",
        "overview.next_focus": "Weigh the criteria and see which customers matter most",
        "import.title": "Import data",
        "import.intro": (
            "Drop your sales export here. Kundfokus recognises common column names in "
            "Swedish, Danish, Norwegian, English and German; you see and can correct the "
            "mapping before anything is loaded."
        ),
        "import.kind": "Kind of file",
        "import.kind_sales": "Sales (invoice lines)",
        "import.kind_customers": "Customer master (segment, manager, satisfaction)",
        "import.dataset": "Load into data set",
        "import.dataset_help": "A sales export is loaded into a new data set named after the "
        "file. Type the name of an existing data set to add to that one.",
        "import.currency": "Currency",
        "import.currency_help": "The currency of amounts the file does not label. A "
        "currency column or currency signs in the file (kr, €, EUR …) come first.",
        "import.currency_from_file": "The file states the currency: {currency}.",
        "import.currency_of_dataset": "The data set {dataset} is in {currency}.",
        "import.default_dataset": "Our sales",
        "import.upload": "Choose or drop a file",
        "import.upload_help": "CSV, TXT, Excel (XLSX/XLS) or Parquet, up to 1 GB.",
        "import.sheet": "Sheet",
        "import.all_sheets": "Take all sheets with the same headers",
        "import.preview": "Preview (first rows, as read)",
        "import.file_facts": "File type {kind}, encoding {encoding}, delimiter {delimiter}",
        "import.mapping": "Column mapping",
        "import.mapping_help": "Which column of the file means what? Correct anything wrong.",
        "import.mapping_profile": "The mapping comes from the saved profile **{name}**.",
        "import.not_used": "— not used —",
        "import.save_profile": "Save the mapping as a profile",
        "import.profile_name": "Profile name",
        "import.profile_saved": "Profile {name} is saved. The next file with the same headers "
        "is mapped automatically.",
        "import.replace_overlap": "Replace data already loaded for the file's period",
        "import.replace_help": (
            "For a corrected or renewed export: lines of the data set dated within the "
            "file's period are removed before the new file is loaded."
        ),
        "import.go": "Load",
        "import.progress": "Loading {name} …",
        "import.stage.reading": "Reading the file",
        "import.stage.checking": "Checking columns and formats",
        "import.stage.parsing": "Parsing rows",
        "import.stage.saving": "Saving to the database",
        "import.stage.done": "Done",
        "import.done": "{name} is loaded.",
        "import.report": "Import report",
        "import.rows_read": "Rows read",
        "import.rows_loaded": "Loaded",
        "import.rows_rejected": "Rejected",
        "import.revenue_loaded": "Amount loaded",
        "import.revenue_rejected": "Amount rejected",
        "import.revenue_total": "File total",
        "import.reconciles": "Loaded + rejected = the file's total: {total}",
        "import.customers": "Customers",
        "import.period": "Period",
        "import.rejected": "Rejected rows",
        "import.rejected_none": "No rows were rejected.",
        "import.download_rejected": "Download rejected rows (CSV)",
        "import.history": "Earlier imports",
        "import.history_empty": "No imports yet in this data set.",
        "import.delete": "Delete import",
        "import.delete_pick": "Import to delete",
        "import.delete_confirm": "Yes, delete this import's lines",
        "import.deleted": "The import {file} is deleted.",
        "col.import_id": "No.",
        "col.kind": "Kind",
        "col.file_name": "File",
        "col.imported_at": "Loaded",
        "col.rows_loaded": "Rows",
        "col.rows_rejected": "Rejected",
        "col.revenue_loaded": "Amount",
        "col.first_date": "From",
        "col.last_date": "To",
        "col.line_no": "Line",
        "col.sheet": "Sheet",
        "col.reason": "Reason",
        "col.revenue": "Amount",
        "col.raw": "Values in the file",
        "kind.sales": "Sales",
        "kind.customers": "Customer master",
        "field.customer_id": "Customer number",
        "field.customer_name": "Customer name",
        "field.invoice_date": "Invoice date",
        "field.invoice_number": "Invoice number",
        "field.revenue": "Amount (revenue)",
        "field.quantity": "Quantity",
        "field.unit_price": "Unit price",
        "field.cost": "Cost",
        "field.margin": "Gross margin (amount)",
        "field.margin_pct": "Margin (%)",
        "field.product": "Product",
        "field.product_group": "Product group",
        "field.due_date": "Due date",
        "field.paid_date": "Paid date",
        "field.salesperson": "Salesperson",
        "field.region": "Region",
        "field.segment": "Segment",
        "field.currency": "Currency",
        "field.key_account_manager": "Key account manager",
        "field.satisfaction": "Satisfaction (1–5)",
        "field.nps": "NPS",
        "field.refunded": "Amount refunded (subtracted)",
        "field.status": "Status (failed/cancelled are rejected)",
        "field.line_no": "Line",
        "field.sheet": "Sheet",
        "field.reason": "Rejected because",
        "reason.bad_quotes": "The line cannot be split into fields (a quote that never closes)",
        "reason.too_many_fields": (
            "More fields than the header (e.g. an unquoted amount with a thousands comma)"
        ),
        "reason.not_a_sale": "Status says failed or cancelled – no sale",
        "reason.missing_customer": "No customer",
        "reason.missing_date": "No date",
        "reason.bad_date": "Date cannot be read",
        "reason.implausible_date": "Implausible date (before 1990 or more than a year ahead, "
        "e.g. 9999-12-31)",
        "reason.missing_amount": "No amount",
        "reason.bad_amount": "Amount cannot be read",
        "reason.amount_too_large": "Implausibly large amount (100 trillion or more)",
        "reason.other_currency": "Another currency than the file's",
        "error.empty_file": "The file is empty.",
        "error.binary_file": "The file is a {kind} file, not a sales export. Choose a CSV, "
        "Excel or Parquet file.",
        "error.unreadable": "The file could not be read as a table. Check that it is a "
        "complete, undamaged export.",
        "error.encrypted": "The workbook is protected with a password, so it cannot be read. "
        "Open it in Excel, remove the password (File > Info > Protect Workbook) and save it "
        "again.",
        "error.excel_xml": "The file is an Excel 2003 XML spreadsheet, which cannot be read "
        "here. Open it in Excel and save it as Excel Workbook (.xlsx).",
        "error.html_table": "The file is a web page with a table (HTML), not an Excel workbook. "
        "Open it in Excel and save it as Excel Workbook (.xlsx).",
        "error.date_range": "The range of plausible dates is set wrongly: "
        "KUNDFOKUS_EARLIEST_DATE must be a date such as 1990-01-01, KUNDFOKUS_DAYS_AHEAD a "
        "number of days, and the first date may not come after the last.",
        "error.too_large": "The file is {size_mb} MB; the limit is {limit_mb} MB. Split the "
        "export by year or use the command line.",
        "error.unknown_sheet": "There is no sheet {sheet}. The sheets are: {sheets}.",
        "error.no_data_sheet": "The spreadsheet has no sheet with a table of sales data. "
        "Sheets: {sheets}.",
        "error.mapping_unknown_column": "The mapping uses columns the file does not have: "
        "{columns}.",
        "error.no_customer_column": "No column looks like a customer number or name. Choose "
        "it under Column mapping. Columns in the file: {columns}.",
        "error.no_amount_column": "No column looks like an amount (or quantity and unit "
        "price). Choose it under Column mapping. Columns in the file: {columns}.",
        "error.no_date_column": "No column looks like an invoice date. Choose it under Column "
        "mapping. Columns in the file: {columns}.",
        "error.header_only": "The file has headers but no data rows.",
        "error.nothing_loaded": "None of the file's {rows} rows could be used ({detail}). "
        "Check the column mapping.",
        "error.already_imported": "This file is already loaded into {dataset} (as {file}). "
        "It is not counted twice.",
        "error.currency_mismatch": "The file is in {currency} but the data set {dataset} in "
        "{dataset_currency}. Amounts in different currencies are never added up: load the "
        "file into another data set.",
        "error.unknown_profile": "There is no profile called {name}.",
        "error.profile_name": "Give the profile a name.",
        "error.generic": "Something went wrong: {message}",
        "warning.duplicate_lines": "{lines} lines are exact copies of another line. They were "
        "loaded as they are – check the export if that is unexpected.",
        "warning.no_cost": "The file has no cost or margin: profitability views say so clearly.",
        "warning.cost_missing": "{lines} loaded lines have no readable cost.",
        "warning.ambiguous_dates": "The dates in column {column} fit both day/month and "
        "month/day; they were read as day/month.",
        "warning.overlap": "The data set already has {lines} lines between {first} and "
        "{last}; both are now counted. Load again with “Replace data already loaded” to "
        "replace them.",
        "warning.replaced_period": "{lines} earlier lines between {first} and {last} were "
        "replaced.",
        "warning.mapping_system": "The headers are those of a {system} export; the columns "
        "are mapped as such.",
        "warning.mapping_guess": "A guess: column {column} is taken as {field} because its "
        "name is close to {like}. Check that it is right.",
        "warning.mapping_inferred_date": "No header names the invoice date: column {column} is "
        "taken because {share} % of its values are dates. Check that it is right.",
        "warning.mapping_inferred_amount": "No header names the amount: column {column} is "
        "taken because its name is that of an amount and {share} % of its values are "
        "numbers. Check that it is right.",
        "warning.mixed_encoding": "{lines} lines are not UTF-8 like the rest of the file and "
        "were read as Windows-1252 (first: line {first}). Check the names on them.",
        "warning.mixed_currencies": "The file mixes currencies: {lines} lines in another "
        "currency than {currency} were rejected and are not counted (currency, total, "
        "lines: {totals}).",
        "nav.focus": "Focus list",
        "focus.title": "Focus list – our most important customers",
        "focus.period": "Period",
        "focus.period.12m": "Last 12 months",
        "focus.period.24m": "Last 24 months",
        "focus.period.all": "All data",
        "focus.period_caption": "{start} – {end} · {customers} customers with purchases",
        "focus.top": "Show top",
        "focus.empty": "There are no purchases in the chosen period.",
        "focus.weights": "Weights – what makes a customer important to us?",
        "focus.source.data": "From sales data",
        "focus.source.team": "The team's assessment",
        "focus.shares": "Share of the score:",
        "focus.all_zero": "All weights are zero. Give at least one criterion a weight above zero.",
        "focus.list": "Top {top}",
        "focus.leaders": "At the top right now: **{names}**",
        "focus.tier": "{tier} customers",
        "focus.tier_customers": "{count} ({share})",
        "focus.tier_shares": "{revenue} of revenue ({amount}), {margin} of gross margin",
        "focus.col.rank": "Rank",
        "focus.col.tier": "Tier",
        "focus.col.score": "Score",
        "focus.col.contributions": "Contribution per criterion",
        "focus.col.assessed": "Assessed",
        "focus.col.assessed_help": "How much of the score rests on known values; the rest is "
        "a neutral 50 % for criteria not assessed.",
        "focus.col.points": "Points",
        "focus.col.not_assessed": "Not assessed",
        "focus.col.not_assessed_help": "Criteria without a value for the customer; they "
        "count as a neutral 50 %.",
        "focus.col.criterion": "Criterion",
        "focus.col.weight": "Weight",
        "focus.col.share": "Share %",
        "focus.col.about": "About the list",
        "focus.sheet.list": "Focus list",
        "focus.sheet.weights": "Weights",
        "focus.sheet.about": "About",
        "focus.export_about": "Kundfokus focus list, period {period}. Weights:",
        "focus.export_excel": "Download Excel",
        "focus.export_csv": "Download CSV",
        "focus.sets": "Saved weight sets",
        "focus.reset": "Reset to default weights",
        "focus.reset_help": "The weights apply to the data set on every page and are kept "
        "until you change them. This returns them to the defaults.",
        "focus.set_name": "Name of the weight set",
        "focus.save_set": "Save",
        "focus.set_saved": "The weight set {name} is saved.",
        "focus.no_sets": "No saved weight sets yet.",
        "focus.load_set": "Saved weight set",
        "focus.load": "Use",
        "focus.compare": "Compare two weight sets",
        "focus.compare_a": "Weight set 1",
        "focus.compare_b": "Weight set 2",
        "focus.diff.top_entered": "Enter the top {top} with set 2",
        "focus.diff.top_left": "Leave the top {top} with set 2",
        "focus.diff.a_entered": "Become A customers with set 2",
        "focus.diff.a_left": "Stop being A customers with set 2",
        "criterion.revenue": "Revenue",
        "criterion.revenue.help": "Invoiced during the period, {unit}.",
        "criterion.gross_margin": "Gross margin",
        "criterion.gross_margin.help": "Revenue minus cost during the period, {unit}.",
        "criterion.margin_pct": "Margin %",
        "criterion.margin_pct.help": "Gross margin as per cent of revenue.",
        "criterion.growth": "Growth",
        "criterion.growth.help": "Change in revenue against the previous equal period, %.",
        "criterion.frequency": "Purchase frequency",
        "criterion.frequency.help": "Invoices per year.",
        "criterion.recency": "Recency",
        "criterion.recency.help": "Days since the last purchase; fewer is better.",
        "criterion.tenure": "Tenure",
        "criterion.tenure.help": "Years since the first purchase.",
        "criterion.payment_delay": "Pays on time",
        "criterion.payment_delay.help": "Average days paid after the due date; fewer is better.",
        "criterion.breadth": "Breadth",
        "criterion.breadth.help": "Number of product groups the customer buys.",
        "criterion.strategic_fit": "Strategic fit",
        "criterion.strategic_fit.help": "Does the customer fit our strategy? Team score 1–5.",
        "criterion.potential": "Potential",
        "criterion.potential.help": "Room to grow with us. Team score 1–5.",
        "criterion.dependency": "Dependency",
        "criterion.dependency.help": "How much would it hurt if they left us? 1–5.",
        "criterion.relationship": "Relationship",
        "criterion.relationship.help": "Trust, good to work with. Team score 1–5.",
        "criterion.satisfaction": "Satisfaction",
        "criterion.satisfaction.help": "Team score 1–5, else survey or NPS.",
        # --- team assessment and customer pages ---
        "team.nav": "Team assessment",
        "team.title": "Team assessment",
        "team.intro": (
            "Score the customers 1–5 on what the numbers do not show: **strategic fit**, "
            "**potential**, **dependency** – how much would it hurt if they left us?, "
            "**relationship** and **satisfaction**. A blank cell means not assessed. Every "
            "customer of the data set is listed, largest revenue first. Saved scores count in "
            "the focus list at once."
        ),
        "team.empty": "There is no sales data to assess yet. Load an export from your ERP first.",
        "team.never": "The team has not assessed any customer yet.",
        "team.last": "Last saved {date} at {time} by {by} · customers assessed: {customers}, "
        "scores: {scores}",
        "team.by_unknown": "unknown",
        "team.saved": "{count} scores saved.",
        "team.saved_one": "1 score saved.",
        "team.by": "Who is scoring?",
        "team.by_placeholder": "Your name or the group's, e.g. Leadership team",
        "team.search": "Find a customer (name or number)",
        "team.top": "Show",
        "team.top_n": "The {n} largest",
        "team.top_all": "All customers",
        "team.unassessed": "Only not assessed",
        "team.showing": "Showing {shown} of {total} customers, largest revenue in the last 12 "
        "months first ({recent} of the customers bought in those 12 months).",
        "team.col.revenue": "Revenue 12 months",
        "team.save": "Save changes ({count})",
        "team.error.range": "Scores must be between 1 and 5 (blank = not assessed). Nothing "
        "was saved.",
        "team.error.no_customer_column": "No column looks like a customer number or name. "
        "Columns in the file: {columns}.",
        "team.error.no_criteria_columns": "No column looks like one of the team's criteria "
        "(Strategic fit, Potential, Dependency, Relationship, Satisfaction). Columns in the "
        "file: {columns}.",
        "team.error.header_only": "The file has headers but no rows of scores.",
        "team.file.title": "Load scores from a file",
        "team.file.intro": (
            "A CSV or Excel file with the customer number and a column per criterion, for "
            "example Customer no; Strategic fit; Potential; Dependency; Relationship; "
            "Satisfaction. Values 1–5; a blank cell leaves the saved score as it is."
        ),
        "team.file.upload": "Choose or drop a file of scores",
        "team.file.rows_read": "Rows read",
        "team.file.rows_used": "Usable",
        "team.file.rows_rejected": "Rejected",
        "team.file.scores": "Scores",
        "team.file.columns": "Columns: {columns}",
        "team.file.rejected": "Rejected rows – correct the file and load it again",
        "team.file.column": "Column",
        "team.file.value": "Value in the file",
        "team.file.save": "Save the scores ({count})",
        "team.reason.bad_quotes": "The line cannot be split into fields (quotes)",
        "team.reason.too_many_fields": "More fields than the header",
        "team.reason.missing_customer": "No customer",
        "team.reason.unknown_customer": "Not a customer of this data set",
        "team.reason.not_a_number": "Not a number",
        "team.reason.out_of_range": "Outside 1–5",
        "team.master": (
            "Do you have a customer master with segment, key account manager, satisfaction "
            "or NPS? Load it as **Customer master** under Import data."
        ),
        "team.master_link": "Go to Import data",
        "customer.nav": "Customer",
        "customer.title": "Customer",
        "customer.empty": (
            "There is no sales data yet. Load an export from your ERP to see one customer "
            "in detail."
        ),
        "customer.period_caption": "Period {start} – {end}",
        "customer.pick": "Customer",
        "customer.pick_help": "Type to search by name or number. Largest customer first.",
        "customer.revenue": "Revenue",
        "customer.revenue_help": "Invoiced {start} – {end}.",
        "customer.margin_pct": "{pct} margin",
        "customer.invoices": "Invoices",
        "customer.per_year": "{n} a year",
        "customer.since": "since {date}",
        "customer.days": "{n} days",
        "customer.unknown_help": "Unknown – the export does not say.",
        "customer.history": "Revenue and gross margin per month",
        "customer.mix": "Product groups",
        "customer.mix_unknown": "The export has no product groups.",
        "customer.no_group": "(no product group)",
        "customer.share": "Share",
        "customer.amount": "Amount",
        "customer.payment": "Payment",
        "customer.pay_unknown": "The export has no due or paid dates: payment cannot be judged.",
        "customer.pay_late_share": "Paid late",
        "customer.pay_late_of": "{late} of {paid} invoices",
        "customer.pay_unpaid": "Unpaid invoices",
        "customer.pay_overdue": "Overdue unpaid",
        "customer.pay_overdue_help": "Unpaid invoices whose due date passed before the data "
        "set's last invoice date.",
        "customer.breakdown": "Score – and how it compares with the A customers",
        "customer.rank": "Rank",
        "customer.rank_of": "{rank} of {total}",
        "customer.tier": "Tier",
        "customer.score": "Score (0–100)",
        "customer.assessed": "{pct} assessed",
        "customer.assessed_help": "How much of the weight rests on known values; unknown "
        "ones count as the middle (0.5).",
        "customer.weights_focus": "With the focus list's weights. The bars show the points "
        "each criterion gives the customer, next to the average of the A customers.",
        "customer.weights_default": "With the default weights (set your own on Focus list). "
        "The bars show the points each criterion gives the customer, next to the average of "
        "the A customers.",
        "customer.a_average": "A-customer average",
        "customer.points": "Points",
        "customer.criterion": "Criterion",
        "customer.to_team": "Score this customer under Team assessment",
        "customer.previous": "from {amount}",
        "customer.invoices_help": "Invoices {start} – {end}; below: invoices a year.",
        "customer.recency": "Days since purchase",
        "customer.last": "last {date}",
        "customer.tenure": "Tenure, years",
        "customer.payment_delay": "Days past due date",
        "customer.breadth": "Product groups",
        "customer.pay_late_help": "Share of the period's paid invoices that were paid after "
        "the due date.",
        "customer.pay_max": "Longest delay",
        "customer.on_time": "Always on time",
        "customer.pay_max_help": "Most days past the due date for a paid invoice in the "
        "period; negative = everything paid early.",
        "customer.pay_unpaid_help": "Invoices in the period with a due date but no paid date, "
        "and their amount.",
        "customer.unknown": "There is no customer {id} in this data set. The largest "
        "customer is shown.",
        "customer.not_in_period": "Customer {id} has no purchases in the chosen period. Choose "
        "a longer period to see the customer.",
        "ws.nav": "Workshop",
        "ws.title": "Workshop: which customers matter most to us?",
        "ws.intro": (
            "Every participant sets their own weights and assessments on their own laptop "
            "or phone. Here you see where you agree, where you differ and how stable the "
            "list is – and decide the focus list."
        ),
        "ws.choose": "Workshop",
        "ws.none": "No workshop for this data set yet. Create one below.",
        "ws.new": "New workshop",
        "ws.new_name": "Name",
        "ws.new_name_placeholder": "Leadership team December 2026",
        "ws.new_top": "Length of the top list",
        "ws.create": "Create workshop",
        "ws.created": "The workshop {name} has been created.",
        "ws.name_taken": "There is already a workshop called {name}.",
        "ws.name_missing": "Give the workshop a name.",
        "ws.code": "Code",
        "ws.join_at": "Go to {url} and enter the code, or scan the QR code.",
        "ws.qr_alt": "QR code of the workshop",
        "ws.period_caption": "{dataset} · {start} – {end} · top {top}",
        "ws.participants": "Participants",
        "ws.joined_count": "{joined} have joined, {submitted} have sent their weights.",
        "ws.col.name": "Name",
        "ws.col.submitted": "Weights sent",
        "ws.col.assessments": "Assessments",
        "ws.live": "Update automatically",
        "ws.live_help": (
            "Fetches the participants' latest weights and assessments every five seconds."
        ),
        "ws.waiting": (
            "Nobody has sent weights yet. The consensus shows once the first participant "
            "has saved their weights."
        ),
        "ws.weights": "Weights: mean and spread",
        "ws.weights_caption": (
            "The bar is the group's mean share, each dot one participant's share. The "
            "criterion you disagree on most comes first."
        ),
        "ws.mean_line": "**Mean weights** ({count} participants):",
        "ws.chart.criterion": "Criterion",
        "ws.chart.share": "Share of the weight",
        "ws.chart.mean": "Mean",
        "ws.chart.participant": "Participant",
        "ws.assessments": "Assessments: where do you differ?",
        "ws.assess_none": "No assessments yet.",
        "ws.assess_caption": (
            "The consensus list uses the mean. Largest spread first; a spread of 2 or more "
            "is worth discussing."
        ),
        "ws.col.customer": "Customer",
        "ws.col.criterion": "Criterion",
        "ws.col.mean": "Mean",
        "ws.col.min": "Lowest",
        "ws.col.max": "Highest",
        "ws.col.spread": "Spread",
        "ws.col.n": "Count",
        "ws.consensus": "The consensus list",
        "ws.consensus_caption": (
            "Mean weights and mean assessments. {everyone} customers are in everyone's top "
            "{top}, {most} in most."
        ),
        "ws.col.rank": "Rank",
        "ws.col.tier": "Tier",
        "ws.col.score": "Score",
        "ws.col.agreement": "In the top list of",
        "ws.col.override": "Fixed",
        "ws.col.reason": "Reason",
        "ws.agree.count": "{count} of {total}",
        "ws.queue": "Discussion queue",
        "ws.queue_caption": (
            "Customers in some participants' top {top} but not in others'. The most even "
            "splits first."
        ),
        "ws.queue_empty": "No contested customer: everyone has the same top {top}.",
        "ws.col.in_top_of": "In the top list of",
        "ws.col.not_in_top_of": "Not of",
        "ws.override": "Pin or exclude a customer",
        "ws.override_customer": "Customer",
        "ws.override_kind": "Action",
        "ws.kind.pin": "Pin into the list",
        "ws.kind.exclude": "Exclude",
        "ws.override_reason": "Reason (kept with the decision)",
        "ws.override_save": "Save",
        "ws.override_need_reason": "Write a reason.",
        "ws.override_clear": "Remove",
        "ws.overrides_none": "No customer is pinned or excluded.",
        "stab.title": "Rank stability",
        "stab.caption": (
            "{samples} weight sets drawn around the weights ({spread}): how often is each "
            "customer in A? The same answer every time."
        ),
        "stab.spread_source": "Spread",
        "stab.spread.disagreement": "The participants' disagreement",
        "stab.spread.points": "± points",
        "stab.points": "± points per weight",
        "stab.spread_disagreement": "the participants' disagreement",
        "stab.spread_points": "± {points} points per weight",
        "stab.always": "Always A",
        "stab.border": "On the border",
        "stab.never": "Never A",
        "stab.col.p_a": "Share in A",
        "stab.col.range": "Rank (5–95%)",
        "stab.border_list": "Customers on the border",
        "stab.flip": "What would move a customer?",
        "stab.flip_customer": "Customer",
        "stab.flip.leaves.down": "{name} leaves A if {criterion} drops from {start} to {end}.",
        "stab.flip.leaves.up": "{name} leaves A if {criterion} rises from {start} to {end}.",
        "stab.flip.enters.down": "{name} enters A if {criterion} drops from {start} to {end}.",
        "stab.flip.enters.up": "{name} enters A if {criterion} rises from {start} to {end}.",
        "stab.flip.none_a": "{name} stays in A whatever a single weight is set to.",
        "stab.flip.none": "{name} does not reach A by changing a single weight.",
        "stab.focus": "How stable is the list?",
        "stab.show": "Compute the stability of the weights above",
        "dec.decide": "Decide the focus list",
        "dec.caption": (
            "Saves the date, data and period, weights, participants, the list with ranks "
            "and tiers, pinned and excluded customers with reasons, and your notes. A "
            "decision is never changed afterwards."
        ),
        "dec.name": "Name of the decision",
        "dec.name_default": "Focus list {year}",
        "dec.notes": "Notes",
        "dec.save": "Decide the focus list",
        "dec.saved": "The decision {name} has been saved.",
        "dec.name_taken": (
            "There is already a decision called {name}. A decision is never changed – "
            "choose a new name."
        ),
        "dec.nav": "Decisions",
        "dec.title": "Decisions",
        "dec.none": "No decisions yet. Decide the focus list in a workshop.",
        "dec.col.name": "Name",
        "dec.col.date": "Date",
        "dec.col.workshop": "Workshop",
        "dec.col.dataset": "Data",
        "dec.col.period": "Period",
        "dec.col.participants": "Participants",
        "dec.col.a": "Customers in A",
        "dec.col.notes": "Notes",
        "dec.col.weight": "Weight (points)",
        "dec.choose": "Decision",
        "dec.meta": "{date} · {dataset} · {start} – {end} · participants: {participants}",
        "dec.notes_label": "Notes: {notes}",
        "dec.excel": "Download the decision (Excel)",
        "dec.compare": "Compare with the state now",
        "dec.compare_with": "Compare with",
        "dec.with.decision": "New data, the decision's weights",
        "dec.with.focus": "The focus list's weights now",
        "dec.later_period": "The state now: {start} – {end}.",
        "dec.entered": "New in A",
        "dec.left": "Left A",
        "dec.stayed": "Still in A",
        "dec.moved": "Moved most",
        "dec.moved_line": (
            "{name}: place {before} → {after}, mainly {criterion} ({value_before} → {value_after})"
        ),
        "dec.nothing_moved": "No customer changed place.",
        "dec.sheet.decision": "Decision",
        "dec.sheet.list": "Focus list",
        "dec.sheet.weights": "Weights",
        "join.nav": "Join a workshop",
        "join.title": "Join the workshop",
        "join.intro": "Enter the code shown on the screen and your name.",
        "join.code": "Code",
        "join.name": "Your name",
        "join.submit": "Join",
        "join.unknown": "No workshop has the code {code}. Check the code on the screen.",
        "join.need_name": "Write your name.",
        "join.welcome": "{workshop} · you take part as {name}",
        "join.leave": "Change participant",
        "join.tab.weights": "My weights",
        "join.tab.assess": "My assessments",
        "join.tab.top": "My top list",
        "join.weights_intro": "How important is each criterion to you? Only the proportions count.",
        "join.submit_weights": "Send my weights",
        "join.sent": "Your weights have been sent; changes are saved at once.",
        "join.not_sent": "Your weights have not been sent yet.",
        "join.assess_intro": (
            "Assess the customers you discuss, 1–5. Blank = no assessment. Only your own "
            "assessments change."
        ),
        "join.save_assess": "Save my assessments ({count})",
        "join.assess_saved": "{count} assessments saved.",
        "join.top_caption": "Your top {top} with your weights and assessments.",
        "join.all_zero": "Give at least one criterion a weight above zero.",
        "gate.title": "Workshop",
        "gate.passcode": "Workshop passcode",
        "gate.submit": "Continue",
        "gate.wrong": "Wrong passcode.",
        "gate.not_set": (
            "The server has no workshop passcode and does not accept other devices. Start "
            "it with make workshop and a passcode."
        ),
    },
}


def lang() -> str:
    """The language chosen in the sidebar (`sv` by default)."""
    value = st.session_state.get(_LANG_KEY, "sv")
    return value if value in TEXTS else "sv"


def keep_choices() -> None:
    """Keep every choice the user made when the language changes (the language switch's
    `on_change`).

    The browser sends a choice widget's value back as its label; after a switch that label
    belongs to the other language and Streamlit would hand the page the old label instead
    of the option. Storing each value again, while it still reads with the old labels,
    makes Streamlit send it in the new language. Booleans and None are left alone:
    buttons and file uploaders refuse values from session state, and their labels carry
    no choice.
    """
    for key in list(st.session_state.keys()):
        try:
            value = st.session_state[key]
        except KeyError:
            continue
        if type(value) in (str, int, float) and key != _LANG_KEY:
            st.session_state[key] = value


class Markdown(str):
    """Text that a Markdown-rendering element may show as it is: the product's own texts
    (`t()`, `trusted()`) and data escaped by `md()`. `join` escapes the parts that are not
    `Markdown` yet, so pieces can be put together without escaping anything twice."""

    __slots__ = ()

    def join(self, parts: Iterable[object]) -> Markdown:
        return Markdown(str.join(self, (md(p) for p in parts)))


# Characters that start Markdown or Streamlit constructs anywhere in a line: escapes,
# code, emphasis, links and images, autolinks and HTML, entities, strikethrough, tables,
# LaTeX, and Streamlit's `:material/...:` icons, `:red[...]` colours and emoji shortcodes.
_INLINE = re.compile(r"([\\`*_\[\]<>!&~|$:])")
# ... and those that do so only at the start of a line: headings, quotes, lists, rules.
_LINE_START = re.compile(r"^(\s*)(#|[-+=](?=\s|$|[-+=])|\d+[.)](?=\s|$))")
# GitHub's autolinks turn `http://…`, `www.…` and `a@b.c` into links even when escaped;
# an invisible WORD JOINER inside the pattern keeps them text.
_WORD_JOINER = "\u2060"
_AUTOLINKS = (
    (re.compile(r"(?<=:)(?=//)"), _WORD_JOINER),
    (re.compile(r"(?i)(?<=www)(?=\.)"), _WORD_JOINER),
    (re.compile(r"(?=@)"), _WORD_JOINER),
)


def md(value: object) -> Markdown:
    """`value` as Markdown that renders as exactly its characters, on one line.

    `![x](http://h/p.png)` becomes `\\!\\[x\\](http:⁠//h/p.png)`: no image, no link, no
    LaTeX, no heading or list. Line breaks become spaces. `Markdown` passes unchanged.
    """
    if isinstance(value, Markdown):
        return value
    text = " ".join(str(value).splitlines())
    for pattern, joiner in _AUTOLINKS:
        text = pattern.sub(joiner, text)
    text = _INLINE.sub(r"\\\1", text)
    text = _LINE_START.sub(lambda m: f"{m[1]}\\{m[2]}" if len(m[2]) == 1 else _number(m), text)
    return Markdown(text)


def _number(match: re.Match) -> str:
    """`12.` at the start of a line (an ordered list) as `12\\.`."""
    return f"{match[1]}{match[2][:-1]}\\{match[2][-1]}"


def trusted(text: str) -> Markdown:
    """The explicit opt-out: `text` is Markdown the code wrote itself (bold, headings)
    and contains no data, or only data already passed through `md()`."""
    return Markdown(text)


def _text(key: str) -> str:
    return TEXTS[lang()].get(key) or TEXTS["sv"].get(key) or key


def t(key: str, **params: object) -> Markdown:
    """The text for `key` in the current language with `{placeholders}` filled, for an
    element that renders Markdown: every string parameter is escaped with `md()` (a
    `Markdown` one, such as another `t()`, is taken as it is); numbers are formatted."""
    escaped = {k: md(v) if isinstance(v, str) else v for k, v in params.items()}
    return Markdown(_fill(_text(key), escaped))


def plain(key: str, **params: object) -> str:
    """The text for `key` with `{placeholders}` filled as they are, for places that show
    characters rather than Markdown: table cells, chart titles, labels and tooltips,
    select box options, downloads."""
    return _fill(_text(key), params)


def _fill(text: str, params: dict[str, object]) -> str:
    if not params:
        return text
    try:
        return text.format(**params)
    except (KeyError, IndexError, ValueError):
        return text


def error_text(exc: Exception) -> str:
    """A friendly, translated message for an import error (an `IngestError` by its code)."""
    code = getattr(exc, "code", None)
    params = getattr(exc, "params", {}) or {}
    if code and f"error.{code}" in TEXTS[lang()]:
        return t(f"error.{code}", **params)
    return t("error.generic", message=str(exc))


def warning_text(warning: dict) -> str:
    """A translated sentence for an import warning (`{"code": ..., **params}`); a `field`
    parameter (a mapping field such as `invoice_date`) is shown by its name."""
    key = f"warning.{warning.get('code')}"
    if key in TEXTS[lang()]:
        params = {k: v for k, v in warning.items() if k not in {"code", "message"}}
        if "field" in params:
            # A field of the mapping is shown by its name in the language.
            params["field"] = t(f"field.{params['field']}")
        return t(key, **params)
    return str(warning.get("message", ""))


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and (math.isnan(value)))


def fmt_number(value: float | None, decimals: int = 0, *, language: str | None = None) -> str:
    """`1234567.5` as `1 234 567,5` (sv, no-break spaces) or `1,234,567.5` (en); `–` if null."""
    return format_number(value, decimals, language=language or lang())


def fmt_int(value: float | None, *, language: str | None = None) -> str:
    """A count, with thousands separated for the language."""
    return fmt_number(value, 0, language=language)


def set_currency(code: str | None) -> None:
    """Make `code` (the chosen data set's currency) the one amounts are shown in."""
    st.session_state[CURRENCY_KEY] = (code or DEFAULT_CURRENCY).upper()


def currency() -> str:
    """The currency amounts are shown in: the chosen data set's (SEK before any)."""
    try:
        code = st.session_state.get(CURRENCY_KEY)
    except Exception:  # outside a Streamlit session (tests, scripts)
        code = None
    return code if isinstance(code, str) and code else DEFAULT_CURRENCY


def money_unit(scale: float = 1.0, *, code: str | None = None, language: str | None = None) -> str:
    """The unit of amounts divided by `scale` (1, 1e3 or 1e6) for axis titles and column
    headers, in `code` (default: the chosen data set's); see `analytics.money.money_unit`."""
    return _money_unit(scale, code=code or currency(), language=language or lang())


def fmt_money(
    value: float | Decimal | None,
    code: str | None = None,
    *,
    compact: bool = False,
    language: str | None = None,
) -> str:
    """An amount in currency `code` (default: the chosen data set's, see `currency`).

    SEK: `1 234 567 kr` / `SEK 1,234,567`; `compact`: `3,4 MSEK` / `SEK 3.4M`. Other
    currencies by their code: `1 234 567 EUR` / `EUR 1,234,567`, `3,4 MEUR` / `EUR 3.4M`.
    """
    return format_money(
        value, code=code or currency(), language=language or lang(), compact=compact
    )


def fmt_pct(value: float | None, decimals: int = 0, *, language: str | None = None) -> str:
    """A fraction (0.123) as per cent: `12 %` (sv) or `12%` (en)."""
    if _missing(value):
        return "–"
    number = fmt_number(value * 100, decimals, language=language)
    return f"{number}\u00a0%" if (language or lang()) == "sv" else f"{number}%"


_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def fmt_date(value: date | datetime | None, *, language: str | None = None) -> str:
    """A date as `2026-11-24` (sv) or `24 Nov 2026` (en)."""
    if value is None:
        return "–"
    if isinstance(value, datetime):
        value = value.date()
    if (language or lang()) == "sv":
        return value.isoformat()
    return f"{value.day} {_MONTHS_EN[value.month - 1]} {value.year}"


def texts(values: Iterable, format_one: Callable[[object], str], *, name: str = "") -> pl.Series:
    """Each value as text in the chosen language (`fmt_money`, `lambda r: t(f"reason.{r}")`).

    The one way to turn a column into labels or formatted numbers: the loop runs here, in
    the script's thread. A polars `map_elements` may run its function on a worker thread,
    where the session, and so the chosen language, is out of reach and Swedish comes back.
    """
    return pl.Series(name, [format_one(v) for v in values], dtype=pl.String)


def _register_health_questions() -> None:
    """The health check's questions, next steps and what to import live in
    `analytics.healthcheck` (the slide deck reads them too); here they become the keys
    `health.q.<n>`, `health.step.<n>` and `health.missing.<n>` of both languages."""
    from analytics.healthcheck import QUESTIONS

    fields = {"q": "text", "step": "next_step", "missing": "missing"}
    for question in QUESTIONS:
        for prefix, field in fields.items():
            values = getattr(question, field) or {}
            for language, table in TEXTS.items():
                if language in values:
                    table[f"health.{prefix}.{question.number}"] = values[language]


_register_health_questions()
