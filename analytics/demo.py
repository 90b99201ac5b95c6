"""The demo company: a deterministic ERP export of the fictional wholesaler Nordgrossisten AB.

Nordgrossisten AB is a mid-sized Swedish B2B wholesaler of consumables, tools, workwear,
protective gear, electrical, plumbing, chemicals and services. `generate_demo` builds four
years of its invoice lines (2022-11-01 to 2026-10-31, about 145,000 lines for about 1,800
customers, some 1,150 of them buying in any one year) and its customer master from one
seed with `random.Random`, so the same seed always gives byte-identical files.

The economics are made to show what Kundfokus looks for: skewed customer sizes, a few
large framework-agreement customers with heavy discounts and many deliveries whose margin
is thin or negative, a long tail of small customers eaten by the cost to serve them, late
payers, churn a wholesaler recognises (the largest customers keep about 90–95 % a year,
the smallest 70–80 %), new customers, growing and shrinking customers. The cost column is
the cost of the goods (and the carrier's cost of a freight line); what it costs to handle
an order, a line or a credit note is not in it, so the cost to serve shows who really
earns money (`analytics.costs`): a whale curve far above 100 %. Two customers tell that
story on their own: a large builder that orders almost daily in small lots and loses
money despite a fair gross margin, and a mid-sized industrial customer that orders a few
large deliveries a year and is among the most profitable per krona.

The files look like a Swedish ERP export: Windows-1252, CRLF, `;` separator, decimal
comma, no thousands separator, ISO dates. All money is in SEK, rounded to whole öre.
"""

from __future__ import annotations

import csv
import math
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

__all__ = [
    "CUSTOMER_COLUMNS",
    "DEMO_COMPANY",
    "DEMO_CUSTOMERS_FILE",
    "DEMO_ENCODING",
    "DEMO_END",
    "DEMO_SALES_FILE",
    "DEMO_SEED",
    "DEMO_START",
    "SALES_COLUMNS",
    "DemoData",
    "demo_totals",
    "generate_demo",
    "write_demo_files",
]

DEMO_SALES_FILE = "demo_forsaljning.csv"
DEMO_CUSTOMERS_FILE = "demo_kunder.csv"
DEMO_SEED = 2027
DEMO_COMPANY = "Nordgrossisten AB"
DEMO_START = date(2022, 11, 1)
DEMO_END = date(2026, 10, 31)
DEMO_ENCODING = "cp1252"

SALES_COLUMNS: tuple[str, ...] = (
    "Kundnr",
    "Kundnamn",
    "Fakturanr",
    "Fakturadatum",
    "Förfallodatum",
    "Betaldatum",
    "Artikelnr",
    "Artikel",
    "Varugrupp",
    "Antal",
    "À-pris",
    "Belopp exkl. moms",
    "Självkostnad",
    "Säljare",
    "Region",
)
CUSTOMER_COLUMNS: tuple[str, ...] = (
    "Kundnr",
    "Kundnamn",
    "Segment",
    "Region",
    "Kundansvarig",
    "Nöjdhet",
    "NPS",
)

# --- Size of the company -------------------------------------------------------------------

_N_EXISTING = 1180  # customers already buying on DEMO_START
_N_NEW = 640  # customers arriving during the four years
_N_KEY_ACCOUNTS = 6  # large framework-agreement customers with thin or negative margin
_FIRST_INVOICE_NO = 100001

# Annual purchase volume at the start (SEK/year): lognormal, clipped.
_SIZE_MU = 10.25
_SIZE_SIGMA = 1.45
_SIZE_MIN = 3_000.0
_SIZE_MAX = 5_000_000.0
_KEY_ACCOUNT_SIZE = (3_000_000.0, 6_000_000.0)

# Invoices per year = _ORDER_RATE * (volume / 1000 SEK) ** _ORDER_EXPONENT: small customers
# buy often and little, which is what makes them unprofitable.
_ORDER_RATE = 2.0
_ORDER_EXPONENT = 0.36
_KEY_ACCOUNT_ORDERS = (300.0, 500.0)  # invoices/year: deliveries to many sites
_KEY_ACCOUNT_DISCOUNT_BP = (2400, 2900)  # framework-agreement discount, basis points
_KEY_ACCOUNT_SERVICE = (2.4, 3.2)  # cost-to-serve multiplier: site deliveries, reporting
_DEMANDING_SHARE = 0.20  # share of other customers that are costly to serve
_DEMANDING_SERVICE = (2.2, 4.0)
_DEMANDING_ORDERS = 2.5  # demanding customers also order more often, in smaller lots
_PRESSED_FROM = 150_000.0  # SEK/year: above this, some customers have pushed prices down
_PRESSED_SHARE = 0.40
_PRESSED_EXTRA_BP = (1200, 2000)  # extra discount, basis points
_MAX_DISCOUNT_BP = 3000
_LIST_MARGIN_CUT = 0.10  # list margins of the catalogue below are before this cut

# Freight (SEK, before the price index): the only cost to serve in the cost column.
_FREIGHT_PRICE = 195.0  # charged per small order to customers without free freight
_FREIGHT_COST = 240.0  # what the carrier costs
_FREIGHT_LIMIT = 2_500.0  # orders below this (SEK, after discount) pay freight
_CREDIT_SHARE = 0.008  # share of lines partly returned later, × the customer's service factor

# Churn hazard (per year) by annual volume, log-linear between a small and a large
# customer; new customers leave a little more often. The decline before one leaves.
_CHURN_SMALL = (5_000.0, 0.21)
_CHURN_LARGE = (150_000.0, 0.14)
_CHURN_NEW_EXTRA = 0.04
_DECLINE_DAYS = 150
_DECLINE_FLOOR = 0.5

# List price index by calendar year (price increases each January).
_PRICE_INDEX = {2022: 1.0, 2023: 1.075, 2024: 1.118, 2025: 1.146, 2026: 1.169}

# Purchase seasonality by month (July holidays, December slow).
_SEASON = {
    1: 0.85,
    2: 1.0,
    3: 1.1,
    4: 1.05,
    5: 1.1,
    6: 1.0,
    7: 0.55,
    8: 0.95,
    9: 1.1,
    10: 1.1,
    11: 1.05,
    12: 0.8,
}

