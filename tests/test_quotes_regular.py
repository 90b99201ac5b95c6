"""A file whose quotes are all regular is read as it is, without a repaired copy."""

from __future__ import annotations

import pytest

from analytics.ingest.pipeline import import_sales
from analytics.ingest.quotes import quotes_regular

HEADER = "Kundnr;Kundnamn;Fakturadatum;Belopp\n"


def write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def loaded(store) -> list[tuple]:
    query = "select line_no, customer_id, customer_name from sales_lines order by line_no"
    return store.query(query).rows()


@pytest.mark.parametrize(
    ("line", "regular"),
    [
        ('1;"Öst; Väst";"";10', True),
        ('1;"Citat ""AB""";2024-01-05;10', True),
        ("1;Utan citattecken;2024-01-05;10", True),
        ('1;"27" skärm";2024-01-05;10', False),
        ('1;Karl "Kalle" Ek;2024-01-05;10', False),
        ('1;"Storgatan 1', False),  # a field going on in the next line
    ],
)
def test_only_lines_with_irregular_quotes_need_the_repaired_copy(tmp_path, line, regular):
    path = write(tmp_path, "q.csv", HEADER + line + "\n2;B;2024-01-06;20\n")
    assert quotes_regular(path, delimiter=";") is regular


def test_regular_quotes_under_a_title_line_keep_their_line_numbers(store, tmp_path):
    text = 'Försäljning "2024"\n' + HEADER + '1;"Öst; Väst";2024-01-05;10\n2;B;2024-01-06;20\n'
    import_sales(store, write(tmp_path, "t.csv", text))
    assert loaded(store) == [(3, "1", "Öst; Väst"), (4, "2", "B")]
