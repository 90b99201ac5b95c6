"""Malformed uploads: every file of `tests/corpus/` is refused with its own error code, a
one-sentence message and no change to the store; the command line never shows a traceback
nor a control character from the file. The files with bad lines only (`LOADS`) load
everything but those lines.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

import analytics.ingest.source
from analytics.cli import main
from analytics.ingest.errors import IngestError
from analytics.ingest.pipeline import Preview, import_sales, preview_file
from tests.corpus.make_corpus import BUILT_AT_TEST_TIME, corpus
from tests.processes import python

CORPUS = Path(__file__).resolve().parent / "corpus"

EXPECTED = {
    "empty.csv": "empty_file",
    "whitespace_only.csv": "empty_file",
    "bom_only.csv": "empty_file",
    "header_only.csv": "header_only",
    "header_only_no_newline.csv": "header_only",
    "header_only_blank_lines.csv": "header_only",
    "header_only_utf16_no_bom.csv": "header_only",
    "header_only.xlsx": "header_only",
    "header_only.parquet": "header_only",
    "picture_png.csv": "binary_file",
    "picture_jpeg.csv": "binary_file",
    "document_pdf.csv": "binary_file",
    "archive_zip.csv": "binary_file",
    "archive_gzip.csv": "binary_file",
    "random_binary.csv": "binary_file",
    "nul_bytes.csv": "binary_file",
    "web_page.csv": "binary_file",
    "empty_sheets.xlsx": "no_data_sheet",
    "no_header_sheets.xlsx": "no_data_sheet",
    "truncated.xlsx": "unreadable",
    "damaged.xls": "unreadable",
    "truncated.parquet": "unreadable",
    "password_protected.xlsx": "encrypted",
    "excel_2003_xml.xls": "excel_xml",
    "html_table.xls": "html_table",
    "control_characters.csv": "no_customer_column",
    "no_customer_column.csv": "no_customer_column",
    "unknown_headers.csv": "no_customer_column",
    "no_amount_column.csv": "no_amount_column",
    "one_column.csv": "no_amount_column",
    "no_date_column.csv": "no_date_column",
    "all_rows_rejected.csv": "nothing_loaded",
}

# Files with stray quotes: what loads (line, customer, name) and what is rejected (line,
# reason, raw), by hand from the bytes in make_corpus.py.
LOADS = {
    # `"A` opens a quote that never closes, but splitting at every `;` gives exactly the
    # header's four fields: the quote is text.
    "unclosed_quote.csv": ([(2, "1", '"A'), (3, "2", "B")], []),
    # `1;"A;2024-01-05` gives three fields either way: the line cannot be split.
    "unsplittable_quote.csv": (
        [(3, "2", "B"), (4, "3", "C")],
        [(2, "bad_quotes", {"_unsplit": '1;"A;2024-01-05'})],
    ),
    "stray_quotes.csv": (
        [
            (2, "1", 'חברה בע"מ'),
            (3, "2", '24" skärm AB'),
            (4, "3", '27" skärm'),
            (5, "4", 'Citat "AB"'),
        ],
        [],
    ),
}
# What no message may hold: C0 and C1 control characters and DEL.
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")

GOOD = "Kundnr;Kundnamn;Fakturadatum;Belopp\n1;Alfa;2024-01-05;100\n2;Beta;2024-01-06;200\n"


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory) -> Path:
    """The committed corpus files plus those written when the tests run (Parquet)."""
    folder = tmp_path_factory.mktemp("corpus")
    for path in CORPUS.iterdir():
        if path.suffix != ".py":
            shutil.copy(path, folder / path.name)
    made = corpus()
    for name in BUILT_AT_TEST_TIME:
        (folder / name).write_bytes(made[name])
    return folder


@pytest.fixture
def loaded(store, tmp_path):
    """The store with one good import in it."""
    good = tmp_path / "good.csv"
    good.write_text(GOOD, encoding="utf-8")
    import_sales(store, good)
    return store


def test_corpus_is_complete(corpus_dir):
    files = {p.name for p in corpus_dir.iterdir()}
    assert files == set(EXPECTED) | set(LOADS)
    assert len(files) >= 20


@pytest.mark.parametrize(("name", "code"), sorted(EXPECTED.items()))
def test_corpus_file_is_refused(corpus_dir, loaded, name, code):
    before = loaded.fingerprint()
    with pytest.raises(IngestError) as caught:
        import_sales(loaded, corpus_dir / name)
    assert caught.value.code == code
    message = str(caught.value)
    assert message[:1].isupper()
    assert message.endswith(".")
    assert "\n" not in message
    assert not CONTROL.search(message)
    assert not any(CONTROL.search(str(v)) for v in caught.value.params.values())
    assert loaded.fingerprint() == before


@pytest.mark.parametrize("name", sorted(LOADS))
def test_bad_quotes_cost_the_line_not_the_file(corpus_dir, store, name):
    loaded_rows, rejected_rows = LOADS[name]
    report = import_sales(store, corpus_dir / name)
    rows = store.query("select line_no, customer_id, customer_name from sales_lines order by 1")
    assert rows.rows() == loaded_rows
    rejected = store.rejected_rows(report.import_id)
    found = [(r["line_no"], r["reason"], json.loads(r["raw"])) for r in rejected.to_dicts()]
    assert found == rejected_rows


def test_control_characters_of_headers_are_shown_as_escapes(corpus_dir, store):
    with pytest.raises(IngestError) as caught:
        import_sales(store, corpus_dir / "control_characters.csv")
    assert caught.value.params["columns"] == "\\x1b[31mKund\\x07, \\x1b]0, titel\\x07Beloppx"


def test_control_characters_of_a_file_name_never_reach_the_terminal(corpus_dir, tmp_path, capsys):
    hostile = tmp_path / "sales\x1b[2J\x07.csv"
    shutil.copy(corpus_dir / "empty.csv", hostile)
    code = main(["import", str(hostile), "--db", str(tmp_path / "cli.duckdb")])
    err = capsys.readouterr().err
    assert code == 2
    assert err == "error: sales\\x1b[2J\\x07.csv: The file is empty.\n"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_file_preview_gives_no_other_exception(corpus_dir, loaded, name):
    before = loaded.fingerprint()
    try:
        preview = preview_file(corpus_dir / name, store=loaded)
    except IngestError as exc:
        assert exc.code == EXPECTED[name]
    else:
        assert isinstance(preview, Preview)
    assert loaded.fingerprint() == before


def test_file_over_the_size_limit(loaded, tmp_path, monkeypatch):
    path = tmp_path / "big.csv"
    path.write_text(GOOD.replace("Alfa", "Gamma"), encoding="utf-8")
    monkeypatch.setattr(analytics.ingest.source, "MAX_FILE_BYTES", 10)
    before = loaded.fingerprint()
    with pytest.raises(IngestError) as caught:
        import_sales(loaded, path)
    assert caught.value.code == "too_large"
    assert loaded.fingerprint() == before


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_command_line_prints_one_line_and_exits_2(corpus_dir, tmp_path, capsys, name):
    code = main(["import", str(corpus_dir / name), "--db", str(tmp_path / "cli.duckdb")])
    captured = capsys.readouterr()
    assert code == 2
    assert captured.out == ""
    err = captured.err.splitlines()
    assert len(err) == 1
    assert err[0].startswith(f"error: {name}: ")
    assert not CONTROL.search(err[0])


def test_command_line_process_has_no_traceback(corpus_dir, tmp_path):
    files = [str(corpus_dir / n) for n in ("picture_png.csv", "truncated.xlsx", "html_table.xls")]
    result = python("-m", "analytics", "import", *files, "--db", tmp_path / "c.duckdb")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert len(result.stderr.splitlines()) == 3
