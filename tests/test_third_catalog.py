"""Adding a language is adding a catalog file: a small Danish catalog in the folder named
by KUNDFOKUS_CATALOGS is offered in the sidebar, its texts and Babel's Danish formats are
used, and what it does not translate falls back to Swedish."""

from __future__ import annotations

import json
import os

from tests.processes import python

DANISH = """
[meta]
name = "Dansk"
locale = "da_DK"

[format]
"percent" = "{number}\\u00A0%"
"money" = "{number} {unit}"
"money.unit" = "{code}"
"money.unit.DKK" = "kr."
"money.unit.k" = "t{code}"
"money.unit.M" = "mio. {code}"
"money.compact.k" = "{number} {unit}"
"money.compact.M" = "{number} mio. {code}"
"date" = "dd.MM.y"
"month" = "MMM y"
"vega_month" = "%m.%Y"
"vega_date" = "%d.%m.%Y"

[nav]
"overview" = "Overblik"

[overview]
"title" = "Overblik"
"customers" = "Kunder"
"""

PROBE = """
import json
from datetime import date
from streamlit.testing.v1 import AppTest
import locales
from locales import t
from locales.formats import fmt_date, fmt_money, fmt_pct
from tests.paths import ROOT

at = AppTest.from_file("app.py", default_timeout=120)
at.session_state["lang"] = "da"
at.run()
print(json.dumps({
    "languages": locales.LANGUAGES,
    "title": t("overview.title", lang="da"),
    "fallback": t("overview.revenue", lang="da"),
    "money": fmt_money(1234567.5, currency="DKK", lang="da"),
    "compact": fmt_money(3_400_000, currency="DKK", lang="da", compact=True),
    "percent": fmt_pct(0.125, 1, lang="da"),
    "date": fmt_date(date(2026, 11, 4), lang="da"),
    "radio": list(at.sidebar.radio[0].options),
    "page_title": at.title[0].value,
    "metrics": [m.label for m in at.metric],
    "errors": [e.value for e in at.exception],
}))
"""


def test_a_danish_catalog_file_adds_danish(tmp_path):
    folder = tmp_path / "catalogs"
    folder.mkdir()
    (folder / "da.toml").write_text(DANISH, encoding="utf-8")
    env = {
        **os.environ,
        "KUNDFOKUS_CATALOGS": str(folder),
        "KUNDFOKUS_DB": str(tmp_path / "k.duckdb"),
        "KUNDFOKUS_DEMO": "on",
    }
    done = python("-c", PROBE, env=env, timeout=None)
    assert done.returncode == 0, done.stderr[-2000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["errors"] == []
    assert seen["languages"] == {"sv": "Svenska", "en": "English", "da": "Dansk"}
    assert "Dansk" in seen["radio"]
    assert (seen["title"], seen["page_title"]) == ("Overblik", "Overblik")
    assert "Kunder" in seen["metrics"]
    assert seen["fallback"] == "Omsättning"  # not translated: the Swedish text
    assert seen["money"] == "1.234.568 kr."
    assert seen["compact"] == "3,4 mio. DKK"
    assert seen["percent"] == "12,5\u00a0%"
    assert seen["date"] == "04.11.2026"
