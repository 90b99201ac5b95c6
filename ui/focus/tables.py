"""The focus list as a table and as files: the rows shown, their column names, and the
Excel workbook and CSV file a team downloads. Plain functions of (data, options,
language): `masked` leaves out customer numbers (a number can be looked up) while names
are masked; amounts name their `currency` in the header (`Omsättning (SEK)`).
"""

from __future__ import annotations

import polars as pl

from analytics.export import to_csv_bytes, to_excel_bytes
from analytics.metrics import Period
from analytics.scoring import CRITERIA, weight_shares
from locales import plain
from locales.formats import vega_locale
from ui.elements import money_labels

__all__ = [
    "SHOWN_ORDER",
    "active_criteria",
    "export_frame",
    "focus_csv",
    "focus_labels",
    "focus_rows",
    "focus_workbook",
    "weights_frame",
]

# A criterion's points in the scored frame are in the column `contrib_<key>`.
_CONTRIB = "contrib_"


def active_criteria(scored: pl.DataFrame) -> list[str]:
    """The criteria with a weight in `scored` (those with a `contrib_<key>` column)."""
    return [c.key for c in CRITERIA if f"{_CONTRIB}{c.key}" in scored.columns]


def _top(scored: pl.DataFrame, *columns: str | pl.Expr, top: int, masked: bool) -> pl.DataFrame:
    """The top `top` rows of the list: rank, tier, the customer's number (left out while
    `masked`) and name, then `columns`."""
    frame = scored.head(top).select("rank", "tier", "customer_id", "customer_name", *columns)
    return frame.drop("customer_id") if masked else frame


def focus_rows(scored: pl.DataFrame, *, top: int, masked: bool, lang: str) -> pl.DataFrame:
    """The top `top` rows of the list as shown: rank, tier, customer, score (1 decimal),
    the contributions as a list (for a bar column, in `active_criteria` order), revenue,
    gross margin, margin % (1 decimal), `assessed` (share of the score on known values,
    %), and `not_assessed` (the names of the criteria without a value, in `lang`)."""
    active = active_criteria(scored)
    return _top(
        scored,
        pl.col("score").round(1),
        pl.concat_list(pl.col(f"contrib_{k}").round(2) for k in active).alias("contributions"),
        "revenue",
        "gross_margin",
        pl.col("margin_pct").round(1),
        (pl.col("assessed") * 100).round(0).alias("assessed"),
        pl.concat_str(
            [
                pl.when(pl.col(f"norm_{k}").is_null()).then(
                    pl.lit(plain(f"criterion.{k}", lang=lang))
                )
                for k in active
            ],
            separator=", ",
            ignore_nulls=True,
        ).alias("not_assessed"),
        top=top,
        masked=masked,
    )


# The order the list shows its columns in: who and the main numbers first, so that they
# stay in sight when the list sits beside the sliders (the rest scrolls sideways).
SHOWN_ORDER = (
    "rank",
    "tier",
    "customer_name",
    "score",
    "revenue",
    "gross_margin",
    "margin_pct",
    "contributions",
    "customer_id",
    "assessed",
    "not_assessed",
)
# The list's columns and the catalog key of each header.
_FOCUS_COLUMNS: dict[str, str] = {
    "rank": "focus.col.rank",
    "tier": "focus.col.tier",
    "customer_id": "field.customer_id",
    "customer_name": "field.customer_name",
    "score": "focus.col.score",
    "revenue": "criterion.revenue",
    "gross_margin": "criterion.gross_margin",
    "margin_pct": "criterion.margin_pct",
}


def focus_labels(*, currency: str, lang: str) -> dict[str, str]:
    """Column names of the list's columns in `lang`; amounts with their currency."""
    return money_labels(_FOCUS_COLUMNS, ("revenue", "gross_margin"), currency=currency, lang=lang)


def export_frame(
    scored: pl.DataFrame, *, top: int, masked: bool, currency: str, lang: str
) -> pl.DataFrame:
    """The top `top` rows for a file: named columns in `lang`, score, margin % and each
    criterion's points (`Poäng: Omsättning`) to 2 decimals."""
    contrib = [c for c in scored.columns if c.startswith(_CONTRIB)]
    frame = _top(
        scored,
        pl.col("score").round(2),
        "revenue",
        "gross_margin",
        pl.col("margin_pct").round(2),
        *[pl.col(c).round(2) for c in contrib],
        top=top,
        masked=masked,
    )
    points = plain("focus.col.points", lang=lang)
    names = {
        c: f"{points}: {plain(f'criterion.{c.removeprefix(_CONTRIB)}', lang=lang)}" for c in contrib
    }
    return frame.rename(focus_labels(currency=currency, lang=lang) | names, strict=False)


def weights_frame(weights: dict[str, float], *, lang: str) -> pl.DataFrame:
    """One row per criterion: its name, weight and share of the score in % (1 decimal)."""
    shares = weight_shares(weights)
    return pl.DataFrame(
        {
            plain("focus.col.criterion", lang=lang): [
                plain(f"criterion.{k}", lang=lang) for k in weights
            ],
            plain("focus.col.weight", lang=lang): [float(w) for w in weights.values()],
            plain("focus.col.share", lang=lang): [round(shares[k] * 100, 1) for k in weights],
        }
    )


def _about(period: Period, weights: dict[str, float], *, lang: str) -> str:
    """`Kundfokus fokuslista, period 2025-01-01 – 2025-12-31. Vikter: Omsättning=20 · …`:
    what a downloaded list was made from (the weights that are not zero)."""
    span = f"{period.start.isoformat()} – {period.end.isoformat()}"
    used = " · ".join(
        f"{plain(f'criterion.{k}', lang=lang)}={w:g}" for k, w in weights.items() if w
    )
    return f"{plain('focus.export_about', lang=lang, period=span)} {used}"


def focus_workbook(
    frame: pl.DataFrame, weights: dict[str, float], *, period: Period, lang: str
) -> bytes:
    """The Excel file: the list (`export_frame`), the weights, and a sheet about the list."""
    about = _about(period, weights, lang=lang)
    return to_excel_bytes(
        {
            plain("focus.sheet.list", lang=lang): frame,
            plain("focus.sheet.weights", lang=lang): weights_frame(weights, lang=lang),
            plain("focus.sheet.about", lang=lang): pl.DataFrame(
                {plain("focus.col.about", lang=lang): [about]}
            ),
        }
    )


def focus_csv(
    frame: pl.DataFrame, weights: dict[str, float], *, period: Period, lang: str
) -> bytes:
    """The CSV file: a `#` line with the period and the weights, then the list. Fields
    are separated by `;` where the language writes decimals with a comma, else `,`."""
    separator = ";" if vega_locale(lang)["number"]["decimal"] == "," else ","
    csv = to_csv_bytes(frame, separator=separator)
    header = f"# {_about(period, weights, lang=lang)}\n".encode()
    # After the byte-order mark, so that Excel still reads the file as UTF-8.
    return csv[:3] + header + csv[3:]
