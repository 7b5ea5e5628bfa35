"""Plan files of every format, made in the test that needs them: Word documents with python-docx,
Excel workbooks with openpyxl, PDFs with a text layer rendered by WeasyPrint (Noto CJK), saved web pages, and the bad files a
bureau may bring by mistake."""

from __future__ import annotations

import base64
import io
import zipfile
from collections.abc import Sequence

PLAN_LINES = (
    "营口市教育局2025年工作要点",
    "营教发〔2025〕3号",
    "一、提升学生体质健康水平",
    "1.落实每日校内体育活动不少于1小时要求，开足开齐体育与健康课程。",
    "2.各学校每学期至少组织2次应急疏散演练，并做好记录。",
    "二、加强教师队伍建设",
    "3.各学校教师交流轮岗的比例不低于符合交流条件教师总数的10%。",
    "4.严禁中小学校违规组织有偿补课。",
)


def docx_bytes(
    lines: Sequence[str] = PLAN_LINES,
    table: Sequence[Sequence[str]] = (),
    numbered: Sequence[str] = (),
    chinese_numbered: Sequence[str] = (),
    title: str | None = None,
) -> bytes:
    """A Word document: the lines as paragraphs, then a table, then paragraphs Word numbers
    itself (1. 2. …), then paragraphs numbered 一、二、… by a Chinese list format."""
    import docx

    document = docx.Document()
    if title is not None:
        document.core_properties.title = title
    for line in lines:
        document.add_paragraph(line)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    for line in numbered:
        document.add_paragraph(line, style="List Number")
    if chinese_numbered:
        num_id = _chinese_list(document)
        for line in chinese_numbered:
            paragraph = document.add_paragraph(line)
            p_pr = paragraph._p.get_or_add_pPr()
            num_pr = p_pr._add_numPr()
            num_pr._add_ilvl().val = 0
            num_pr._add_numId().val = num_id
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _chinese_list(document: object) -> int:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    numbering = document.part.numbering_part.element  # type: ignore[attr-defined]
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        '<w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl></w:abstractNum>'
    )
    numbering.insert(0, abstract)
    num = parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>')
    numbering.append(num)
    return 90


def pdf_bytes(lines: Sequence[str] = PLAN_LINES, *, width: str = "auto") -> bytes:
    """A PDF with a text layer, one paragraph per line (Noto CJK via fontconfig)."""
    from weasyprint import HTML

    body = "".join(f"<p>{line}</p>" for line in lines)
    html = (
        "<html><head><meta charset='utf-8'><style>@page { size: A4; margin: 2cm;"
        " @bottom-center { content: '- ' counter(page) ' -' } }"
        f" body {{ font-family: 'Noto Sans CJK SC'; font-size: 12pt; width: {width} }}"
        " p { margin: 0 0 6pt 0 }</style></head>"
        f"<body>{body}</body></html>"
    )
    return bytes(HTML(string=html).write_pdf())


def table_pdf_bytes(title: str, rows: Sequence[Sequence[str]], *, after: str = "") -> bytes:
    """A PDF whose page holds a ruled table, the first row its header: its text layer gives each row on a line, the
    cells apart by spaces, as a bureau's standards printed to PDF do."""
    from weasyprint import HTML

    head, *body = rows
    cells = "<tr>" + "".join(f"<th>{c}</th>" for c in head) + "</tr>" + "".join(
        "<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in body
    )
    html = (
        "<html><head><meta charset='utf-8'><style>body { font-family: 'Noto Sans CJK SC'; font-size: 12pt }"
        " td, th { border: 1px solid #000; padding: 4px }</style></head>"
        f"<body><p>{title}</p><table>{cells}</table><p>{after}</p></body></html>"
    )
    return bytes(HTML(string=html).write_pdf())


def xlsx_bytes(
    sheets: dict[str, Sequence[Sequence[object]]],
    *,
    merges: dict[str, Sequence[str]] | None = None,
    formats: dict[str, dict[str, str]] | None = None,
    hidden_sheets: Sequence[str] = (),
    hidden_rows: dict[str, Sequence[int]] | None = None,
    hidden_columns: dict[str, Sequence[str]] | None = None,
) -> bytes:
    """An Excel workbook of the given sheets (name → rows), as a bureau saves its 评估细则: cells merged
    ("A1:E1"), number formats by cell ("D3": "0%"), hidden sheets, rows and columns."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(list(row))
        for cells in (merges or {}).get(name, ()):
            sheet.merge_cells(cells)
        for cell, number_format in (formats or {}).get(name, {}).items():
            sheet[cell].number_format = number_format
        for row_number in (hidden_rows or {}).get(name, ()):
            sheet.row_dimensions[row_number].hidden = True
        for letter in (hidden_columns or {}).get(name, ()):
            sheet.column_dimensions[letter].hidden = True
        if name in hidden_sheets:
            sheet.sheet_state = "hidden"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def image_pdf_bytes() -> bytes:
    """A PDF of a picture only: what a scanner makes."""
    from PIL import Image
    from weasyprint import HTML

    picture = io.BytesIO()
    Image.new("RGB", (400, 300), "white").save(picture, "PNG")
    data = base64.b64encode(picture.getvalue()).decode()
    return bytes(HTML(string=f"<html><body><img src='data:image/png;base64,{data}'></body></html>").write_pdf())


def encrypted_pdf_bytes(user_password: str = "secret") -> bytes:
    import pikepdf

    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(pdf_bytes())) as pdf:
        pdf.save(out, encryption=pikepdf.Encryption(user=user_password, owner="owner", R=6))
    return out.getvalue()


def html_page(body: str, *, charset: str | None = "utf-8", title: str = "工作要点") -> str:
    meta = f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">' if charset else ""
    return f"<!DOCTYPE html><html><head>{meta}<title>{title}</title></head><body>{body}</body></html>"


def zip_bytes(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


LEGACY_DOC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + "营口市教育局".encode("utf-16-le") * 50
