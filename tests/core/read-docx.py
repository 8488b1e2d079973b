#!/usr/bin/python3
# read-docx.py — a Word document read back by python-docx, an independent reader, as JSON for test-report-docx
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: read-docx.py FILE.docx
# Prints {"paragraphs": [{"style", "text"}], "tables": [{"rows": [[cell text]], "header_repeats": [bool per row],
# "bold_rows": [bool per row], "right_aligned": [[bool per cell]]}], "sections": [{"width", "height", ...}]}.
# Exits 77 when python-docx is not installed.

import json
import sys

try:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
except ImportError:
    print("python-docx (Debian: python3-docx) is not installed", file=sys.stderr)
    sys.exit(77)


def row_repeats(row):
    trPr = row._tr.trPr
    return trPr is not None and trPr.find(qn("w:tblHeader")) is not None


def cell_bold(cell):
    runs = [r for p in cell.paragraphs for r in p.runs if r.text.strip()]
    return bool(runs) and all(r.bold for r in runs)


def cell_right(cell):
    return any(p.alignment == WD_ALIGN_PARAGRAPH.RIGHT for p in cell.paragraphs)


def main():
    document = docx.Document(sys.argv[1])
    out = {
        "paragraphs": [{"style": p.style.name, "text": p.text} for p in document.paragraphs],
        "tables": [],
        "sections": [],
    }
    for table in document.tables:
        rows = table.rows
        out["tables"].append({
            "rows": [[c.text for c in r.cells] for r in rows],
            "header_repeats": [row_repeats(r) for r in rows],
            "bold_rows": [all(cell_bold(c) for c in r.cells if c.text.strip()) for r in rows],
            "right_aligned": [[cell_right(c) for c in r.cells] for r in rows],
        })
    for section in document.sections:
        out["sections"].append({
            "width": section.page_width.twips,
            "height": section.page_height.twips,
            "left": section.left_margin.twips,
            "top": section.top_margin.twips,
            "footer": " ".join(p._p.xml for p in section.footer.paragraphs),
        })
    styles = {}
    for style in document.styles:
        if style.type != 1:   # paragraph styles
            continue
        rpr = style.element.rPr
        fonts = rpr.find(qn("w:rFonts")) if rpr is not None else None
        ppr = style.element.pPr
        outline = ppr.find(qn("w:outlineLvl")) if ppr is not None else None
        styles[style.name] = {
            "east_asia": fonts.get(qn("w:eastAsia")) if fonts is not None else None,
            "latin": fonts.get(qn("w:ascii")) if fonts is not None else None,
            "outline": int(outline.get(qn("w:val"))) if outline is not None else None,
        }
    out["styles"] = styles
    out["title"] = document.core_properties.title
    out["created"] = document.core_properties.created.isoformat() if document.core_properties.created else None
    json.dump(out, sys.stdout, ensure_ascii=False)


main()
