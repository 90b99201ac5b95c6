"""The optional cost drivers: returned quantity, delivery days, freight, discount, sales
channel and delivery method — their headers, how the import keeps them, how an older
database gains their columns, their counts against independent SQL over the file itself,
their prices by hand, and the command line.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import duckdb
import polars as pl
import pytest

from analytics.cli import main
from analytics.cost_details import DETAIL_DRIVERS
from analytics.costs import DRIVERS, CostModel, count_drivers, driver_counts_known
from analytics.ingest.mapping import auto_map
from analytics.ingest.pipeline import import_sales, preview_file
from analytics.metrics import Period
from analytics.migrations import MIGRATIONS
from analytics.profit import most_of, profit_table, profit_waterfall, what_if
from analytics.store import Store
from tests.samples import write

D = Decimal
YEAR = Period(date(2024, 1, 1), date(2024, 12, 31))
HEADER = (
    "Kundnr;Fakturanr;Fakturadatum;Belopp;Kostnad;Returnerat antal;Leveransdatum;Frakt;"
    "Fraktkostnad;Rabatt;Säljkanal;Leveranssätt\n"
)
# A: invoice 1 (two lines, web, one line standard and one DHL Express), invoice 2 (field
# sales, picked up, 1,5 units returned written negative, a discount written negative).
# B: invoice 3 (a phone line and a web line, both by courier), invoice 4 (a shop: no kind
# of channel). C: no details at all.
SALES = HEADER + (
    "A;1;2024-01-10;1000;600;2;2024-01-11;50;120;100;Webb;Standard\n"
    "A;1;2024-01-10;500;300;;2024-01-12;;;;Webb;DHL Express\n"
    "A;2;2024-02-01;2000;1200;-1,5;2024-02-02;0;80;-50;Fältsäljare;Hämtas i butik\n"
    "B;3;2024-03-01;5000;3000;;2024-03-02;200;150;;Telefonorder;Bud\n"
    "B;3;2024-03-01;800;500;;2024-03-02;;;;Webb;Bud\n"
    "B;4;2024-03-05;300;200;;;;;;Butik;\n"
    "C;5;2024-04-01;400;200;;;;;;;\n"
)
# The kind of each value of the file, labelled by hand.
KINDS = (
    "select * from (values ('Webb', 'web'), ('Fältsäljare', 'field'), "
    "('Telefonorder', 'phone'), ('Butik', 'other'), ('Standard', 'standard'), "
    "('DHL Express', 'express'), ('Hämtas i butik', 'pickup'), ('Bud', 'express')) "
    "as k(value, kind)"
)


@pytest.fixture
def csv_path(tmp_path):
    return write(tmp_path, "details.csv", SALES)


@pytest.fixture
def store(tmp_path, csv_path):
    db = Store(tmp_path / "d.duckdb")
    import_sales(db, csv_path, dataset="t")
    yield db
    db.close()


def _counts(store: Store) -> dict[str, dict]:
    frame = count_drivers(
        store, dataset_id=store.dataset_id("t"), period=YEAR, small_order_limit=D(1000)
    )
    return {r["customer_id"]: r for r in frame.iter_rows(named=True)}


def _independent(csv_path, select: str) -> dict[str, tuple]:
    """`select` per customer over the file as DuckDB reads it, text cells made numbers
    here, not by the import."""
    con = duckdb.connect()
    try:
        rows = con.execute(
            f"""
            with raw as (
                select * from read_csv('{csv_path}', delim = ';', header = true,
                                       all_varchar = true)
            ), f as (
                select "Kundnr" as customer, "Fakturanr" as invoice,
                       cast(replace("Returnerat antal", ',', '.') as decimal(18,4)) as returned,
                       cast("Leveransdatum" as date) as delivered,
                       cast("Frakt" as decimal(18,4)) as charged,
                       cast("Fraktkostnad" as decimal(18,4)) as freight_cost,
                       cast("Rabatt" as decimal(18,4)) as discount,
                       ch.kind as channel, dm.kind as method
                from raw
                left join ({KINDS}) ch on ch.value = raw."Säljkanal"
                left join ({KINDS}) dm on dm.value = raw."Leveranssätt"
            )
            select customer, {select} from f group by customer order by customer
            """
        ).fetchall()
    finally:
        con.close()
    return {r[0]: r[1:] for r in rows}


# --- headers ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Returnerat antal", "returned_quantity"),
        ("Returned Qty", "returned_quantity"),
        ("Retourmenge", "returned_quantity"),
        ("Leveransdatum", "delivery_date"),
        ("Leveringsdato", "delivery_date"),
        ("ShipDate", "delivery_date"),
        ("Frakt", "freight_charged"),
        ("Fragt", "freight_charged"),
        ("Shipping (SEK)", "freight_charged"),
        ("Fraktkostnad", "freight_cost"),
        ("Freight cost", "freight_cost"),
        ("Rabatt", "discount"),
        ("Line Discount Amount", "discount"),
        ("Rabattbetrag", "discount"),
        ("Säljkanal", "channel"),
        ("Sales Channel", "channel"),
        ("Salgskanal", "channel"),
        ("Leveranssätt", "delivery_method"),
        ("Shipping Method", "delivery_method"),
        ("Versandart", "delivery_method"),
    ],
)
def test_optional_headers_map_to_their_fields(header, field):
    mapping = auto_map(["Kundnr", "Fakturadatum", "Belopp", header])
    assert mapping[field] == header


def test_a_percent_or_a_bare_return_flag_is_not_taken():
    mapping = auto_map(["Kundnr", "Fakturadatum", "Belopp", "Rabatt %", "Retur"])
    assert "discount" not in mapping
    assert "returned_quantity" not in mapping


# --- import and storage -----------------------------------------------------------------


def test_the_import_keeps_the_details_exactly(store):
    rows = store.query(
        "select line_no, returned_quantity, delivery_date, freight_charged, freight_cost, "
        "discount, channel, delivery_method from sales_lines order by line_no"
    ).rows()
    assert rows[0] == (2, D(2), date(2024, 1, 11), D(50), D(120), D(100), "Webb", "Standard")
    assert rows[2][1] == D("-1.5")  # the decimal comma, exact
    assert rows[6][1:] == (None,) * 7  # C: nothing said, nothing kept


def test_an_unreadable_detail_rejects_its_line_with_a_reason(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(
        HEADER + "A;1;2024-01-10;100;50;två;;;;;;\n"
        "A;2;2024-01-11;200;50;;2024-13-45;;;;;\n"
        "A;3;2024-01-12;300;50;;;;fri;;;\n"
        "A;4;2024-01-13;400;50;;9999-12-31;;;;;\n",
        encoding="utf-8",
    )
    db = Store(tmp_path / "b.duckdb")
    try:
        report = import_sales(db, path, dataset="b")
        assert report.rejected_reasons == {"bad_number": 2, "bad_delivery_date": 1}
        # Loaded and rejected amounts add up to the file's total.
        assert report.revenue_loaded + report.revenue_rejected == D(1000)
        # A placeholder delivery date (not delivered yet) is no date, as a due date is.
        assert db.scalar("select delivery_date is null from sales_lines") is True
    finally:
        db.close()


def test_an_older_database_gains_the_columns(tmp_path, csv_path):
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute("create table schema_version (version integer not null)")
    # Every migration before the one that adds the details (later ones may follow it).
    details = next(i for i, m in enumerate(MIGRATIONS) if "column if not exists channel" in m)
    for version, migration in enumerate(MIGRATIONS[:details], start=1):
        con.execute(migration)
        con.execute("insert into schema_version values (?)", [version])
    con.execute("insert into datasets (name) values ('t')")
    con.execute(
        "insert into sales_lines (dataset_id, import_id, line_no, customer_id, invoice_date, "
        "invoice_number, revenue, cost) values (1, 1, 2, 'K', '2024-01-05', '9', 100, 60)"
    )
    con.close()
    store = Store(path)
    try:
        assert store.schema_version == len(MIGRATIONS)
        old = store.query("select * from sales_lines")
        assert old.select("channel", "freight_cost", "delivery_date").row(0) == (None,) * 3
        counted = count_drivers(store, dataset_id=1, period=YEAR, small_order_limit=D(1000))
        known = driver_counts_known(counted)
        assert not any(known[d] for d in DETAIL_DRIVERS)
        # The upgraded database takes an export with the details.
        import_sales(store, csv_path, dataset="t")
        assert _counts(store)["A"]["n_delivery"] == 3
    finally:
        store.close()


# --- counts against independent SQL -----------------------------------------------------


def test_returned_units_and_delivery_days(store, csv_path):
    expected = _independent(
        csv_path,
        "coalesce(sum(abs(returned)), 0), count(distinct delivered)",
    )
    counted = _counts(store)
    assert {c: (r["n_returned"], r["n_delivery"]) for c, r in counted.items()} == expected
    assert expected == {"A": (D("3.5"), 3), "B": (D(0), 1), "C": (D(0), 0)}


def test_net_freight_and_discounts(store, csv_path):
    expected = _independent(
        csv_path,
        "coalesce(sum(freight_cost), 0) - coalesce(sum(charged), 0), "
        "coalesce(sum(abs(discount)), 0)",
    )
    counted = _counts(store)
    assert {c: (r["freight_net"], r["discount_amount"]) for c, r in counted.items()} == expected
    assert expected["A"] == (D(150), D(150))  # (120 + 80) − 50; 100 + 50
    assert expected["B"] == (D(-50), D(0))  # the customer pays more freight than it costs


@pytest.mark.parametrize(
    ("column", "prefix", "kinds"),
    [
        ("channel", "channel", ("web", "phone", "field", "other")),
        ("method", "delivery", ("standard", "express", "pickup", "other")),
    ],
)
def test_invoices_by_channel_and_delivery_method(store, csv_path, column, prefix, kinds):
    select = ", ".join(f"count(distinct invoice) filter (where {column} = '{k}')" for k in kinds)
    expected = _independent(csv_path, select)
    counted = _counts(store)
    assert {c: tuple(r[f"n_{prefix}_{k}"] for k in kinds) for c, r in counted.items()} == expected


def test_the_drivers_are_known_only_where_the_export_has_them(store, tmp_path):
    assert all(driver_counts_known(count_drivers(
        store, dataset_id=store.dataset_id("t"), period=YEAR, small_order_limit=D(1000)
    ))[d] for d in DETAIL_DRIVERS)  # fmt: skip
    path = tmp_path / "plain.csv"
    path.write_text("Kundnr;Fakturadatum;Belopp;Kostnad\nA;2024-01-10;100;50\n", "utf-8")
    import_sales(store, path, dataset="plain")
    table = profit_table(
        store, dataset_id=store.dataset_id("plain"), period=YEAR, model=CostModel()
    )
    assert not any(table["known"][d] for d in DETAIL_DRIVERS)
    row = table["customers"].row(0, named=True)
    assert [row[f"cost_{d}"] for d in DETAIL_DRIVERS] == [D(0)] * 6


# --- prices -----------------------------------------------------------------------------


def _table(store: Store, model: CostModel) -> dict[str, dict]:
    built = profit_table(store, dataset_id=store.dataset_id("t"), period=YEAR, model=model)
    return {r["customer_id"]: r for r in built["customers"].iter_rows(named=True)}


def test_the_defaults_price_the_details_by_hand(store):
    rows = _table(store, CostModel())
    a, b, c = rows["A"], rows["B"], rows["C"]
    # A: 3.5 units × 40, 3 deliveries × 150, net freight 150 at cost, discounts already
    # in the amount (0), a field order 400 (the web order 0), an express invoice 250.
    assert [a[f"cost_{d}"] for d in DETAIL_DRIVERS] == [
        D(140), D(450), D(150), D(0), D(400), D(250)
    ]  # fmt: skip
    # B: one delivery 150, freight −50 (charged 200 for 150), a phone order 50 (its web
    # line and the shop invoice 0), one courier invoice 250.
    assert [b[f"cost_{d}"] for d in DETAIL_DRIVERS] == [
        D(0), D(150), D(-50), D(0), D(50), D(250)
    ]  # fmt: skip
    assert [c[f"cost_{d}"] for d in DETAIL_DRIVERS] == [D(0)] * 6
    # The cost to serve is the sum of every driver: 2 orders, 3 lines, account 500.
    assert a["cost_to_serve"] == D(700 + 75 + 500 + 140 + 450 + 150 + 400 + 250)


def test_unit_costs_change_the_details_exactly(store):
    model = CostModel(
        returned="12.5",
        delivery="0",
        freight="0.5",
        discount="1",
        channel_web="10",
        channel_other="7",
        delivery_pickup="30",
        delivery_express="0",
    )
    a, b = (_table(store, model)[k] for k in ("A", "B"))
    assert [a[f"cost_{d}"] for d in DETAIL_DRIVERS] == [
        D("43.75"), D(0), D(75), D(150), D(410), D(30)
    ]  # fmt: skip
    assert [b[f"cost_{d}"] for d in DETAIL_DRIVERS] == [
        D(0), D(0), D(-25), D(0), D(50 + 10 + 7), D(0)
    ]  # fmt: skip


def test_the_waterfall_shows_a_detail_only_where_it_costs(store):
    table = profit_table(store, dataset_id=store.dataset_id("t"), period=YEAR, model=CostModel())
    steps = profit_waterfall(table["customers"], customer_id="B")["step"].to_list()
    assert steps == [
        "revenue", "cost_of_goods", "gross_margin", *DRIVERS[:6],
        "delivery", "freight", "channel", "delivery_method", "profit",
    ]  # fmt: skip


def test_what_if_field_sales_cost_more_and_groups_by_a_detail(store):
    table = profit_table(store, dataset_id=store.dataset_id("t"), period=YEAR, model=CostModel())
    assert most_of(table["customers"], driver="delivery", count=1) == ["A"]
    result = what_if(
        table["customers"],
        table["drivers"],
        model=CostModel(),
        driver="channel_field",
        unit_cost="1000",
        group=["A"],
    )
    assert result["change"] == D(-600)  # A's one field order: 400 → 1 000


# --- command line -----------------------------------------------------------------------


def test_cli_json_has_the_new_drivers_and_set_accepts_them(store, capsys):
    path = store.path
    store.close()
    argv = ["profit", "--db", path, "--period", "2024-01-01:2024-12-31", "--json"]
    assert main([*argv, "--set", "channel_field=1000,discount=1"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert {"customers", "unprofitable_customers", "whale_peak", "model"} <= set(result)
    assert set(result["model"]) >= {
        "returned", "delivery", "freight", "discount", "channel_web", "channel_phone",
        "channel_field", "channel_other", "delivery_standard", "delivery_express",
        "delivery_pickup", "delivery_other",
    }  # fmt: skip
    assert (result["model"]["channel_field"], result["model"]["discount"]) == (1000, 1)
    assert result["model"]["returned"] == 40  # the default, kept
    assert all(result["counted"][d] for d in DETAIL_DRIVERS)
    rows = {c["customer_id"]: c for c in result["customers"]}
    assert list(rows["A"]["drivers"]) == list(DRIVERS)
    assert rows["A"]["drivers"]["channel"] == 1000
    assert rows["A"]["drivers"]["discount"] == 150
    assert rows["A"]["counts"]["channel"] == {"web": 1, "phone": 0, "field": 1, "other": 0}
    assert rows["A"]["counts"]["returned"] == 3.5


def test_cli_text_says_which_drivers_are_not_in_the_export(tmp_path, capsys):
    path = tmp_path / "plain.csv"
    path.write_text("Kundnr;Fakturadatum;Belopp;Kostnad\nA;2024-01-10;100;50\n", "utf-8")
    db = Store(tmp_path / "p.duckdb")
    import_sales(db, path, dataset="plain")
    db.close()
    assert main(["profit", "--db", str(tmp_path / "p.duckdb"), "--period", "all"]) == 0
    out = capsys.readouterr().out
    assert "not in the export, so they count 0: " + ", ".join(DETAIL_DRIVERS) in out


def test_a_value_of_no_kind_is_other_and_blank_is_not_counted(tmp_path):
    path = tmp_path / "kinds.csv"
    rows = [
        ("1", "Fax", "Postnord"),
        ("2", "B2B-webb", "Click & Collect"),
        ("3", "  ", "   "),
        ("4", "Mässa", "Egen transport"),
    ]
    body = "".join(f"A;{n};2024-01-10;100;;;;;;;{c};{m}\n" for n, c, m in rows)
    path.write_text(HEADER + body, encoding="utf-8")
    db = Store(tmp_path / "k.duckdb")
    try:
        import_sales(db, path, dataset="k")
        frame = count_drivers(
            db, dataset_id=db.dataset_id("k"), period=YEAR, small_order_limit=D(1)
        )
        row = frame.row(0, named=True)
        channels = {k: row[f"n_channel_{k}"] for k in ("web", "phone", "field", "other")}
        methods = {k: row[f"n_delivery_{k}"] for k in ("standard", "express", "pickup", "other")}
        assert channels == {"web": 1, "phone": 1, "field": 0, "other": 1}
        assert methods == {"standard": 1, "express": 0, "pickup": 1, "other": 1}
    finally:
        db.close()


def test_polars_frame_types(store):
    counted = count_drivers(
        store, dataset_id=store.dataset_id("t"), period=YEAR, small_order_limit=D(1000)
    )
    assert counted.schema["n_returned"] == pl.Decimal(38, 4)
    assert counted.schema["n_channel_web"] == pl.Int64


def test_every_kind_of_value_has_a_unit_cost():
    from analytics.cost_details import CHANNELS, DELIVERY_METHODS, KIND_WORDS
    from analytics.costs import COST_KEYS, DETAIL_COST_KEYS

    assert {f"channel_{k}" for k in CHANNELS} | {f"delivery_{k}" for k in DELIVERY_METHODS} <= set(
        COST_KEYS
    )
    assert set(DETAIL_COST_KEYS) == set(DETAIL_DRIVERS)
    # Words are compared in lower case and may hold letters, digits, spaces and hyphens.
    for kinds in KIND_WORDS.values():
        for words in kinds.values():
            assert all(
                w == w.lower() and w.replace(" ", "").replace("-", "").isalnum() for w in words
            )


@pytest.mark.parametrize(
    ("values", "mapped"),
    [(("0.2", "0", "0.45"), False), (("50", "0", "120.50"), True), (("0", "0", "0"), True)],
    ids=["shares", "amounts", "no-discount"],
)
def test_a_discount_column_of_shares_is_not_read_as_amounts(tmp_path, values, mapped):
    # Superstore's Discount is a rate (0.2 = 20 %): read as money it would be 0.20.
    lines = "".join(f"K{i},2026-01-0{i},100,{v}\n" for i, v in enumerate(values, start=1))
    path = tmp_path / "sales.csv"
    path.write_text("Customer,Date,Sales,Discount\n" + lines, encoding="utf-8")
    preview = preview_file(path)
    assert ("discount" in preview.mapping) is mapped
    codes = [n["code"] for n in preview.notes]
    assert ("mapping_discount_rate" in codes) is not mapped
