"""People and places of the demo company: its regions with their towns, its sales reps (one
of whom leaves and is replaced), and the pieces its customers' Swedish company names are
made of.
"""

from __future__ import annotations

import random
from datetime import date

__all__: list[str] = []

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