# Swedish public holidays without deliveries (fixed dates plus the moving ones).
_FIXED_HOLIDAYS = ((1, 1), (1, 6), (5, 1), (6, 6), (12, 24), (12, 25), (12, 26), (12, 31))
_EASTER = {
    2023: date(2023, 4, 9),
    2024: date(2024, 3, 31),
    2025: date(2025, 4, 20),
    2026: date(2026, 4, 5),
}

# --- Catalogue ----------------------------------------------------------------------------

# (product group, article number prefix, gross margin at list price, [(article, SEK)])
_CATALOGUE: tuple[tuple[str, str, float, tuple[tuple[str, float], ...]], ...] = (
    (
        "Förbrukning",
        "FB",
        0.38,
        (
            ("Träskruv 4x40 200-p", 89),
            ("Träskruv 5x80 100-p", 129),
            ("Fasadskruv 5x35 250-p", 245),
            ("Expander M8 50-p", 189),
            ("Spik 75 mm 5 kg", 215),
            ("Buntband 200 mm 100-p", 49),
            ("Silvertejp 50 m", 79),
            ("Maskeringstejp 50 m", 39),
            ("Slippapper P120 50-p", 159),
            ("Kapskiva 125 mm 25-p", 219),
            ("Borrsats HSS 19 delar", 349),
            ("Sopsäck 125 l 25-p", 119),
            ("Torkpapper 2-lag 6 rullar", 289),
            ("Putstrasa 10 kg", 399),
            ("Fogskum 750 ml", 119),
            ("Silikon vit 300 ml", 69),
            ("PU-lim 750 ml", 159),
            ("Batteri AA 40-p", 249),
            ("Mutter M10 100-p", 99),
            ("Bricka M10 200-p", 59),
            ("Gängstång M10 1 m", 45),
        ),
    ),
    (
        "Verktyg",
        "VT",
        0.30,
        (
            ("Skruvdragare 18V", 2990),
            ("Slagborrmaskin", 1690),
            ("Vinkelslip 125 mm", 1290),
            ("Cirkelsåg 190 mm", 2490),
            ("Batteri 18V 5Ah", 1190),
            ("Laddare 18V", 690),
            ("Bitsats 32 delar", 259),
            ("Hylsnyckelsats 24 delar", 899),
            ("Skiftnyckel 250 mm", 229),
            ("Vattenpass 60 cm", 249),
            ("Tumstock 2 m", 79),
            ("Måttband 8 m", 149),
            ("Hammare 600 g", 289),
            ("Brytbladskniv", 89),
            ("Fogsvans 550 mm", 219),
            ("Kombinationstång", 199),
            ("Skruvmejselsats 6 delar", 249),
            ("Stege 3 m", 1490),
            ("Arbetsbock 2-p", 890),
            ("Verktygslåda", 449),
            ("Korslinjelaser", 1990),
            ("Kompressor 24 l", 2790),
        ),
    ),
    (
        "Arbetskläder",
        "AK",
        0.42,
        (
            ("Hantverksbyxa", 899),
            ("Vinterjacka arbete", 1290),
            ("Varselväst gul", 89),
            ("Varseljacka klass 3", 1190),
            ("T-shirt arbete", 149),
            ("Softshelljacka", 899),
            ("Fleecetröja", 449),
            ("Regnställ", 599),
            ("Mössa fleece", 99),
            ("Skyddssko S3 låg", 1090),
            ("Skyddskänga S3 vinter", 1490),
            ("Arbetsstrumpor 3-p", 129),
            ("Underställ ull", 649),
            ("Overall", 799),
            ("Arbetshoodie", 549),
            ("Arbetsshorts", 699),
            ("Varselbyxa klass 2", 999),
        ),
    ),
    (
        "Skydd",
        "SK",
        0.35,
        (
            ("Nitrilhandske M 100-p", 129),
            ("Nitrilhandske L 100-p", 129),
            ("Skyddsglasögon klar", 59),
            ("Hörselkåpa", 289),
            ("Hörselproppar 200-p", 349),
            ("Skyddshjälm vit", 249),
            ("Andningsskydd FFP2 20-p", 229),
            ("Andningsskydd FFP3 10-p", 249),
            ("Halvmask med filter", 649),
            ("Fallskyddssele", 1490),
            ("Ögondusch 500 ml", 149),
            ("Första förband", 39),
            ("Förbandslåda", 599),
            ("Knäskydd", 249),
            ("Skärskyddshandske", 119),
            ("Brandsläckare 6 kg", 890),
            ("Varselkon", 99),
            ("Arbetshandske läder", 69),
        ),
    ),
    (
        "El",
        "EL",
        0.26,
        (
            ("Installationskabel 50 m", 699),
            ("Skarvsladd 10 m", 229),
            ("Grenuttag 6-vägs", 199),
            ("LED-armatur 120 cm", 549),
            ("LED-lampa E27 10-p", 299),
            ("Strålkastare LED 50W", 549),
            ("Arbetslampa LED", 799),
            ("Kabelvinda 25 m", 899),
            ("Vägguttag infällt 2-vägs", 89),
            ("Strömbrytare trapp", 129),
            ("Apparatdosa 10-p", 89),
            ("Kopplingsklämma 100-p", 189),
            ("Säkring 16A 10-p", 149),
            ("Jordfelsbrytare 40A", 890),
            ("Kabelkanal 2 m", 79),
            ("VP-rör 16 mm 25 m", 149),
            ("Multimeter", 990),
            ("Spänningsprovare", 349),
        ),
    ),
    (
        "VVS",
        "VS",
        0.24,
        (
            ("PEX-rör 16 mm 50 m", 890),
            ("Kopparrör 15 mm 3 m", 289),
            ("Presskoppling 15 mm 10-p", 449),
            ("Kulventil 22 mm", 219),
            ("Tvättställsblandare", 1490),
            ("Köksblandare", 1890),
            ("WC-stol", 2990),
            ("Tvättställ", 1290),
            ("Golvbrunn", 890),
            ("Avloppsrör 110 mm 3 m", 249),
            ("Rörisolering 22 mm 2 m", 49),
            ("Gängtätning lin", 79),
            ("Packningssats", 99),
            ("Cirkulationspump", 3490),
            ("Radiatorventil", 349),
            ("Vattenfelsbrytare", 2290),
            ("Rensfjäder 10 m", 349),
            ("Duschset", 1190),
        ),
    ),
    (
        "Kemteknik",
        "KT",
        0.44,
        (
            ("Avfettning 5 l", 329),
            ("Allrengöring 5 l", 249),
            ("Handtvål industri 2 l", 189),
            ("Rostlösare 400 ml", 89),
            ("Kontaktspray 400 ml", 119),
            ("Gänglåsning 50 ml", 149),
            ("Kedjeolja 400 ml", 99),
            ("Universalolja 5 l", 449),
            ("Klotterborttagning 1 l", 399),
            ("Golvrengöring 10 l", 549),
            ("Ytdesinfektion 5 l", 349),
            ("Avkalkning 5 l", 299),
            ("Glykol 20 l", 1190),
            ("Fönsterputs 5 l", 199),
            ("Betongrengöring 5 l", 389),
            ("Spolarvätska 25 l", 499),
            ("Sanitetsrengöring 5 l", 259),
        ),
    ),
    (
        "Tjänster",
        "TJ",
        0.25,
        (
            ("Montage per timme", 695),
            ("Servicebesök", 1495),
            ("Kalibrering", 890),
            ("Utbildning per deltagare", 2490),
            ("Lagerhållning per pall", 350),
            ("Märkning per artikel", 25),
            ("Hyra lift per dag", 1890),
            ("Serviceavtal per månad", 1250),
            ("Expressleverans", 495),
            ("Logotyptryck", 49),
            ("Verktygsreparation", 590),
            ("Returhantering", 150),
            ("Konsignationslager per månad", 2500),
            ("Verktygsservice", 390),
            ("Leveransplanering", 450),
        ),
    ),
)
_FREIGHT_ARTICLE = ("TJ0100", "Fraktavgift", "Tjänster")

