"""Header synonyms: which column of an export means which field.

Configuration as data. Each canonical field lists the header names seen in Swedish,
Danish, Norwegian, English and German ERP exports (Fortnox, Visma, Business Central,
24SevenOffice, e-conomic, Excel sheets). Headers are compared after `normalise_header`,
so case, punctuation, accents on `à`/`é` and extra spaces do not matter.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "MASTER_FIELDS",
    "SALES_FIELDS",
    "SYNONYMS",
    "normalise_header",
]

# Canonical fields of a sales line, in the order the mapping is shown to the user.
SALES_FIELDS: tuple[str, ...] = (
    "customer_id",
    "customer_name",
    "invoice_date",
    "invoice_number",
    "revenue",
    "quantity",
    "unit_price",
    "cost",
    "margin",
    "margin_pct",
    "product",
    "product_group",
    "due_date",
    "paid_date",
    "salesperson",
    "region",
    "segment",
)

# Canonical fields of a customer master file.
MASTER_FIELDS: tuple[str, ...] = (
    "customer_id",
    "customer_name",
    "segment",
    "region",
    "key_account_manager",
    "satisfaction",
    "nps",
)

SYNONYMS: dict[str, tuple[str, ...]] = {
    "customer_id": (
        "kundnr", "kundnummer", "kund nr", "kund-nr", "kundid", "kund id", "kundkod",
        "kundenr", "kundenummer", "kunde nr", "kundennummer", "kunden nr", "kundennr",
        "debitornr", "debitor nr", "debitornummer", "debitor",
        "customer id", "customer no", "customer number", "customer code", "customerid",
        "customer", "cust id", "account", "account number", "client id",
        "kund", "kunde", "sell-to customer no", "bill-to customer no",
    ),
    "customer_name": (
        "kundnamn", "kund namn", "namn", "kundenavn", "kunde navn", "kundename", "kundenname",
        "debitornavn", "debitor navn", "firmanavn", "firma", "företag", "foretag",
        "customer name", "customer", "name", "company", "company name", "client",
        "sell-to customer name", "bill-to name", "kund", "kunde",
    ),
    "invoice_date": (
        "fakturadatum", "fakt datum", "faktureringsdatum", "fakturadato", "faktura dato",
        "rechnungsdatum", "belegdatum", "datum", "dato", "bokföringsdatum",
        "bokforingsdatum", "posting date", "invoice date", "order date", "date",
        "document date", "transaction date", "orderdatum", "ordredato",
    ),
    "invoice_number": (
        "fakturanr", "fakturanummer", "faktura nr", "faktura", "fakturanr.", "bilagsnr",
        "rechnungsnummer", "rechnungsnr", "belegnr", "invoice number", "invoice no",
        "invoice", "invoice id", "document no", "order id", "order number", "ordernr",
        "ordrenr", "verifikationsnr",
    ),
    "revenue": (
        "belopp", "belopp exkl moms", "belopp exkl. moms", "nettobelopp", "netto",
        "omsättning", "omsattning", "försäljning", "forsaljning", "summa exkl moms",
        "radbelopp", "beløb", "belob", "beløb ekskl moms", "nettobeløb", "omsætning",
        "salg", "beløp", "belop", "beløp eks mva", "omsetning", "umsatz", "nettobetrag",
        "betrag", "sales", "revenue", "amount", "net amount", "line amount", "net sales",
        "totalwithouttax", "total without tax", "amount excl vat", "total excl vat",
        "line amount excl vat", "sales amount",
    ),
    "quantity": (
        "antal", "antall", "kvantitet", "menge", "anzahl", "quantity", "qty", "units",
        "lev antal", "levererat antal",
    ),
    "unit_price": (
        "à-pris", "a-pris", "à pris", "a pris", "apris", "styckpris", "pris", "enhetspris",
        "stykpris", "enhedspris", "stykkpris", "enhetspris", "einzelpreis", "preis",
        "unit price", "price", "unitprice", "sales price",
    ),
    "cost": (
        "kostnad", "självkostnad", "sjalvkostnad", "inköpspris", "inkopspris", "varukostnad",
        "kostpris", "kostpris total", "vareforbrug", "kostbeløb", "kost", "varekost",
        "einstandspreis", "kosten", "wareneinsatz", "cost", "totalcost", "total cost",
        "cost amount", "cogs", "cost of goods", "cost of sales",
    ),
    "margin": (
        "tb", "täckningsbidrag", "tackningsbidrag", "bruttovinst", "marginal", "db",
        "dækningsbidrag", "daekningsbidrag", "dækningsbidrag kr", "bruttofortjeneste",
        "deckungsbeitrag", "rohertrag", "profit", "gross profit", "margin", "gross margin",
    ),
    "margin_pct": (
        "tg", "tg %", "tg%", "täckningsgrad", "tackningsgrad", "marginal %", "db %", "db%",
        "dækningsgrad", "daekningsgrad", "dg", "dg %", "bruttomargin %", "marge %",
        "margin %", "margin pct", "margin percent", "gross margin %", "profit %",
    ),
    "product": (
        "artikel", "artikelnamn", "artikelbenämning", "benämning", "benamning", "produkt",
        "produktnamn", "varenavn", "vare", "varetekst", "artikelbezeichnung",
        "bezeichnung", "product", "product name", "item", "item name", "description",
    ),
    "product_group": (
        "varugrupp", "artikelgrupp", "produktgrupp", "kategori", "varegruppe", "varegrupe",
        "produktgruppe", "artikelgruppe", "warengruppe", "category", "product group",
        "product category", "item group", "item category",
    ),
    "due_date": (
        "förfallodatum", "forfallodatum", "förfallodag", "forfallodag", "forfaldsdato",
        "forfallsdato", "forfallsdag", "fälligkeitsdatum", "falligkeitsdatum",
        "fälligkeit", "due date", "duedate", "payment due",
    ),
    "paid_date": (
        "betaldatum", "betalningsdatum", "betalt datum", "inbetalningsdatum", "betalingsdato",
        "betalt dato", "betalingsdatum", "zahlungsdatum", "bezahlt am", "paid date",
        "payment date", "date paid", "paiddate",
    ),
    "salesperson": (
        "säljare", "saljare", "säljarnamn", "sælger", "saelger", "selger", "verkäufer",
        "verkaufer", "vertreter", "salesperson", "sales person", "sales rep",
        "salesperson code", "seller", "account manager",
    ),
    "region": (
        "region", "distrikt", "område", "omrade", "område/region", "landsdel", "gebiet",
        "sales region", "territory", "area",
    ),
    "segment": (
        "segment", "kundsegment", "kundkategori", "kundgrupp", "kundegruppe",
        "kundengruppe", "branche", "bransch", "customer segment", "customer group",
        "industry",
    ),
    "key_account_manager": (
        "kundansvarig", "kam", "key account manager", "key account", "ansvarig säljare",
        "kundeansvarlig", "kundenbetreuer", "account owner",
    ),
    "satisfaction": (
        "nöjdhet", "nojdhet", "kundnöjdhet", "nöjd kund index", "nki", "tilfredshed",
        "kundetilfredshed", "tilfredshet", "zufriedenheit", "satisfaction", "csat",
        "customer satisfaction",
    ),
    "nps": (
        "nps", "rekommendation", "skulle rekommendera", "anbefaling", "weiterempfehlung",
        "net promoter score", "recommend", "likelihood to recommend",
    ),
}


def normalise_header(header: str) -> str:
    """Fold a column header to the form the synonyms table uses.

    Lower case, `à`/`é` without accents (but `å ä ö æ ø` kept: they carry meaning),
    punctuation other than `%`, `-` and `/` turned into spaces, runs of spaces collapsed.
    """
    text = unicodedata.normalize("NFC", str(header)).strip().casefold()
    text = text.replace("à", "a").replace("é", "e").replace("è", "e").replace("\ufeff", "")
    text = re.sub(r"[^\w%/\-]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()
