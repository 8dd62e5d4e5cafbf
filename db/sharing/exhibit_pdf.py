"""The exhibit summary as a PDF (fpdf2): a title, the package's table, the resident's
statement, a table per excerpt, page numbers; hashes in a monospace font, broken across
lines where they do not fit.

The text is set in DejaVu Sans and DejaVu Sans Mono, shipped in resources/fonts (their
licence beside them), so names, an agency or a statement in any script DejaVu covers
print as written. A character those fonts do not hold (Chinese, Japanese, Korean and
some other scripts: a font covering them would weigh more than the app) is printed as
"?" and the PDF says so under its title, pointing at exhibit-summary.txt, which holds
the text as written. Should the fonts be missing (a broken install), fpdf2's core fonts
are used, which hold Latin-1 only, under the same rule.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from db.sharing.exhibit import Exhibit, Section

if TYPE_CHECKING:
    from fpdf import FPDF

FONT_FILES = {
    "sans": "DejaVuSans.ttf",
    "sans-bold": "DejaVuSans-Bold.ttf",
    "mono": "DejaVuSansMono.ttf",
}
REPLACED_NOTE = (
    "Characters this PDF's fonts cannot show are printed as '?'; "
    "exhibit-summary.txt holds the text as written."
)
LABEL_SHARE = 0.34  # of the table's width, for the labels


@dataclass(frozen=True)
class _Fonts:
    body: str
    mono: str
    shows: Callable[[str], bool]  # whether the fonts hold a character

    def fix(self, text: str) -> str:
        """``text`` with each character the fonts cannot show as "?"."""
        return "".join(c if c in "\n\t" or self.shows(c) else "?" for c in text)


def fonts_dir() -> Path | None:
    """resources/fonts beside db/ (a checkout) or db/resources/fonts (a wheel); None
    when the fonts are not there."""
    here = Path(__file__).resolve().parents[1]
    for candidate in (here.parent / "resources" / "fonts", here / "resources" / "fonts"):
        if all((candidate / name).is_file() for name in FONT_FILES.values()):
            return candidate
    return None


def _latin1(char: str) -> bool:
    return ord(char) < 256


def _document(folder: Path | None) -> tuple[FPDF, _Fonts]:
    from fpdf import FPDF

    held: set[int] = set()
    fonts = _Fonts("helvetica", "courier", _latin1)
    if folder is not None:
        fonts = _Fonts("sans", "mono", lambda char: ord(char) in held)

    class _Pdf(FPDF):
        def footer(self) -> None:
            self.set_y(-12)
            self.set_font(fonts.body, size=8)
            self.cell(0, 6, f"Page {self.page_no()} of {{nb}}", align="C")

    pdf = _Pdf(format="A4")
    pdf.set_creator("Doorstep")
    pdf.set_title("Exhibit summary")
    pdf.set_auto_page_break(auto=True, margin=16)
    pdf.set_margins(16, 16, 16)
    if folder is not None:
        pdf.add_font("sans", "", str(folder / FONT_FILES["sans"]))
        pdf.add_font("sans", "B", str(folder / FONT_FILES["sans-bold"]))
        pdf.add_font("mono", "", str(folder / FONT_FILES["mono"]))
        # what both faces of the text font hold (hashes, in the mono font, are ASCII)
        regular, bold = (getattr(pdf.fonts[key], "cmap", {}) for key in ("sans", "sansB"))
        held.update(set(regular) & set(bold))
    return pdf, fonts


def _texts(part: Exhibit) -> list[str]:
    texts = [part.title, part.checking, part.statement or ""]
    for section in [part.package, *part.excerpts]:
        texts.append(section.title)
        texts += [text for row in section.rows for text in (row.label, row.value)]
    return texts


def _table(pdf: FPDF, fonts: _Fonts, section: Section) -> None:
    from fpdf.enums import TableCellFillMode, WrapMode
    from fpdf.fonts import FontFace

    pdf.set_font(fonts.body, "B", 12)
    pdf.cell(0, 8, fonts.fix(section.title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(fonts.body, size=9)
    label_w = pdf.epw * LABEL_SHARE
    mono = FontFace(family=fonts.mono, size_pt=8)
    label = FontFace(emphasis="BOLD")
    with pdf.table(
        col_widths=(label_w, pdf.epw - label_w),
        first_row_as_headings=False,
        cell_fill_color=(240, 240, 240),
        cell_fill_mode=TableCellFillMode.ROWS,
        line_height=4.6,
        padding=1.2,
        wrapmode=WrapMode.WORD,
        text_align="LEFT",
    ) as table:
        for row in section.rows:
            cells = table.row()
            cells.cell(fonts.fix(row.label), style=label)
            cells.cell(fonts.fix(row.value), style=mono if row.mono else None)
    pdf.ln(4)


def exhibit_pdf(part: Exhibit) -> bytes:
    """The summary as PDF bytes."""
    pdf, fonts = _document(fonts_dir())
    pdf.alias_nb_pages()
    pdf.add_page()
    pdf.set_font(fonts.body, "B", 15)
    pdf.multi_cell(0, 8, fonts.fix(part.title), new_x="LMARGIN", new_y="NEXT")
    if any(fonts.fix(text) != text for text in _texts(part)):
        pdf.set_font(fonts.body, size=8)
        pdf.multi_cell(0, 4, REPLACED_NOTE, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    _table(pdf, fonts, part.package)
    pdf.set_font(fonts.body, "B", 12)
    pdf.cell(0, 8, "The resident's statement", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(fonts.body, size=10)
    text = part.statement.strip() if part.statement is not None else "(none given)"
    pdf.multi_cell(0, 5, fonts.fix(text), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    for section in part.excerpts:
        _table(pdf, fonts, section)
    pdf.set_font(fonts.body, size=8)
    pdf.multi_cell(0, 4, fonts.fix(part.checking), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
