"""Small exports made by hand with the header sets of the systems our users export from,
each with what importing it must give (totals computed by hand beside each file). Used by
test_systems."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

__all__ = ["EXPORTS", "Export"]


@dataclass
class Export:
    """One system's export: its file and what importing it must give."""

    name: str
    # CSV text, or {sheet: rows} for a workbook (datetime values become date cells).
    content: str | dict[str, list[list]]
    mapping: dict[str, str]
    cents: int  # revenue loaded, in cents, computed by hand
    loaded: int
    customers: int
    rejected: dict[str, int] = field(default_factory=dict)
    encoding: str = "utf-8"
    all_sheets: bool = False


# The header row of both sheets of the UCI Online Retail II workbook.
RETAIL_II_HEADER = [
    "Invoice",
    "StockCode",
    "Description",
    "Quantity",
    "InvoiceDate",
    "Price",
    "Customer ID",
    "Country",
]

EXPORTS = {
    # Fortnox, Kundfakturor exported as a list (Windows-1252, `;`, decimal comma).
    # 1000.00 + 2500.50 − 200.00 (a credit invoice) = 3300.50.
    "fortnox": Export(
        "fakturor.csv",
        "Fakturanr;Kundnr;Kundnamn;Fakturadatum;Förfallodatum;Belopp exkl. moms;Moms;"
        "Totalt;Valuta\n"
        "1001;1;Åkerlund AB;2024-01-05;2024-02-04;1 000,00;250,00;1 250,00;SEK\n"
        "1002;2;Bäckström Bygg AB;2024-01-12;2024-02-11;2 500,50;625,13;3 125,63;SEK\n"
        "1003;1;Åkerlund AB;2024-02-01;2024-03-02;-200,00;-50,00;-250,00;SEK\n",
        {
            "invoice_number": "Fakturanr",
            "customer_id": "Kundnr",
            "customer_name": "Kundnamn",
            "invoice_date": "Fakturadatum",
            "due_date": "Förfallodatum",
            "revenue": "Belopp exkl. moms",
        },
        330050,
        3,
        2,
        encoding="cp1252",
    ),
    # Fortnox invoices with the API's field names (DocumentNumber, CustomerNumber, Net,
    # Total, TotalVAT): CamelCase, point decimals. Net: 800.00 + 1200.25 = 2000.25.
    "fortnox_api": Export(
        "invoices.csv",
        "DocumentNumber,CustomerNumber,CustomerName,InvoiceDate,DueDate,Net,TotalVAT,Total,"
        "Balance,Currency\n"
        "2001,10,Nordvik AB,2024-03-01,2024-03-31,800.00,200.00,1000.00,0.00,SEK\n"
        "2002,11,Sandgren & Co,2024-03-04,2024-04-03,1200.25,300.06,1500.31,1500.31,SEK\n",
        {
            "invoice_number": "DocumentNumber",
            "customer_id": "CustomerNumber",
            "customer_name": "CustomerName",
            "invoice_date": "InvoiceDate",
            "due_date": "DueDate",
            "revenue": "Net",
        },
        200025,
        2,
        2,
    ),
    # Visma Administration, Fakturajournal exported to text: 1500.00 + 320.40 = 1820.40.
    "visma_administration": Export(
        "fakturajournal.txt",
        "Fakturanr;Kundnr;Namn;Fakturadatum;Förfallodatum;Netto;Moms;Att betala;Valuta\n"
        "5001;K100;Lindqvist El AB;2024-01-08;2024-02-07;1 500,00;375,00;1 875,00;SEK\n"
        "5002;K101;Hagberg Måleri;2024-01-09;2024-02-08;320,40;80,10;400,50;SEK\n",
        {
            "invoice_number": "Fakturanr",
            "customer_id": "Kundnr",
            "customer_name": "Namn",
            "invoice_date": "Fakturadatum",
            "revenue": "Netto",
        },
        182040,
        2,
        2,
    ),
    # Visma eEkonomi, Kundfakturor exported with the currency in the headers:
    # 4000.00 + 999.90 − 500.00 = 4499.90.
    "visma_eekonomi": Export(
        "kundfakturor.csv",
        "Fakturanummer;Kundnummer;Kundnamn;Fakturadatum;Förfallodatum;"
        "Belopp exkl. moms (SEK);Moms (SEK);Totalbelopp (SEK);Status\n"
        "12;3;Ekberg Konsult AB;2024-02-01;2024-03-02;4 000,00;1 000,00;5 000,00;Betald\n"
        "13;4;Frisk Café;2024-02-03;2024-03-04;999,90;249,98;1 249,88;Obetald\n"
        "14;3;Ekberg Konsult AB;2024-02-10;2024-03-11;-500,00;-125,00;-625,00;Betald\n",
        {
            "invoice_number": "Fakturanummer",
            "customer_id": "Kundnummer",
            "customer_name": "Kundnamn",
            "invoice_date": "Fakturadatum",
            "revenue": "Belopp exkl. moms (SEK)",
            "status": "Status",
        },
        449990,
        3,
        2,
    ),
    # Business Central, Posted Sales Invoices opened in Excel: `No.`, `Sell-to Customer
    # No.`, `Amount` (excl. VAT) and `Amount Including VAT`, posting, document and due
    # dates. 1250.00 + 310.50 = 1560.50; the invoice date is the posting date.
    "business_central": Export(
        "Posted Sales Invoices.xlsx",
        {
            "Posted Sales Invoices": [
                [
                    "No.",
                    "Sell-to Customer No.",
                    "Sell-to Customer Name",
                    "Currency Code",
                    "Due Date",
                    "Amount",
                    "Amount Including VAT",
                    "Remaining Amount",
                    "Posting Date",
                    "Document Date",
                ],
                [
                    "103001",
                    "10000",
                    "Adatum Corporation",
                    None,
                    datetime(2024, 2, 14),
                    1250.0,
                    1562.5,
                    0.0,
                    datetime(2024, 1, 15),
                    datetime(2024, 1, 14),
                ],
                [
                    "103002",
                    "20000",
                    "Trey Research",
                    None,
                    datetime(2024, 2, 20),
                    310.5,
                    388.13,
                    388.13,
                    datetime(2024, 1, 21),
                    datetime(2024, 1, 21),
                ],
            ]
        },
        {
            "invoice_number": "No.",
            "customer_id": "Sell-to Customer No.",
            "customer_name": "Sell-to Customer Name",
            "invoice_date": "Posting Date",
            "due_date": "Due Date",
            "revenue": "Amount",
        },
        156050,
        2,
        2,
    ),
    # SAP billing documents (VF05 / Manage Billing Documents) in German number style with
    # SAP's trailing minus on the credit memo: 1200.00 + 850.50 − 100.00 = 1950.50.
    "sap": Export(
        "billing_documents.csv",
        "Billing Document;Billing Type;Billing Date;Sold-to party;Name of sold-to party;"
        "Net Value;Tax Amount;Document Currency\n"
        "90000001;F2;05.01.2024;10100001;Nordic Retail AB;1.200,00;300,00;SEK\n"
        "90000002;F2;12.01.2024;10100002;Berg Handel GmbH;850,50;212,63;SEK\n"
        "90000003;G2;20.01.2024;10100001;Nordic Retail AB;100,00-;25,00-;SEK\n",
        {
            "invoice_number": "Billing Document",
            "invoice_date": "Billing Date",
            "customer_id": "Sold-to party",
            "customer_name": "Name of sold-to party",
            "revenue": "Net Value",
        },
        195050,
        3,
        2,
    ),
    # e-conomic (Danish) invoice list: dd-mm-yyyy, 1.000,00. 1000.00 + 2345.67 = 3345.67.
    "e-conomic": Export(
        "fakturaer.csv",
        "Fakturanr.;Dato;Kundenr.;Navn;Beløb ekskl. moms;Moms;Beløb inkl. moms;Valuta;"
        "Forfaldsdato\n"
        "3001;05-01-2024;101;Jensen Tømrer ApS;1.000,00;250,00;1.250,00;DKK;05-02-2024\n"
        "3002;19-01-2024;102;Møller & Søn A/S;2.345,67;586,42;2.932,09;DKK;18-02-2024\n",
        {
            "invoice_number": "Fakturanr.",
            "invoice_date": "Dato",
            "customer_id": "Kundenr.",
            "customer_name": "Navn",
            "revenue": "Beløb ekskl. moms",
            "due_date": "Forfaldsdato",
        },
        334567,
        2,
        2,
    ),
    # 24SevenOffice (Norwegian) invoice list: dd.mm.yyyy. 1000.00 + 499.50 = 1499.50.
    "24sevenoffice": Export(
        "fakturaliste.csv",
        "Fakturanr;Kundenr;Kundenavn;Fakturadato;Forfallsdato;Beløp eks. mva;Mva;"
        "Beløp inkl. mva;Valuta\n"
        "7001;2001;Haugen Bygg AS;05.01.2024;19.01.2024;1 000,00;250,00;1 250,00;NOK\n"
        "7002;2002;Fjord Fisk AS;08.01.2024;22.01.2024;499,50;124,88;624,38;NOK\n",
        {
            "invoice_number": "Fakturanr",
            "customer_id": "Kundenr",
            "customer_name": "Kundenavn",
            "invoice_date": "Fakturadato",
            "due_date": "Forfallsdato",
            "revenue": "Beløp eks. mva",
        },
        149950,
        2,
        2,
    ),
    # Shopify orders export: one row per line item; order columns (Billing Name, totals,
    # Refunded Amount) only on an order's first row. `Name` is the order number. Revenue
    # = quantity × price less the refunded amount: 2 × 199 + 99 (order #1001)
    # + 499 − 499 (#1002, refunded) + 3 × 49 − 49 (#1003, partly refunded) = 595.00.
    "shopify": Export(
        "orders_export_1.csv",
        "Name,Email,Financial Status,Paid at,Fulfillment Status,Fulfilled at,"
        "Accepts Marketing,Currency,Subtotal,Shipping,Taxes,Total,Discount Code,"
        "Discount Amount,Shipping Method,Created at,Lineitem quantity,Lineitem name,"
        "Lineitem price,Lineitem compare at price,Lineitem sku,Lineitem requires shipping,"
        "Lineitem taxable,Lineitem fulfillment status,Billing Name,Billing City,"
        "Billing Country,Refunded Amount,Vendor,Id\n"
        "#1001,anna@example.com,paid,2024-01-10 10:01:00 +0100,fulfilled,"
        "2024-01-11 09:00:00 +0100,no,SEK,497.00,49.00,109.20,546.00,,0.00,PostNord,"
        "2024-01-10 10:00:00 +0100,2,T-shirt,199.00,,TS-1,true,true,fulfilled,"
        "Anna Svensson,Umeå,SE,0.00,Nordic Tees,5001\n"
        "#1001,anna@example.com,paid,,,,,,,,,,,,,2024-01-10 10:00:00 +0100,1,Mugg,99.00,,MG-1,"
        "true,true,fulfilled,,,,,Nordic Tees,\n"
        "#1002,bo@example.com,refunded,2024-01-11 12:31:00 +0100,unfulfilled,,yes,SEK,"
        "499.00,0.00,99.80,499.00,,0.00,,2024-01-11 12:30:00 +0100,1,Hoodie,499.00,,HD-1,"
        "true,true,pending,Bo Ek,Luleå,SE,499.00,Nordic Tees,5002\n"
        "#1003,anna@example.com,partially_refunded,2024-01-20 08:00:00 +0100,fulfilled,"
        "2024-01-21 08:00:00 +0100,no,SEK,147.00,0.00,29.40,147.00,,0.00,,"
        "2024-01-20 07:59:00 +0100,3,Strumpor,49.00,,ST-1,true,true,fulfilled,"
        "Anna Svensson,Umeå,SE,49.00,Nordic Tees,5003\n",
        {
            "invoice_number": "Name",
            "customer_id": "Email",
            "customer_name": "Billing Name",
            "invoice_date": "Created at",
            "quantity": "Lineitem quantity",
            "unit_price": "Lineitem price",
            "refunded": "Refunded Amount",
        },
        59500,
        4,
        2,
    ),
    # Stripe, Payments → Export (unified payments, default columns): a refunded charge
    # counts net of `Amount Refunded`, a failed one is no sale. 100.00 + (250.00 − 250.00)
    # + (80.00 − 30.00) = 150.00 loaded; the failed 500.00 is rejected.
    "stripe": Export(
        "unified_payments.csv",
        "id,Description,Seller Message,Created date (UTC),Amount,Amount Refunded,Currency,"
        "Converted Amount,Converted Amount Refunded,Fee,Tax,Converted Currency,Mode,Status,"
        "Statement Descriptor,Customer ID,Customer Description,Customer Email,Captured,"
        "Card ID,Card Last4,Card Brand,Card Funding,Card Exp Month,Card Exp Year,Card Name,"
        "Card Issue Country,Disputed Amount,Dispute Status,Invoice ID,Invoice Number,"
        "PaymentIntent ID\n"
        "ch_3Oa1,Abonnemang januari,Payment complete.,2024-01-05 09:12:00,100.00,0.00,sek,"
        "100.00,0.00,3.25,0.00,sek,Live,Paid,KUNDFOKUS,cus_PA1,Alfa AB,ekonomi@alfa.example,"
        "true,card_1,4242,Visa,credit,12,2027,Alfa AB,SE,,,in_1,A1B2-0001,pi_1\n"
        "ch_3Oa2,Licens,Payment complete.,2024-01-06 14:00:00,250.00,250.00,sek,250.00,"
        "250.00,5.75,0.00,sek,Live,Refunded,KUNDFOKUS,cus_PB2,Beta AB,info@beta.example,"
        "true,card_2,4444,Mastercard,debit,1,2026,Beta AB,SE,,,in_2,A1B2-0002,pi_2\n"
        "ch_3Oa3,Tillägg,Payment complete.,2024-01-07 08:30:00,80.00,30.00,sek,80.00,30.00,"
        "2.60,0.00,sek,Live,Paid,KUNDFOKUS,cus_PA1,Alfa AB,ekonomi@alfa.example,true,card_1,"
        "4242,Visa,credit,12,2027,Alfa AB,SE,,,in_3,A1B2-0003,pi_3\n"
        "ch_3Oa4,Abonnemang februari,Your card was declined.,2024-01-08 10:00:00,500.00,"
        "0.00,sek,500.00,0.00,0.00,0.00,sek,Live,Failed,KUNDFOKUS,cus_PA1,Alfa AB,"
        "ekonomi@alfa.example,false,card_1,4242,Visa,credit,12,2027,Alfa AB,SE,,,,,pi_4\n",
        {
            "invoice_date": "Created date (UTC)",
            "customer_id": "Customer ID",
            "customer_name": "Customer Description",
            "revenue": "Amount",
            "refunded": "Amount Refunded",
            "status": "Status",
        },
        15000,
        3,
        2,
        rejected={"not_a_sale": 1},
    ),
    # WooCommerce Analytics → Orders → Download: a refund is its own row with a
    # negative net sale; failed and cancelled orders are no sales.
    # 398.00 + 99.00 − 99.00 + 137.70 = 535.70.
    "woocommerce": Export(
        "wc-orders-report-export.csv",
        "Date,Order #,Status,Customer,Customer type,Product(s),Items sold,Coupon(s),"
        "Net Sales,Attribution\n"
        "2024-01-05 10:00:00,1001,Completed,Anna Svensson,new,T-shirt,2,,398.00,Direct\n"
        "2024-01-06 11:00:00,1002,Failed,Bo Ek,new,Hoodie,1,,499.00,Direct\n"
        "2024-01-07 12:00:00,1003,Completed,Bo Ek,new,Mugg,1,,99.00,Direct\n"
        "2024-01-08 09:00:00,1003,Refunded,Bo Ek,returning,Mugg,-1,,-99.00,Direct\n"
        '2024-01-09 09:00:00,1004,Processing,Anna Svensson,returning,"Strumpor, Mugg",3,'
        "sale10,137.70,Organic\n"
        "2024-01-10 16:00:00,1005,Cancelled,Cecilia Berg,new,Mössa,1,,59.00,Direct\n",
        {
            "invoice_number": "Order #",
            "invoice_date": "Date",
            "customer_name": "Customer",
            "quantity": "Items sold",
            "product": "Product(s)",
            "revenue": "Net Sales",
            "status": "Status",
        },
        53570,
        4,
        2,
        rejected={"not_a_sale": 2},
    ),
    # UCI Online Retail II workbook: two sheets with the same header, InvoiceDate as date
    # cells, Customer ID as numbers, invoices starting with C are cancellations with a
    # negative quantity. Revenue = Quantity × Price: 12 × 6.95 + 12 × 6.75 − 12 × 2.95
    # + 10 × 1.95 = 83.40 + 81.00 − 35.40 + 19.50 = 148.50; the line without a customer
    # (4 × 4.25) is rejected.
    "online_retail_ii": Export(
        "online_retail_II.xlsx",
        {
            "Year 2009-2010": [
                RETAIL_II_HEADER,
                [
                    "489434",
                    "85048",
                    "15CM CHRISTMAS GLASS BALL 20 LIGHTS",
                    12,
                    datetime(2009, 12, 1, 7, 45),
                    6.95,
                    13085,
                    "United Kingdom",
                ],
                [
                    "489434",
                    "79323P",
                    "PINK CHERRY LIGHTS",
                    12,
                    datetime(2009, 12, 1, 7, 45),
                    6.75,
                    13085,
                    "United Kingdom",
                ],
                [
                    "C489449",
                    "22087",
                    "PAPER BUNTING WHITE LACE",
                    -12,
                    datetime(2009, 12, 1, 10, 33),
                    2.95,
                    16321,
                    "Australia",
                ],
                [
                    "489436",
                    "22139",
                    "RETRO SPOT TEA SET CERAMIC 11 PC",
                    4,
                    datetime(2009, 12, 1, 9, 6),
                    4.25,
                    None,
                    "United Kingdom",
                ],
            ],
            "Year 2010-2011": [
                RETAIL_II_HEADER,
                [
                    "539993",
                    "22386",
                    "JUMBO BAG PINK POLKADOT",
                    10,
                    datetime(2011, 1, 4, 10, 0),
                    1.95,
                    13313,
                    "United Kingdom",
                ],
            ],
        },
        {
            "invoice_number": "Invoice",
            "invoice_date": "InvoiceDate",
            "customer_id": "Customer ID",
            "quantity": "Quantity",
            "unit_price": "Price",
            "product": "Description",
            "region": "Country",
        },
        14850,
        4,
        3,
        rejected={"missing_customer": 1},
        all_sheets=True,
    ),
    # The same workbook saved as CSV (as it is often shared): timestamps as text.
    # 3 × 2.10 − 1 × 2.10 = 4.20.
    "online_retail_ii_csv": Export(
        "online_retail_II.csv",
        "Invoice,StockCode,Description,Quantity,InvoiceDate,Price,Customer ID,Country\n"
        "489434,85048,15CM CHRISTMAS GLASS BALL 20 LIGHTS,3,2009-12-01 07:45:00,2.10,13085.0,"
        "United Kingdom\n"
        "C489449,85048,15CM CHRISTMAS GLASS BALL 20 LIGHTS,-1,2009-12-01 10:33:00,2.10,"
        "13085.0,United Kingdom\n",
        {
            "invoice_number": "Invoice",
            "invoice_date": "InvoiceDate",
            "customer_id": "Customer ID",
            "quantity": "Quantity",
            "unit_price": "Price",
        },
        420,
        2,
        1,
    ),
    # The first UCI Online Retail data set: InvoiceNo, CustomerID, UnitPrice and US
    # dates (m/d/yyyy h:mm; 12/13/2010 decides month first). 6 × 2.55 + 2 × 3.39 = 22.08.
    "online_retail": Export(
        "Online Retail.csv",
        "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
        "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,12/1/2010 8:26,2.55,17850,"
        "United Kingdom\n"
        "536366,22633,HAND WARMER UNION JACK,2,12/13/2010 8:28,3.39,17851,United Kingdom\n",
        {
            "invoice_number": "InvoiceNo",
            "invoice_date": "InvoiceDate",
            "customer_id": "CustomerID",
            "quantity": "Quantity",
            "unit_price": "UnitPrice",
        },
        2208,
        2,
        2,
    ),
}
