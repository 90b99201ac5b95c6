"""Exports of the systems our users export from load without a hand mapping.

Each file (in tests/system_exports.py) is a small export made by hand with the header
set the system writes (from its published export or list documentation): Fortnox (the
invoice list and the API's CamelCase fields), Visma Administration, Visma eEkonomi,
Microsoft Dynamics 365 Business Central, SAP, e-conomic, 24SevenOffice, Shopify orders,
Stripe payments, WooCommerce Analytics orders and the UCI Online Retail workbooks. The
test imports each one as a user would (no mapping, no profile) and checks the mapping and
the revenue loaded against a total computed by hand in the comment beside each file.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from analytics.ingest.pipeline import import_sales, preview_file
from tests.system_exports import EXPORTS, Export


def write_export(tmp_path, export: Export):
    path = tmp_path / export.name
    if isinstance(export.content, str):
        path.write_bytes(export.content.encode(export.encoding))
        return path
    import xlsxwriter

    workbook = xlsxwriter.Workbook(path)
    stamp = workbook.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    for sheet_name, rows in export.content.items():
        sheet = workbook.add_worksheet(sheet_name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if isinstance(value, datetime):
                    sheet.write_datetime(r, c, value, stamp)
                elif value is not None:
                    sheet.write(r, c, value)
    workbook.close()
    return path


def cents(amount) -> int:
    return round(float(amount) * 100)


@pytest.mark.parametrize("system", sorted(EXPORTS))
def test_export_maps_itself(tmp_path, system):
    export = EXPORTS[system]
    preview = preview_file(write_export(tmp_path, export), all_sheets=export.all_sheets)
    assert preview.problem is None
    assert {f: preview.mapping.get(f) for f in export.mapping} == export.mapping
    # Nothing of these exports is a guess or inferred from values.
    assert [n["code"] for n in preview.notes if n["code"] != "mapping_system"] == []


@pytest.mark.parametrize("system", sorted(EXPORTS))
def test_export_loads_to_the_hand_computed_total(store, tmp_path, system):
    export = EXPORTS[system]
    report = import_sales(store, write_export(tmp_path, export), all_sheets=export.all_sheets)
    assert cents(report.revenue_loaded) == export.cents
    assert report.rows_loaded == export.loaded
    assert report.customers == export.customers
    assert report.rejected_reasons == export.rejected


def test_shopify_name_is_the_order_number_never_the_customer(tmp_path):
    preview = preview_file(write_export(tmp_path, EXPORTS["shopify"]))
    assert preview.mapping["invoice_number"] == "Name"
    assert "Name" not in (preview.mapping.get("customer_id"), preview.mapping.get("customer_name"))
    assert [n["code"] for n in preview.notes] == ["mapping_system"]
    assert preview.notes[0]["system"] == "Shopify"


def test_shopify_customer_is_the_email(store, tmp_path):
    import_sales(store, write_export(tmp_path, EXPORTS["shopify"]))
    rows = store.query(
        "select customer_id, sum(revenue) as revenue from sales_lines group by 1 order by 1"
    ).rows()
    # Anna: 2 × 199 + 99 + 3 × 49 − 49 = 595; Bo: 499 − 499 = 0.
    assert [(c, cents(r)) for c, r in rows] == [
        ("anna@example.com", 59500),
        ("bo@example.com", 0),
    ]


def test_stripe_failed_charge_is_rejected_with_its_amount(store, tmp_path):
    report = import_sales(store, write_export(tmp_path, EXPORTS["stripe"]))
    assert cents(report.revenue_rejected) == 50000
    rejected = store.rejected_rows(report.import_id)
    assert rejected["line_no"].to_list() == [5]
    assert rejected["reason"].to_list() == ["not_a_sale"]


def test_online_retail_cancellations_are_kept_as_negative_lines(store, tmp_path):
    import_sales(store, write_export(tmp_path, EXPORTS["online_retail_ii"]), all_sheets=True)
    rows = store.query(
        "select invoice_number, quantity, revenue from sales_lines where revenue < 0"
    ).rows()
    assert [(n, q, cents(r)) for n, q, r in rows] == [("C489449", -12.0, -3540)]