# Product group weights (same order as _CATALOGUE) by customer segment.
_SEGMENTS: tuple[tuple[str, float, tuple[float, ...]], ...] = (
    ("Bygg", 0.34, (30, 18, 14, 12, 10, 10, 4, 2)),
    ("Industri", 0.22, (28, 16, 12, 16, 10, 4, 12, 2)),
    ("Fastighet", 0.18, (20, 8, 6, 8, 18, 22, 16, 2)),
    ("Handel", 0.14, (34, 20, 14, 12, 8, 6, 6, 1)),
    ("Offentlig", 0.12, (22, 8, 12, 12, 12, 12, 20, 2)),
)

# --- People and places --------------------------------------------------------------------

_REGIONS: tuple[tuple[str, float, tuple[str, ...]], ...] = (
    (
        "Stockholm",
        0.30,
        (
            "Solna",
            "Sundbyberg",
            "Nacka",
            "Täby",
            "Södertälje",
            "Huddinge",
            "Järfälla",
            "Åkersberga",
            "Norrtälje",
            "Lidingö",
            "Vallentuna",
            "Botkyrka",
            "Haninge",
            "Sollentuna",
            "Tyresö",
            "Värmdö",
            "Stockholm",
        ),
    ),
    (
        "Väst",
        0.22,
        (
            "Göteborg",
            "Borås",
            "Trollhättan",
            "Uddevalla",
            "Alingsås",
            "Kungälv",
            "Lerum",
            "Mölndal",
            "Partille",
            "Skövde",
            "Lidköping",
            "Varberg",
            "Kungsbacka",
            "Strömstad",
            "Tjörn",
        ),
    ),
    (
        "Syd",
        0.18,
        (
            "Malmö",
            "Lund",
            "Helsingborg",
            "Kristianstad",
            "Landskrona",
            "Trelleborg",
            "Ystad",
            "Hässleholm",
            "Ängelholm",
            "Växjö",
            "Karlskrona",
            "Halmstad",
            "Höganäs",
        ),
    ),
    (
        "Mitt",
        0.12,
        (
            "Uppsala",
            "Västerås",
            "Örebro",
            "Eskilstuna",
            "Karlstad",
            "Falun",
            "Borlänge",
            "Gävle",
            "Enköping",
            "Köping",
            "Arboga",
            "Sala",
        ),
    ),
    (
        "Öst",
        0.11,
        (
            "Linköping",
            "Norrköping",
            "Jönköping",
            "Nyköping",
            "Motala",
            "Västervik",
            "Visby",
            "Katrineholm",
            "Finspång",
            "Mjölby",
            "Kalmar",
            "Öland",
        ),
    ),
    (
        "Norr",
        0.07,
        (
            "Umeå",
            "Luleå",
            "Sundsvall",
            "Östersund",
            "Skellefteå",
            "Örnsköldsvik",
            "Kiruna",
            "Piteå",
            "Härnösand",
            "Boden",
        ),
    ),
)

# Sales reps by region; key accounts have their own. One rep leaves and is replaced.
_SELLERS = {
    "Stockholm": ("Anna Lindqvist", "Johan Ek"),
    "Väst": ("Maria Sjöberg", "Erik Holmberg"),
    "Syd": ("Sara Åberg",),
    "Mitt": ("Peter Nyström",),
    "Öst": ("Karin Öberg",),
    "Norr": ("Mikael Strand",),
}
_KEY_ACCOUNT_SELLER = "Lena Wallin"
_LEAVING_SELLER = "Johan Ek"
_SUCCESSOR = "Oskar Lundin"
_SUCCESSION_DATE = date(2024, 9, 1)

