#!/usr/bin/env python3
# make-sheet.py — spreadsheets for the sheet tests: written by openpyxl, or by hand for hostile ones
#
# SPDX-License-Identifier: GPL-3.0-or-later
import datetime
import sys
import zipfile

CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8"?>'
                 '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                 '<Default Extension="xml" ContentType="application/xml"/></Types>')
WORKBOOK = ('<?xml version="1.0" encoding="UTF-8"?>'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>')
RELS = ('<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
        'Target="worksheets/sheet1.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
        'Target="sharedStrings.xml"/></Relationships>')
SHEET_HEAD = ('<?xml version="1.0" encoding="UTF-8"?>'
              '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')


def hand_made(path, sheet, strings=None, sheet_stream=None):
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('[Content_Types].xml', CONTENT_TYPES)
        z.writestr('xl/workbook.xml', WORKBOOK)
        z.writestr('xl/_rels/workbook.xml.rels', RELS)
        if strings is not None:
            with z.open('xl/sharedStrings.xml', 'w') as f:
                for chunk in strings:
                    f.write(chunk)
        if sheet_stream is not None:
            with z.open('xl/worksheets/sheet1.xml', 'w') as f:
                for chunk in sheet_stream:
                    f.write(chunk)
        else:
            z.writestr('xl/worksheets/sheet1.xml', sheet)


def basic(path):
    """A title row, a merged header over two rows, dates, numbers as text, gaps and empty rows."""
    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = '资源清单'
    ws['A1'] = '示范项目 资源清单'
    ws.merge_cells('A1:E1')
    ws['A3'] = '资源名称'
    ws.merge_cells('A3:A4')
    ws['B3'] = '作者'
    ws['C3'] = '资源编号'
    ws['D3'] = '日期'
    ws['E3'] = '数'
    ws['A5'] = '第一课'
    ws['B5'] = '张三，李四'
    ws['C5'] = '00123'               # a number stored as text keeps its zeros
    ws['D5'] = datetime.date(2024, 3, 1)
    ws['E5'] = 2.0
    ws['A7'] = '第二课'              # row 6 is empty
    ws['C7'] = 'x'
    ws['E7'] = 2.5
    ws['F7'] = True
    ws['D8'] = datetime.datetime(1999, 12, 31, 13, 30)
    ws['A9'] = '  '
    wb.create_sheet('其他')['A1'] = 'other'
    wb.save(path)


def strings(path, n):
    def gen():
        yield (b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/'
               b'spreadsheetml/2006/main">')
        chunk = b''.join(b'<si><t>s%d</t></si>' % i for i in range(1000))
        for _ in range(n // 1000):
            yield chunk
        yield b'</sst>'
    hand_made(path, SHEET_HEAD + '<row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>', gen())


def bomb(path, mib):
    def gen():
        yield (SHEET_HEAD + '<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c></row>').encode()
        blank = b' ' * (1024 * 1024)
        for _ in range(mib):
            yield blank
        yield b'</sheetData></worksheet>'
    hand_made(path, None, sheet_stream=gen())


def doctype(path):
    sheet = ('<?xml version="1.0" encoding="UTF-8"?>'
             '<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
             '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>'
             '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
             '<row r="1"><c r="A1" t="inlineStr"><is><t>&d;</t></is></c></row></sheetData></worksheet>')
    hand_made(path, sheet)


def badref(path):
    hand_made(path, SHEET_HEAD + '<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c></row>'
              '<row r="1048577"><c r="XFD1048577"><v>1</v></c></row></sheetData></worksheet>')


def hidden(path):
    """Rows whose text looks like the end of the rows and like merged cells (in a comment, a CDATA
    section, a processing instruction, an attribute), with the elements under a namespace prefix,
    over several lines: only the real merged cells after the rows count."""
    ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
    sheet = ('<?xml version="1.0" encoding="UTF-8"?>\n'
             '<x:worksheet xmlns:x="%s">\n<x:sheetData>\n'
             '<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>标题</x:t></x:is></x:c></x:row>\n'
             '<!-- </x:sheetData><x:mergeCells><x:mergeCell ref="A1:C1"/></x:mergeCells> -->\n'
             '<x:row r="2" x:note="a > b \'/>\'"><x:c r="A2" t="inlineStr"><x:is><x:t>'
             '<![CDATA[</x:sheetData><x:mergeCell ref="A3:C3"/>]]></x:t></x:is></x:c></x:row>\n'
             '<?keep </x:sheetData> ?>\n'
             '<x:mergeCell ref="A3:D3"/><x:sheetData><x:mergeCell ref="A3:E3"/></x:sheetData><x:sheetData/>\n'
             '<x:row r="3"><x:c r="A3" t="inlineStr"><x:is><x:t>合并</x:t></x:is></x:c></x:row>\n'
             '</x:sheetData >\n'
             '<x:mergeCells count="1"><x:mergeCell ref="A3:B3"/></x:mergeCells>\n'
             '</x:worksheet>\n') % ns
    hand_made(path, sheet)


def bad_tail(path):
    """Rows over four lines, then merged cells that are not well-formed on line 7."""
    hand_made(path, SHEET_HEAD + '\n<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c></row>\n'
              '<row r="2"><c r="A2" t="inlineStr"><is><t>b</t></is></c></row>\n\n'
              '</sheetData>\n\n<mergeCells><mergeCell ref="A1:B1"></mergeCells></worksheet>')


def rows(path, n):
    """@n rows of resources with the import's headers, written in openpyxl's write-only mode."""
    import openpyxl
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet('资源清单')
    ws.append(['资源名称', '关键词', '资源编号', '描述'])
    for i in range(n):
        ws.append(['资源 %d' % i, '甲，乙', 'id-%06d' % i, '第 %d 个资源的描述，有一些文字。' % i])
    wb.save(path)


def table(path, spec):
    """A resource list as the export lays it out: a merged title row, then a header row, then rows."""
    import json
    import openpyxl
    spec = json.load(open(spec, encoding='utf-8'))
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = '资源清单'
    ws.append([spec['title']])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(spec['rows'][0]))
    for row in spec['rows']:
        ws.append(row)
    wb.save(path)


def edit(path, spec):
    """Changes cells as a teacher would: {"edits": [[row, header, value]]} by the header row's text."""
    import json
    import openpyxl
    spec = json.load(open(spec, encoding='utf-8'))
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    header_row = spec.get('header_row', 2)
    headers = {c.value: c.column for c in ws[header_row] if c.value}
    for row, header, value in spec['edits']:
        ws.cell(row=row, column=headers[header], value=value)
    wb.save(path)


def csv2xlsx(path, csv_path):
    """The rows of a CSV file as an xlsx sheet, in openpyxl's write-only mode (constant memory)."""
    import csv
    import openpyxl
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet('资源清单')
    with open(csv_path, encoding='utf-8-sig', newline='') as f:
        for row in csv.reader(f):
            ws.append(row)
    wb.save(path)


def main():
    kind, path = sys.argv[1], sys.argv[2]
    if kind == 'basic':
        basic(path)
    elif kind == 'strings':
        strings(path, int(sys.argv[3]))
    elif kind == 'bomb':
        bomb(path, int(sys.argv[3]))
    elif kind == 'doctype':
        doctype(path)
    elif kind == 'badref':
        badref(path)
    elif kind == 'hidden':
        hidden(path)
    elif kind == 'badtail':
        bad_tail(path)
    elif kind == 'table':
        table(path, sys.argv[3])
    elif kind == 'edit':
        edit(path, sys.argv[3])
    elif kind == 'csv2xlsx':
        csv2xlsx(path, sys.argv[3])
    elif kind == 'rows':
        rows(path, int(sys.argv[3]))
    else:
        sys.exit('unknown kind ' + kind)


if __name__ == '__main__':
    main()
