"""Header synonyms: which column of an export means which field.

Configuration as data. Each canonical field lists the header names seen in Swedish,
Danish, Norwegian, English and German ERP exports (Fortnox, Visma, Business Central,
24SevenOffice, e-conomic, SAP, Shopify, Stripe, WooCommerce, Excel sheets). Headers are
compared by `header_key`, so case, CamelCase, punctuation, spaces, accents on `à`/`é` and
units or currencies (`Belopp SEK`, `Amount (EUR)`) do not matter.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "AMOUNT_PARTS",
    "DATE_PARTS",
    "EXCLUDED_PARTS",
    "FAILED_STATUSES",
    "MASTER_FIELDS",
    "PREFERRED_PARTS",
    "SALES_FIELDS",
    "SYNONYMS",
    "SYSTEMS",
    "UNIT_WORDS",
    "header_key",
    "header_words",
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
    "refunded",
    "status",
    "currency",
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
        "kundnr",
        "kundnummer",
        "kund nr",
        "kund-nr",
        "kundid",
        "kund id",
        "kundkod",
        "kundenr",
        "kundenummer",
        "kunde nr",
        "kundennummer",
        "kunden nr",
        "kundennr",
        "debitornr",
        "debitor nr",
        "debitornummer",
        "debitor",
        "customer id",
        "customer no",
        "customer number",
        "customer code",
        "customerid",
        "customer",
        "cust id",
        "account",
        "account number",
        "client id",
        "kund",
        "kunde",
        "sell-to customer no",
        "bill-to customer no",
        "sold-to party",
        "sold to party",
        "auftraggeber",
        "customer account",
        "kundekonto",
        "email",
        "e-mail",
        "customer email",
        "billing email",
        "billing email address",
    ),
    "customer_name": (
        "kundnamn",
        "kund namn",
        "namn",
        "kundenavn",
        "kunde navn",
        "kundename",
        "kundenname",
        "debitornavn",
        "debitor navn",
        "firmanavn",
        "firma",
        "företag",
        "foretag",
        "customer name",
        "customer",
        "name",
        "company",
        "company name",
        "billing name",
        "billing company",
        "sold-to party name",
        "name of sold-to party",
        "customer description",
        "client",
        "sell-to customer name",
        "bill-to name",
        "kund",
        "kunde",
        "navn",
    ),
    "invoice_date": (
        "fakturadatum",
        "fakt datum",
        "faktureringsdatum",
        "fakturadato",
        "faktura dato",
        "rechnungsdatum",
        "belegdatum",
        "datum",
        "dato",
        "bokföringsdatum",
        "bokforingsdatum",
        "posting date",
        "billing date",
        "bogføringsdato",
        "bokføringsdato",
        "buchungsdatum",
        "fakturadato",
        "invoice date",
        "order date",
        "date",
        "document date",
        "transaction date",
        "orderdatum",
        "ordredato",
        "created date",
        "date created",
        "created at",
        "created",
        "sales date",
        "auftragsdatum",
    ),
    "invoice_number": (
        "fakturanr",
        "fakturanummer",
        "faktura nr",
        "faktura",
        "fakturanr.",
        "bilagsnr",
        "rechnungsnummer",
        "rechnungsnr",
        "belegnr",
        "invoice number",
        "invoice no",
        "invoice",
        "invoice id",
        "document no",
        "document number",
        "billing document",
        "bilagsnummer",
        "belegnummer",
        "order id",
        "order number",
        "ordernr",
        "ordrenr",
        "verifikationsnr",
        "order no",
        "order",
        "no",
        "nr",
    ),
    "revenue": (
        "belopp",
        "belopp exkl moms",
        "belopp exkl. moms",
        "nettobelopp",
        "netto",
        "omsättning",
        "omsattning",
        "försäljning",
        "forsaljning",
        "summa exkl moms",
        "radbelopp",
        "beløb",
        "belob",
        "beløb ekskl moms",
        "nettobeløb",
        "omsætning",
        "salg",
        "beløp",
        "belop",
        "beløp eks mva",
        "omsetning",
        "umsatz",
        "nettobetrag",
        "betrag",
        "sales",
        "revenue",
        "amount",
        "net amount",
        "line amount",
        "net sales",
        "totalwithouttax",
        "total without tax",
        "amount excl vat",
        "total excl vat",
        "line amount excl vat",
        "sales amount",
        "net value",
        "nettowert",
        "net",
        "net total",
        "nettobeløp",
        "beløb ekskl. moms",
        "beløp eks. mva",
    ),
    "quantity": (
        "antal",
        "antall",
        "kvantitet",
        "menge",
        "anzahl",
        "quantity",
        "qty",
        "units",
        "lev antal",
        "levererat antal",
        "lineitem quantity",
        "items sold",
        "mængde",
        "stk",
    ),
    "unit_price": (
        "à-pris",
        "a-pris",
        "à pris",
        "a pris",
        "apris",
        "styckpris",
        "pris",
        "enhetspris",
        "stykpris",
        "enhedspris",
        "stykkpris",
        "enhetspris",
        "einzelpreis",
        "preis",
        "unit price",
        "price",
        "unitprice",
        "sales price",
        "lineitem price",
    ),
    "cost": (
        "kostnad",
        "självkostnad",
        "sjalvkostnad",
        "inköpspris",
        "inkopspris",
        "varukostnad",
        "kostpris",
        "kostpris total",
        "vareforbrug",
        "kostbeløb",
        "kost",
        "varekost",
        "einstandspreis",
        "kosten",
        "wareneinsatz",
        "cost",
        "totalcost",
        "total cost",
        "cost amount",
        "cogs",
        "cost of goods",
        "cost of sales",
    ),
    "margin": (
        "tb",
        "täckningsbidrag",
        "tackningsbidrag",
        "bruttovinst",
        "marginal",
        "db",
        "dækningsbidrag",
        "daekningsbidrag",
        "dækningsbidrag kr",
        "bruttofortjeneste",
        "deckungsbeitrag",
        "rohertrag",
        "profit",
        "gross profit",
        "margin",
        "gross margin",
    ),
    "margin_pct": (
        "tg",
        "tg %",
        "tg%",
        "tb %",
        "tb%",
        "täckningsgrad",
        "tackningsgrad",
        "marginal %",
        "db %",
        "db%",
        "dækningsgrad",
        "daekningsgrad",
        "dg",
        "dg %",
        "bruttomargin %",
        "marge %",
        "margin %",
        "margin pct",
        "margin percent",
        "gross margin %",
        "profit %",
    ),
    "product": (
        "artikel",
        "artikelnamn",
        "artikelbenämning",
        "benämning",
        "benamning",
        "produkt",
        "produktnamn",
        "varenavn",
        "vare",
        "varetekst",
        "artikelbezeichnung",
        "bezeichnung",
        "product",
        "product name",
        "item",
        "item name",
        "description",
        "lineitem name",
        "products",
    ),
    "product_group": (
        "varugrupp",
        "artikelgrupp",
        "produktgrupp",
        "kategori",
        "varegruppe",
        "varegrupe",
        "produktgruppe",
        "artikelgruppe",
        "warengruppe",
        "category",
        "product group",
        "product category",
        "item group",
        "item category",
    ),
    "due_date": (
        "förfallodatum",
        "forfallodatum",
        "förfallodag",
        "forfallodag",
        "forfaldsdato",
        "forfallsdato",
        "forfallsdag",
        "fälligkeitsdatum",
        "falligkeitsdatum",
        "fälligkeit",
        "due date",
        "duedate",
        "payment due",
    ),
    "paid_date": (
        "betaldatum",
        "betalningsdatum",
        "betalt datum",
        "inbetalningsdatum",
        "betalingsdato",
        "betalt dato",
        "betalingsdatum",
        "zahlungsdatum",
        "bezahlt am",
        "paid date",
        "payment date",
        "date paid",
        "paiddate",
    ),
    "salesperson": (
        "säljare",
        "saljare",
        "säljarnamn",
        "sælger",
        "saelger",
        "selger",
        "verkäufer",
        "verkaufer",
        "vertreter",
        "salesperson",
        "sales person",
        "sales rep",
        "salesperson code",
        "seller",
        "account manager",
    ),
    "region": (
        "region",
        "distrikt",
        "område",
        "omrade",
        "område/region",
        "landsdel",
        "gebiet",
        "sales region",
        "territory",
        "area",
        "country",
        "land",
    ),
    "segment": (
        "segment",
        "kundsegment",
        "kundkategori",
        "kundgrupp",
        "kundegruppe",
        "kundengruppe",
        "branche",
        "bransch",
        "customer segment",
        "customer group",
        "industry",
    ),
    "key_account_manager": (
        "kundansvarig",
        "kam",
        "key account manager",
        "key account",
        "ansvarig säljare",
        "kundeansvarlig",
        "kundenbetreuer",
        "account owner",
    ),
    "satisfaction": (
        "nöjdhet",
        "nojdhet",
        "kundnöjdhet",
        "nöjd kund index",
        "nki",
        "tilfredshed",
        "kundetilfredshed",
        "tilfredshet",
        "zufriedenheit",
        "satisfaction",
        "csat",
        "customer satisfaction",
    ),
    "nps": (
        "nps",
        "rekommendation",
        "skulle rekommendera",
        "anbefaling",
        "weiterempfehlung",
        "net promoter score",
        "recommend",
        "likelihood to recommend",
    ),
    "refunded": (
        "amount refunded",
        "refunded amount",
        "refund amount",
        "refunded",
        "återbetalt",
        "återbetalt belopp",
        "refunderet",
        "refundert",
        "erstattet",
        "erstattet beløp",
        "erstattet beløb",
    ),
    "status": (
        "status",
        "payment status",
        "charge status",
        "order status",
    ),
    "currency": (
        "valuta",
        "valutakod",
        "valutakode",
        "valuta kod",
        "valuta kode",
        "währung",
        "waehrung",
        "währungscode",
        "currency",
        "currency code",
        "curr",
        "cur",
    ),
}


# Words a header may carry besides its name: currencies, `LCY` (Business Central's local
# currency) and time zones (`Amount (EUR)`, `Belopp SEK`, `Created date (UTC)`). They are
# left out before the lookup, together with an `in`/`i` before them (`Amount in SEK`),
# unless nothing else is left.
UNIT_WORDS: frozenset[str] = frozenset(
    {
        "sek", "nok", "dkk", "eur", "usd", "gbp", "chf", "isk", "pln", "kr", "kronor",
        "kroner", "lcy", "fcy", "utc", "gmt", "cet", "cest",
    }
)  # fmt: skip

# Parts of a header that rule a field out, whatever else the header says (compared with
# `header_key`, so inside compound words too): an invoice date is never a due, payment
# or delivery date; revenue is never tax, a fee, a discount, a refund or a balance. They
# stop a guess (a near match of a synonym) and a column inferred from its values.
EXCLUDED_PARTS: dict[str, tuple[str, ...]] = {
    "invoice_date": (
        "due", "paid", "payment", "förfall", "forfall", "forfald", "fällig", "fallig",
        "betal", "lever", "liefer", "deliver", "ship", "fulfil", "cancel", "refund",
        "dispute", "expir", "update", "modified", "birth", "födelse", "closed",
    ),
    "revenue": (
        "tax", "vat", "moms", "mva", "steuer", "fee", "avgift", "discount", "rabat",
        "shipping", "frakt", "refund", "cost", "kost", "balance", "saldo", "remaining",
        "inkl", "incl", "inkludert", "profit", "margin", "due", "converted",
    ),
}  # fmt: skip

# Parts of a header that make a column the better candidate for an inferred field.
PREFERRED_PARTS: dict[str, tuple[str, ...]] = {
    "invoice_date": (
        "invoice", "faktura", "rechnung", "created", "posting", "bokför", "bokfor",
        "bogfør", "bokfør", "buchung", "billing", "order", "document", "beleg",
        "transaction", "sale", "skapad", "oprett", "oppret", "erstellt",
    ),
    "revenue": ("net", "exkl", "excl", "ekskl", "eks", "sales", "revenue", "omsättning"),
}  # fmt: skip

# A numeric column is a revenue candidate only when its header says it is money.
AMOUNT_PARTS: tuple[str, ...] = (
    "amount", "belopp", "beløb", "belob", "beløp", "belop", "betrag", "sum", "total",
    "value", "värde", "varde", "verdi", "værdi", "wert", "net", "sales", "revenue",
    "omsättning", "omsattning", "omsætning", "omsetning", "umsatz", "salg",
)  # fmt: skip

# Only a header with one of these may have Excel serial numbers or `yyyymmdd` read as
# dates when inferred from values: otherwise article or customer numbers would qualify.
DATE_PARTS: tuple[str, ...] = (
    "date", "datum", "dato", "time", "tid", "zeit", "created", "day", "dag", "tag",
)  # fmt: skip

# Values of a status column that mean the line is no sale: failed or cancelled payments
# and orders, void invoices. A refunded line is a sale (its refund is subtracted).
FAILED_STATUSES: frozenset[str] = frozenset(
    {
        "failed", "declined", "canceled", "cancelled", "void", "voided", "blocked",
        "makulerad", "annullerad", "annulleret", "annullert", "kansellert", "storniert",
        "storno", "misslyckad", "mislykket", "mislykkedes", "fehlgeschlagen",
    }
)  # fmt: skip

# Exports whose headers the synonyms alone would misread, recognised by headers they
# always have (`signature`); `mapping` says which header (compared with `header_key`)
# is which field, before the synonyms map the rest. Shopify's `Name` is the order number
# (`#1001`), not the customer: the customer is the e-mail, or else the billing name.
SYSTEMS: tuple[dict, ...] = (
    {
        "name": "Shopify",
        "signature": ("financial status", "lineitem quantity", "lineitem price"),
        "mapping": {
            "invoice_number": "name",
            "customer_id": "email",
            "customer_name": "billing name",
            "invoice_date": "created at",
            "quantity": "lineitem quantity",
            "unit_price": "lineitem price",
            "product": "lineitem name",
            "refunded": "refunded amount",
        },
    },
)


def normalise_header(header: str) -> str:
    """Fold a column header for comparing sets of headers (the key of saved profiles).

    Lower case, `à`/`é` without accents (but `å ä ö æ ø` kept: they carry meaning),
    punctuation other than `%`, `-` and `/` turned into spaces, runs of spaces collapsed.
    """
    text = unicodedata.normalize("NFC", str(header)).strip().casefold()
    text = text.replace("à", "a").replace("é", "e").replace("è", "e").replace("\ufeff", "")
    text = re.sub(r"[^\w%/\-]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def _split_camel_case(text: str) -> str:
    """`InvoiceDate` → `Invoice Date`, `CustomerID` → `Customer ID`, `VATAmount` →
    `VAT Amount`; all-capital and all-lower words stay whole."""
    out: list[str] = []
    for i, char in enumerate(text):
        if i and char.isupper():
            before = text[i - 1]
            after = text[i + 1] if i + 1 < len(text) else ""
            if before.islower() or (before.isupper() and after.islower()):
                out.append(" ")
        out.append(char)
    return "".join(out)


def header_words(header: str) -> tuple[str, ...]:
    """The words of a header as the synonyms lookup sees them.

    CamelCase split, lower case, `à`/`é` without accents, `#` read as `no`, every other
    punctuation mark a word break (`%` a word of its own), and units and currencies left
    out (`UNIT_WORDS`): `Amount (EUR)` → `("amount",)`, `Kunde-Nr.` → `("kunde", "nr")`,
    `TB %` → `("tb", "%")`.
    """
    text = unicodedata.normalize("NFC", str(header)).replace("\ufeff", "").strip()
    text = _split_camel_case(text).casefold()
    text = text.replace("à", "a").replace("é", "e").replace("è", "e")
    text = text.replace("#", " no ").replace("%", " % ")
    words = re.sub(r"[^\w%]+|_", " ", text).split()
    kept: list[str] = []
    for word in words:
        if word in UNIT_WORDS:
            if kept and kept[-1] in {"in", "i"}:
                kept.pop()
            continue
        kept.append(word)
    return tuple(kept) if kept else tuple(words)


def header_key(header: str) -> str:
    """A header's words joined without spaces: `Faktura datum`, `Fakturadatum` and
    `FakturaDatum` have the same key, as have `Kunde-Nr.` and `Kundenr`."""
    return "".join(header_words(header))