_SURNAMES = (
    "Andersson",
    "Johansson",
    "Karlsson",
    "Nilsson",
    "Eriksson",
    "Larsson",
    "Olsson",
    "Persson",
    "Svensson",
    "Gustafsson",
    "Pettersson",
    "Jonsson",
    "Jansson",
    "Hansson",
    "Bengtsson",
    "Jönsson",
    "Lindberg",
    "Jakobsson",
    "Magnusson",
    "Lindström",
    "Olofsson",
    "Lindqvist",
    "Lindgren",
    "Berg",
    "Axelsson",
    "Bergström",
    "Lundberg",
    "Lind",
    "Lundgren",
    "Lundqvist",
    "Mattsson",
    "Berglund",
    "Fredriksson",
    "Sandberg",
    "Henriksson",
    "Forsberg",
    "Sjöberg",
    "Wallin",
    "Engström",
    "Eklund",
    "Danielsson",
    "Lundin",
    "Håkansson",
    "Björk",
    "Bergman",
    "Gunnarsson",
    "Holm",
    "Wikström",
    "Samuelsson",
    "Isaksson",
    "Fransson",
    "Bergqvist",
    "Nyström",
    "Holmberg",
    "Arvidsson",
    "Löfgren",
    "Söderberg",
    "Nyberg",
    "Blomqvist",
    "Claesson",
    "Nordström",
    "Mårtensson",
    "Lundström",
    "Åberg",
    "Öberg",
    "Ek",
    "Hedlund",
    "Dahlberg",
    "Strand",
    "Sundberg",
    "Sjögren",
    "Åkesson",
    "Sundström",
    "Falk",
    "Ström",
    "Norberg",
    "Wiklund",
    "Åström",
)

_BRANCHES = {
    "Bygg": (
        "Bygg",
        "Byggservice",
        "Bygg & Montage",
        "Entreprenad",
        "Måleri",
        "Snickeri",
        "Plåtslageri",
        "Tak & Fasad",
        "Mark & Anläggning",
        "Golv",
        "Rör",
        "VVS",
        "El & Tele",
        "Elservice",
        "Renovering",
        "Byggnads",
    ),
    "Industri": (
        "Mekaniska",
        "Mekaniska Verkstad",
        "Industri",
        "Plast",
        "Metall",
        "Svets",
        "Gjuteri",
        "Trä",
        "Automation",
        "Verkstäder",
        "Maskin",
        "Hydraulik",
        "Precision",
        "Laser & Plåt",
    ),
    "Fastighet": (
        "Fastigheter",
        "Fastighetsservice",
        "Fastighetsskötsel",
        "Förvaltning",
        "Städ & Service",
        "Hus",
        "Trädgård & Fastighet",
        "Facility",
        "Fastighetsteknik",
    ),
    "Handel": (
        "Järn",
        "Järnhandel",
        "Bygghandel",
        "Färg",
        "Lantmän",
        "Livs",
        "Bil & Däck",
        "Marin",
        "Hem & Fritid",
        "Café",
        "Hotell",
        "Restaurang",
        "Bageri",
    ),
}
_VENUES = ("Café", "Hotell", "Restaurang", "Bageri")
_FANCY = (
    "Nordic",
    "Nord",
    "Svea",
    "Norrsken",
    "Granit",
    "Fjäll",
    "Kust",
    "Skärgårdens",
    "Mälardalens",
    "Höglands",
    "Bergslagens",
    "Nya",
    "Västkust",
    "Söder",
    "Ängens",
    "Idé",
    "Stjärn",
)
_CITIES = {"Stockholm": "Stockholms stad", "Göteborg": "Göteborgs Stad", "Malmö": "Malmö stad"}
_PUBLIC = (
    "{place} kommun",
    "{gen} Bostäder AB",
    "Tekniska förvaltningen {place}",
    "Räddningstjänsten {place}",
    "{place} Vatten AB",
    "{place} Energi AB",
    "Fastighetskontoret {place}",
    "Skolförvaltningen {place}",
    "{place} Hamn AB",
    "Parkförvaltningen {place}",
)
_KEY_ACCOUNT_NAMES = {
    "Offentlig": ("{place} kommun", "Region {place}", "Tekniska förvaltningen {place}"),
    "Bygg": ("{fancy} Bygg & Entreprenad AB", "{surname} Entreprenad Sverige AB"),
    "Fastighet": ("{gen} Bostäder AB", "{fancy} Fastigheter AB", "{fancy} Facility Services AB"),
}


# --- Records ------------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoData:
    """The demo company's export: invoice `lines` and the `customers` master.

    Each line is a dict keyed by `SALES_COLUMNS`: `Kundnr` str (5 digits), `Fakturanr` int,
    the three dates `datetime.date` (`Betaldatum` None while unpaid), `Antal` int, `À-pris`,
    `Belopp exkl. moms` and `Självkostnad` `Decimal` SEK with 2 decimals (negative on
    credit notes), the rest str. Each customer is a dict keyed by `CUSTOMER_COLUMNS`;
    `Kundansvarig`, `Nöjdhet` (1-5) and `NPS` (-100..100) are None when not known.
    """

    lines: list[dict] = field(repr=False)
    customers: list[dict] = field(repr=False)


@dataclass
class _Customer:
    """A customer's hidden traits, which drive its invoices."""

    no: int
    name: str
    segment: str
    region: str
    seller: str
    start: date
    end: date  # last day it may buy (DEMO_END unless it churns)
    size: float  # annual purchase volume at start, SEK/year
    growth: float  # annual growth factor of the volume
    key_account: bool
    discount_bp: int  # discount on list price, basis points
    service: float  # multiplier on cost to serve
    terms: int  # payment terms, days
    late_days: int  # consistent lateness of payment, days (0 = pays on time)
    bankrupt: bool
    free_freight: bool
    orders_per_year: float  # key accounts: invoices/year at `size`; others: factor on the rule
    group_cum: list[float] = field(default_factory=list)
    lines_cum: list[float] = field(default_factory=list)
    mean_lines: float = 1.0
    satisfaction: float = 0.0

    @property
    def kundnr(self) -> str:
        """Customer number as exported: 5 digits with leading zeros."""
        return f"{self.no:05d}"


@dataclass
class _Line:
    """One invoice line with money in whole öre."""

    article: int  # index into the flattened catalogue, -1 for freight
    qty: int
    price_ore: int
    amount_ore: int
    cost_ore: int


@dataclass
class _Invoice:
    """One invoice (or credit note) before it gets its number."""

    day: date
    customer: _Customer
    seq: int
    lines: list[_Line]
    credit: bool = False


# --- Helpers ------------------------------------------------------------------------------


