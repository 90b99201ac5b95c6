"""The demo company's catalogue: eight product groups with their articles and list prices
(SEK before the price index), the freight article, and the product-group mix of each
customer segment.
"""

from __future__ import annotations

__all__: list[str] = []

_LIST_MARGIN_CUT = 0.10  # list margins of the catalogue below are before this cut

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


def _segment_mix(segment: str) -> tuple[float, ...]:
    """The product-group weights (same order as `_CATALOGUE`) of a customer segment."""
    return _SEGMENTS[[s for s, _, _ in _SEGMENTS].index(segment)][2]
