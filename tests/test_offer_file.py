"""`ui.place.offer_file`: the one way a page offers a file, its type and icon from the
file name's ending."""

from __future__ import annotations

import pytest

from ui.place import offer_file


class _Container:
    def __init__(self):
        self.calls = []

    def download_button(self, label, **options):
        self.calls.append((label, options))


@pytest.mark.parametrize(
    ("file_name", "mime", "icon"),
    [
        ("fokuslista.csv", "text/csv", ":material/download:"),
        (
            "fokuslista.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ":material/table_view:",
        ),
        ("bild.svg", "image/svg+xml", ":material/draw:"),
    ],
)
def test_the_type_and_icon_follow_the_ending(file_name, mime, icon):
    box = _Container()
    offer_file(box, "Ladda ner", b"x", file_name=file_name, key="k")
    assert box.calls == [
        (
            "Ladda ner",
            {
                "data": b"x",
                "file_name": file_name,
                "mime": mime,
                "icon": icon,
                "on_click": "rerun",
                "help": None,
                "key": "k",
            },
        )
    ]


def test_a_kind_an_icon_and_no_rerun_can_be_named():
    box = _Container()
    offer_file(box, "Deck", b"x", file_name="deck", kind="pptx", icon=":material/x:", rerun=False)
    options = box.calls[0][1]
    assert options["mime"].endswith("presentationml.presentation")
    assert (options["icon"], options["on_click"]) == (":material/x:", "ignore")