def _business_days() -> list[list[date]]:
    """Delivery days (weekdays that are not Swedish public holidays) by month from
    DEMO_START, index 0 = November 2022.
    """
    holidays: set[date] = set()
    for year in range(DEMO_START.year, DEMO_END.year + 1):
        holidays.update(date(year, m, d) for m, d in _FIXED_HOLIDAYS)
        midsummer_eve = next(
            date(year, 6, d) for d in range(19, 26) if date(year, 6, d).weekday() == 4
        )
        holidays.add(midsummer_eve)
        easter = _EASTER.get(year)
        if easter is not None:
            for offset in (-2, 1, 39):  # Good Friday, Easter Monday, Ascension Day
                holidays.add(easter + timedelta(days=offset))
    months: list[list[date]] = []
    day = DEMO_START
    while day <= DEMO_END:
        index = _month_index(day)
        while len(months) <= index:
            months.append([])
        if day.weekday() < 5 and day not in holidays:
            months[index].append(day)
        day += timedelta(days=1)
    return months


def _month_index(day: date) -> int:
    """Months from DEMO_START to `day`: 0 for November 2022."""
    return (day.year - DEMO_START.year) * 12 + day.month - DEMO_START.month


def _next_business_day(day: date) -> date:
    """The day itself, or the Monday after when it falls on a weekend."""
    weekday = day.weekday()
    return day + timedelta(days=7 - weekday) if weekday >= 5 else day


def _poisson(rng: random.Random, mean: float) -> int:
    """A Poisson-distributed count with the given mean (normal approximation above 30)."""
    if mean <= 0:
        return 0
    if mean > 30:
        return max(0, round(rng.gauss(mean, math.sqrt(mean))))
    limit = math.exp(-mean)
    count = 0
    product = rng.random()
    while product > limit:
        count += 1
        product *= rng.random()
    return count


def _hazard(size: float) -> float:
    """Yearly churn hazard of a customer buying `size` SEK a year: `_CHURN_SMALL` at or
    below its size, `_CHURN_LARGE` at or above its, log-linear in between."""
    (small, high), (large, low) = _CHURN_SMALL, _CHURN_LARGE
    share = math.log(min(max(size, small), large) / small) / math.log(large / small)
    return high + (low - high) * share


def _article(
    rng: random.Random, indexes: list[int], popularity: list[float], used: set[int]
) -> int:
    """An article of a product group by popularity, not one already on the invoice (an
    invoice lists each article once); the first unused one when the draws keep hitting."""
    for _ in range(8):
        article = rng.choices(indexes, cum_weights=popularity)[0]
        if article not in used:
            return article
    return next((i for i in indexes if i not in used), article)


def _cumulative(weights: list[float] | tuple[float, ...]) -> list[float]:
    """Running sums of `weights`, for `Random.choices(cum_weights=...)`."""
    total = 0.0
    out = []
    for weight in weights:
        total += weight
        out.append(total)
    return out


def _years(day: date) -> float:
    """Years from DEMO_START to `day`."""
    return (day - DEMO_START).days / 365.25


def _genitive(place: str) -> str:
    """Swedish genitive of a place name: Öland -> Ölands, Borås -> Borås."""
    return place if place.endswith(("s", "x", "z")) else place + "s"


def _company_name(rng: random.Random, segment: str, place: str, *, key: bool = False) -> str:
    """A plausible Swedish company name for a customer in `segment` located in `place`;
    `key` gives the name of a large organisation.
    """
    if key:
        return rng.choice(_KEY_ACCOUNT_NAMES[segment]).format(
            place=place,
            gen=_genitive(place),
            fancy=rng.choice(_FANCY[:5]),
            surname=rng.choice(_SURNAMES),
        )
    if segment == "Offentlig":
        if place in _CITIES and rng.random() < 0.3:
            return _CITIES[place]
        return rng.choice(_PUBLIC).format(place=place, gen=_genitive(place))
    branch = rng.choice(_BRANCHES[segment])
    surname = rng.choice(_SURNAMES)
    if branch in _VENUES:
        if rng.random() < 0.5:
            return f"{branch} {place} {rng.choice(('HB', 'AB'))}"
        return f"{branch} {rng.choice(_FANCY)} {rng.choice(('HB', 'AB', 'KB'))}"
    pattern = rng.random()
    if pattern < 0.38:
        return f"{surname} {branch} AB"
    if pattern < 0.56:
        return f"{place} {branch} AB"
    if pattern < 0.63:
        return f"{_genitive(place)} {branch}"
    if pattern < 0.69:
        other = rng.choice(_SURNAMES)
        return f"{surname} & {other} {branch} AB"
    if pattern < 0.73:
        return f"{surname} & Söner AB"
    if pattern < 0.81:
        return f"{_genitive(surname)} {branch} HB"
    if pattern < 0.88:
        return f"{branch} i {place} AB"
    return f"{rng.choice(_FANCY)} {branch} AB"


def _flat_catalogue() -> tuple[list[tuple[str, str, str, float, float]], list[list[int]]]:
    """The catalogue as a list of (article no, article, group, list price SEK, cost share)
    and, per product group, the article indexes in that list.
    """
    articles: list[tuple[str, str, str, float, float]] = []
    by_group: list[list[int]] = []
    for group_no, (group, prefix, margin, items) in enumerate(_CATALOGUE):
        indexes = []
        for i, (name, price) in enumerate(items):
            # Article-level spread of the margin, fixed (not random) so the catalogue is stable.
            spread = ((i * 7 + group_no * 3) % 11 - 5) / 100
            cost_share = min(0.95, max(0.4, 1 - margin + _LIST_MARGIN_CUT + spread))
            indexes.append(len(articles))
            articles.append((f"{prefix}{1001 + 3 * i}", name, group, float(price), cost_share))
        by_group.append(indexes)
    return articles, by_group


