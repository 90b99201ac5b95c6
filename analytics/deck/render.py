"""The deck as a file: slides of one title, one sentence (also in the speaker notes) and a
picture, a table or bullets, on a 16:9 page; document properties without customer data."""

from __future__ import annotations

import io
from dataclasses import dataclass

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Emu, Inches, Pt

from analytics.deck.charts import COLOURS
from locales import plain

__all__ = ["Slide", "render"]


@dataclass
class Slide:
    title: str
    sentence: str
    subtitle: str = ""
    picture: bytes | None = None
    table: list[list[str]] | None = None
    widths: tuple[float, ...] = ()
    bullets: tuple[str, ...] = ()


def render(slides: list[Slide], *, dataset: str, language: str) -> bytes:
    accent = RGBColor.from_string(COLOURS["A"][1:])
    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(13.333), Inches(7.5)
    blank = deck.slide_layouts[6]

    for number, item in enumerate(slides):
        slide = deck.slides.add_slide(blank)
        if number == 0:
            _text_box(slide, (0.8, 2.2, 11.7, 1.4), item.title, size=44, colour=accent)
            _text_box(slide, (0.8, 3.8, 11.7, 1.6), item.subtitle, size=24, bold=False)
        else:
            _text_box(slide, (0.5, 0.3, 12.3, 0.9), item.title, size=32, colour=accent)
            body_top = Inches(1.25)
            if item.picture is not None:
                picture = slide.shapes.add_picture(
                    io.BytesIO(item.picture), Inches(0.5), body_top, width=Inches(12.3)
                )
                picture._element.nvPicPr.cNvPr.set("descr", item.sentence)
                picture.name = item.title
            if item.table is not None:
                _table(slide, item, top=body_top)
            if item.bullets:
                bullets = "\n".join(f"• {b}" for b in item.bullets)
                frame = _text_box(slide, (0.8, 1.25, 11.7, 4.8), bullets, size=22, bold=False)
                for paragraph in frame.paragraphs:
                    paragraph.space_after = Pt(10)
            _text_box(slide, (0.5, 6.4, 12.3, 1.0), item.sentence, size=18)
        slide.notes_slide.notes_text_frame.text = item.sentence
    props = deck.core_properties
    props.title = f"Kundfokus – {dataset}"
    props.subject = plain("deck.title", lang=language)
    props.author = props.last_modified_by = "Kundfokus"
    props.keywords = props.comments = props.category = ""
    props.language = "sv-SE" if language == "sv" else "en-GB"
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()


def _text_box(
    slide, box: tuple[float, float, float, float], text: str, *, size: int, **style
) -> object:
    """A text box at `box` (left, top, width, height in inches), one paragraph per line;
    bold and in ink unless `bold`/`colour` say otherwise."""
    left, top, width, height = (Inches(v) for v in box)
    frame = slide.shapes.add_textbox(left, top, width, height).text_frame
    frame.word_wrap = True
    colour = style.get("colour") or RGBColor.from_string(COLOURS["ink"][1:])
    for index, line in enumerate(text.split("\n")):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        run = paragraph.add_run()
        run.text = line
        run.font.size, run.font.bold = Pt(size), style.get("bold", True)
        run.font.color.rgb = colour
    return frame


def _table(slide, item: Slide, *, top: int) -> None:
    """The slide's table below its title: the first row bold, small type for long ones."""
    ink = RGBColor.from_string(COLOURS["ink"][1:])
    pt, inches = Pt, Inches
    rows = item.table
    size = 11 if len(rows) > 12 else 16
    row_height = inches(0.31) if len(rows) > 12 else inches(0.45)
    shape = slide.shapes.add_table(
        len(rows), len(rows[0]), inches(0.5), top, inches(sum(item.widths)), row_height * len(rows)
    )
    table = shape.table
    for column, width in enumerate(item.widths):
        table.columns[column].width = Emu(int(inches(width)))
    for r, values in enumerate(rows):
        table.rows[r].height = row_height
        for c, value in enumerate(values):
            cell = table.cell(r, c)
            cell.text = value
            for paragraph in cell.text_frame.paragraphs:
                for run in paragraph.runs:
                    run.font.size = pt(size)
                    run.font.bold = r == 0
                    if r:
                        run.font.color.rgb = ink
            cell.margin_top = cell.margin_bottom = pt(2)
