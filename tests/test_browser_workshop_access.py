"""Real-browser test of workshop mode (`make workshop`): the server listens on every
address; a browser on the server's own machine is the facilitator and sees the whole
app, a browser that comes over the network gets the passcode page."""

from __future__ import annotations

import pytest

from locales import catalog
from tests.browser import open_app, running_server
from tests.samples import workshop_database
from ui.access import PASSCODE_ENV, WORKSHOP_ENV
from ui.serve import local_address

pytestmark = pytest.mark.browser
SV = catalog("sv")


def test_the_server_machine_leads_and_another_address_meets_the_gate(
    browser, tmp_path, monkeypatch
):
    db, _code = workshop_database(tmp_path)
    monkeypatch.setenv(WORKSHOP_ENV, "1")
    monkeypatch.setenv(PASSCODE_ENV, "ekorre42")
    options = ("--server.address", "0.0.0.0")
    with running_server(db, demo=False, options=options) as (url, _process):
        facilitator = open_app(browser, url)
        facilitator.get_by_role("link", name=SV["ws.nav"], exact=True).wait_for()
        assert facilitator.get_by_label(SV["gate.passcode"]).count() == 0
        address = local_address()
        if address == "127.0.0.1":
            pytest.skip("this machine has no address besides localhost to come from")
        phone = open_app(browser, url.replace("127.0.0.1", address), width=390, height=844)
        phone.get_by_label(SV["gate.passcode"]).wait_for()
        assert phone.get_by_test_id("stSidebarNavLink").count() == 0