def _make_customers(rng: random.Random) -> list[_Customer]:
    """The customers with their hidden traits, numbered in the order they became customers."""
    region_cum = _cumulative([w for _, w, _ in _REGIONS])
    segment_cum = _cumulative([w for _, w, _ in _SEGMENTS])
    horizon = _years(DEMO_END)
    used_names: set[str] = set()
    customers: list[_Customer] = []

    numbers = sorted(rng.sample(range(1, 1700), _N_EXISTING))
    arrivals = sorted(
        DEMO_START + timedelta(days=rng.randrange(20, (DEMO_END - DEMO_START).days - 60))
        for _ in range(_N_NEW)
    )
    starts = [DEMO_START] * _N_EXISTING + arrivals
    numbers += list(range(1701, 1701 + _N_NEW))
    key_slots = set(rng.sample(range(40, _N_EXISTING, 7), _N_KEY_ACCOUNTS))

    for index, (no, start) in enumerate(zip(numbers, starts, strict=True)):
        new = index >= _N_EXISTING
        key = index in key_slots
        (region, _, places) = _REGIONS[rng.choices(range(len(_REGIONS)), cum_weights=region_cum)[0]]
        if key:
            segment = rng.choice(("Offentlig", "Bygg", "Fastighet"))
        else:
            segment = _SEGMENTS[rng.choices(range(len(_SEGMENTS)), cum_weights=segment_cum)[0]][0]
        place = rng.choice(places)
        name = _company_name(rng, segment, place, key=key)
        for _ in range(40):
            if name not in used_names:
                break
            name = _company_name(rng, segment, rng.choice(places), key=key)
        else:
            name = f"{name} {no}"
        used_names.add(name)

        if key:
            size = rng.uniform(*_KEY_ACCOUNT_SIZE)
        else:
            size = rng.lognormvariate(_SIZE_MU, _SIZE_SIGMA) * (0.7 if new else 1.0)
            size = min(_SIZE_MAX, max(_SIZE_MIN, size))

        trend = rng.random()
        if key:
            growth = math.exp(rng.gauss(0.04, 0.05))
        elif trend < 0.05:
            growth = math.exp(rng.uniform(0.3, 0.6))  # fast growers
        elif trend < 0.11:
            growth = math.exp(rng.uniform(-0.5, -0.25))  # shrinking
        else:
            growth = math.exp(rng.gauss(0.03, 0.18))

        hazard = _hazard(size) + (_CHURN_NEW_EXTRA if new else 0.0)
        lifetime = rng.expovariate(hazard)
        end = DEMO_END
        if _years(start) + lifetime < horizon:
            end = max(start + timedelta(days=60), DEMO_START + timedelta(days=lifetime * 365.25))
            end = min(end, DEMO_END)

        if key:
            low, high = _KEY_ACCOUNT_DISCOUNT_BP
            discount_bp = 50 * rng.randint(low // 50, high // 50)
            service = rng.uniform(*_KEY_ACCOUNT_SERVICE)
            demanding = True
        else:
            base = 300 + 350 * math.log10(max(size, 20_000) / 20_000)
            discount_bp = 0 if size < 30_000 and rng.random() < 0.4 else base + rng.gauss(0, 250)
            if size > _PRESSED_FROM and rng.random() < _PRESSED_SHARE:
                discount_bp += rng.uniform(*_PRESSED_EXTRA_BP)
            discount_bp = 50 * round(min(_MAX_DISCOUNT_BP, max(0, discount_bp)) / 50)
            demanding = rng.random() < _DEMANDING_SHARE
            service = rng.uniform(*_DEMANDING_SERVICE) if demanding else rng.lognormvariate(0, 0.15)

        if key:
            order_factor = rng.uniform(*_KEY_ACCOUNT_ORDERS)
        else:
            order_factor = _DEMANDING_ORDERS if demanding else 1.0
        terms = 30
        if key or (size > 400_000 and rng.random() < 0.35):
            terms = 60
        elif size < 40_000 and rng.random() < 0.12:
            terms = 10
        late = rng.random() < 0.12 and not key
        late_days = rng.randint(20, 90) if late else 0
        bankrupt = end < DEMO_END - timedelta(days=90) and late and rng.random() < 0.3

        seller = _KEY_ACCOUNT_SELLER if key else rng.choice(_SELLERS[region])
        weights = _SEGMENTS[[s for s, _, _ in _SEGMENTS].index(segment)][2]
        weights = tuple(w * rng.lognormvariate(0, 0.5) for w in weights)
        if key:
            lines_weights: tuple[float, ...] = (55, 30, 10, 5, 0, 0)
        elif size > 500_000:
            lines_weights = (20, 22, 20, 16, 12, 10)
        else:
            lines_weights = (34, 24, 17, 12, 8, 5)
        mean_lines = sum((i + 1) * w for i, w in enumerate(lines_weights)) / sum(lines_weights)

        satisfaction = rng.gauss(3.7, 0.8) + 0.4 * (service > 1.5) - 0.7 * (end < DEMO_END)
        customers.append(
            _Customer(
                no=no,
                name=name,
                segment=segment,
                region=region,
                seller=seller,
                start=start,
                end=end,
                size=size,
                growth=growth,
                key_account=key,
                discount_bp=int(discount_bp),
                service=service,
                terms=terms,
                late_days=late_days,
                bankrupt=bankrupt,
                free_freight=key or discount_bp >= 800,
                orders_per_year=order_factor,
                group_cum=_cumulative(weights),
                lines_cum=_cumulative(lines_weights),
                mean_lines=mean_lines,
                satisfaction=satisfaction,
            )
        )
    return customers


# The two customers whose cost to serve tells the story (name, segment, region, seller,
# SEK/year, invoices/year, lines per invoice weights 1..6, discount bp, service factor).
_STORY = (
    # A large builder calling off almost daily in small lots: fair margin, loses money.
    (
        "Stockholms Byggnads AB",
        "Bygg",
        "Stockholm",
        "Anna Lindqvist",
        2_200_000.0,
        2400.0,
        (78, 17, 5, 0, 0, 0),
        1200,
        1.2,
    ),
    # A mid-sized industrial customer with a few large deliveries a year: very profitable.
    (
        "Norrbottens Industriservice AB",
        "Industri",
        "Norr",
        "Mikael Strand",
        420_000.0,
        5.0,
        (0, 0, 5, 15, 30, 50),
        500,
        0.8,
    ),
)


def _story_customers(customers: list[_Customer]) -> list[_Customer]:
    """The `_STORY` customers, buying from the start to the end, under customer numbers
    nobody else has (the first free ones from 300 and from 900)."""
    taken = {c.no for c in customers}
    names = {c.name for c in customers}
    story = []
    for (name, segment, region, seller, size, orders, lines, discount, service), first in zip(
        _STORY, (300, 900), strict=True
    ):
        no = next(n for n in range(first, 1700) if n not in taken)
        taken.add(no)
        weights = _SEGMENTS[[s for s, _, _ in _SEGMENTS].index(segment)][2]
        story.append(
            _Customer(
                no=no,
                name=name if name not in names else f"{name} {no}",
                segment=segment,
                region=region,
                seller=seller,
                start=DEMO_START,
                end=DEMO_END,
                size=size,
                growth=1.03,
                key_account=True,  # invoices per year as given, not by the size rule
                discount_bp=discount,
                service=service,
                terms=30,
                late_days=0,
                bankrupt=False,
                free_freight=True,
                orders_per_year=orders,
                group_cum=_cumulative(weights),
                lines_cum=_cumulative(lines),
                mean_lines=sum((i + 1) * w for i, w in enumerate(lines)) / sum(lines),
                satisfaction=3.8,
            )
        )
    return story


def _volume(customer: _Customer, day: date) -> float:
    """The customer's annual purchase volume (SEK/year) around `day`."""
    volume = customer.size * customer.growth ** (_years(day) - _years(customer.start))
    if customer.start > DEMO_START:  # new customers ramp up over four months
        volume *= min(1.0, 0.5 + (day - customer.start).days / 240)
    if customer.end < DEMO_END:  # churning customers fade before they leave
        left = (customer.end - day).days
        if left < _DECLINE_DAYS:
            volume *= _DECLINE_FLOOR + (1 - _DECLINE_FLOOR) * left / _DECLINE_DAYS
    return volume


def _orders_per_year(customer: _Customer, volume: float) -> float:
    """Invoices per year at an annual purchase volume of `volume` SEK."""
    if customer.key_account:
        return customer.orders_per_year * volume / customer.size
    return customer.orders_per_year * _ORDER_RATE * (volume / 1000) ** _ORDER_EXPONENT


def _plan_invoices(
    rng: random.Random, customers: list[_Customer], months: list[list[date]]
) -> list[tuple[date, _Customer, float]]:
    """Invoice days per customer with the target value (SEK) of each of its lines."""
    planned: list[tuple[date, _Customer, float]] = []
    for customer in customers:
        own: list[tuple[date, _Customer, float]] = []
        for days in months:
            active = [d for d in days if customer.start <= d <= customer.end]
            if not active:
                continue
            middle = active[len(active) // 2]
            volume = _volume(customer, middle)
            rate = _orders_per_year(customer, volume)
            share = len(active) / len(days)
            count = _poisson(rng, rate / 12 * _SEASON[middle.month] * share)
            line_value = volume / (rate * customer.mean_lines)
            own.extend((rng.choice(active), customer, line_value) for _ in range(count))
        if not own:  # every customer in the master bought at least once
            day = customer.start
            while day not in months[_month_index(day)]:
                day += timedelta(days=1)
            own.append((day, customer, _volume(customer, day) / 4))
        planned.extend(own)
    return planned


def _make_lines(
    rng: random.Random,
    planned: list[tuple[date, _Customer, float]],
    articles: list[tuple[str, str, str, float, float]],
    by_group: list[list[int]],
) -> list[_Invoice]:
    """Invoice lines for each planned invoice, with freight and later credit notes."""
    popularity: list[list[float]] = []
    for indexes in by_group:
        ranks = list(range(len(indexes)))
        rng.shuffle(ranks)
        popularity.append(_cumulative([1 / (r + 1) ** 0.8 for r in ranks]))
    groups = range(len(by_group))
    max_lines = range(1, 7)
    invoices: list[_Invoice] = []
    credits: list[_Invoice] = []

    for seq, (day, customer, line_value) in enumerate(planned):
        index = _PRICE_INDEX[day.year]
        keep = 10_000 - customer.discount_bp
        n_lines = rng.choices(max_lines, cum_weights=customer.lines_cum)[0]
        lines: list[_Line] = []
        used: set[int] = set()
        for _ in range(n_lines):
            group = rng.choices(groups, cum_weights=customer.group_cum)[0]
            target = line_value * rng.lognormvariate(-0.18, 0.6)
            for _attempt in range(2):
                article = _article(rng, by_group[group], popularity[group], used)
                list_price = articles[article][3] * index
                if list_price * keep / 10_000 < 2.5 * target:
                    break
            used.add(article)
            price_ore = max(100, round(list_price) * 100 - 10)
            qty = max(1, round(target / (price_ore * keep / 1_000_000)))
            amount_ore = (qty * price_ore * keep + 5_000) // 10_000
            cost_ore = round(qty * price_ore * articles[article][4])
            lines.append(_Line(article, qty, price_ore, amount_ore, cost_ore))
        goods = sum(line.amount_ore for line in lines)
        if not customer.free_freight and goods < _FREIGHT_LIMIT * 100 and n_lines < 6:
            freight = round(_FREIGHT_PRICE * index) * 100
            lines.append(_Line(-1, 1, freight, freight, round(_FREIGHT_COST * index * 100)))
        invoices.append(_Invoice(day, customer, seq, lines))

        for line in lines:
            if line.article < 0 or rng.random() >= _CREDIT_SHARE * customer.service:
                continue
            credit_day = _next_business_day(day + timedelta(days=rng.randint(3, 40)))
            if credit_day > DEMO_END:
                continue
            qty = max(1, round(line.qty * rng.uniform(0.1, 1.0)))
            amount_ore = (qty * line.price_ore * keep + 5_000) // 10_000
            unit_cost = line.price_ore * articles[line.article][4]
            credit = _Line(line.article, -qty, line.price_ore, -amount_ore, -round(qty * unit_cost))
            credits.append(_Invoice(credit_day, customer, len(planned) + len(credits), [credit]))
            credits[-1].credit = True
    return invoices + credits


def _payment_day(rng: random.Random, invoice: _Invoice, due: date) -> date | None:
    """When the invoice was paid, or None while it is unpaid on DEMO_END."""
    customer = invoice.customer
    if invoice.credit:
        return invoice.day
    if customer.bankrupt and (customer.end - invoice.day).days < 75:
        return None
    if customer.late_days:
        delay = max(20, customer.late_days + rng.randint(-5, 5))
    else:
        delay = round(rng.gauss(0, 3))
    paid = _next_business_day(max(invoice.day + timedelta(days=2), due + timedelta(days=delay)))
    return paid if paid <= DEMO_END else None


def _ore(value: int) -> Decimal:
    """Whole öre as SEK with 2 decimals."""
    return Decimal(value).scaleb(-2)


def _seller(customer: _Customer, day: date) -> str:
    """The customer's sales rep on `day`."""
    if customer.seller == _LEAVING_SELLER and day >= _SUCCESSION_DATE:
        return _SUCCESSOR
    return customer.seller


# --- Public API ---------------------------------------------------------------------------


def generate_demo(*, seed: int = DEMO_SEED) -> DemoData:
    """Build the demo company's invoice lines and customer master from `seed`.

    Deterministic: the same seed gives the same data on every run and platform. Lines are
    ordered by invoice number (which follows the invoice date), then line order.
    """
    rng = random.Random(seed)
    months = _business_days()
    articles, by_group = _flat_catalogue()
    customers = _make_customers(rng)
    customers += _story_customers(customers)
    planned = _plan_invoices(rng, customers, months)
    invoices = _make_lines(rng, planned, articles, by_group)
    invoices.sort(key=lambda inv: (inv.day, inv.credit, inv.customer.no, inv.seq))

    lines: list[dict] = []
    revenue: dict[str, int] = {}
    for number, invoice in enumerate(invoices, start=_FIRST_INVOICE_NO):
        customer = invoice.customer
        due = invoice.day + timedelta(days=customer.terms)
        paid = _payment_day(rng, invoice, due)
        head = {
            "Kundnr": customer.kundnr,
            "Kundnamn": customer.name,
            "Fakturanr": number,
            "Fakturadatum": invoice.day,
            "Förfallodatum": due,
            "Betaldatum": paid,
        }
        tail = {"Säljare": _seller(customer, invoice.day), "Region": customer.region}
        for line in invoice.lines:
            if line.article < 0:
                article_no, article, group = _FREIGHT_ARTICLE
            else:
                article_no, article, group = articles[line.article][:3]
            revenue[customer.kundnr] = revenue.get(customer.kundnr, 0) + line.amount_ore
            lines.append(
                {
                    **head,
                    "Artikelnr": article_no,
                    "Artikel": article,
                    "Varugrupp": group,
                    "Antal": line.qty,
                    "À-pris": _ore(line.price_ore),
                    "Belopp exkl. moms": _ore(line.amount_ore),
                    "Självkostnad": _ore(line.cost_ore),
                    **tail,
                }
            )

    # The bigger ~30 % of customers have a named account manager.
    ranked = sorted(customers, key=lambda c: (-revenue.get(c.kundnr, 0), c.no))
    managed = {c.no for c in ranked[: round(0.3 * len(ranked))]}
    size_rank = {c.no: 1 - i / len(ranked) for i, c in enumerate(ranked)}
    master: list[dict] = []
    for customer in sorted(customers, key=lambda c: c.no):
        satisfaction = customer.satisfaction + rng.gauss(0, 0.4)
        score = None
        if rng.random() < 0.2 + 0.4 * size_rank[customer.no]:
            score = min(5, max(1, round(satisfaction)))
        nps = None
        if rng.random() < (0.5 if score is not None else 0.08):
            nps = min(100, max(-100, round((satisfaction - 3) * 45 + rng.gauss(0, 20))))
        master.append(
            {
                "Kundnr": customer.kundnr,
                "Kundnamn": customer.name,
                "Segment": customer.segment,
                "Region": customer.region,
                "Kundansvarig": _seller(customer, DEMO_END) if customer.no in managed else None,
                "Nöjdhet": score,
                "NPS": nps,
            }
        )
    return DemoData(lines=lines, customers=master)


def demo_totals(lines: list[dict]) -> dict:
    """Totals of the lines exactly as written to the file.

    Keys: `rows` (int), `revenue` and `cost` (Decimal SEK, sums of `Belopp exkl. moms` and
    `Självkostnad`), `customers` (distinct Kundnr), `first_date` and `last_date`
    (`datetime.date`, invoice dates) and `revenue_by_customer` (Kundnr -> Decimal SEK).
    """
    revenue = Decimal("0.00")
    cost = Decimal("0.00")
    by_customer: dict[str, Decimal] = {}
    first: date | None = None
    last: date | None = None
    for line in lines:
        amount = line["Belopp exkl. moms"]
        revenue += amount
        cost += line["Självkostnad"]
        kundnr = line["Kundnr"]
        by_customer[kundnr] = by_customer.get(kundnr, Decimal("0.00")) + amount
        day = line["Fakturadatum"]
        first = day if first is None or day < first else first
        last = day if last is None or day > last else last
    return {
        "rows": len(lines),
        "revenue": revenue,
        "cost": cost,
        "customers": len(by_customer),
        "first_date": first,
        "last_date": last,
        "revenue_by_customer": by_customer,
    }


def _cell(value: object) -> str:
    """A value as the ERP writes it: empty for None, ISO date, decimal comma."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value).replace(".", ",")
    return str(value)


def _write_csv(path: Path, columns: tuple[str, ...], rows: list[dict]) -> None:
    """Write `rows` as Windows-1252, CRLF, `;`-separated text with a header line."""
    with path.open("w", encoding=DEMO_ENCODING, newline="") as handle:
        writer = csv.writer(handle, delimiter=";", lineterminator="\r\n")
        writer.writerow(columns)
        writer.writerows([_cell(row[column]) for column in columns] for row in rows)


def write_demo_files(out_dir: Path, *, seed: int = DEMO_SEED) -> dict:
    """Write `DEMO_SALES_FILE` and `DEMO_CUSTOMERS_FILE` into `out_dir` (created if missing)
    and return `demo_totals` of the lines written.
    """
    data = generate_demo(seed=seed)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    _write_csv(out_dir / DEMO_SALES_FILE, SALES_COLUMNS, data.lines)
    _write_csv(out_dir / DEMO_CUSTOMERS_FILE, CUSTOMER_COLUMNS, data.customers)
    return demo_totals(data.lines)
