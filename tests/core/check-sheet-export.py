#!/usr/bin/python3
# Reads a resource list written by `ReslibSheetExportJob` with independent readers (openpyxl for the
# workbook, Python's csv for the CSV) and compares it with the store, read with its own SQL.
#
# Usage: check-sheet-export.py DB PROJECT XLSX CSV DATE HEADERS KEYS
#   HEADERS: the headers the export should write, separated by tabs; KEYS: the columns' keys likewise.
# Exit 0 when everything agrees; 77 when openpyxl is missing; else 1 with what differs.

import csv
import sqlite3
import sys

try:
    import openpyxl
    from openpyxl.utils import get_column_letter
except ImportError:
    print("python3-openpyxl is not installed")
    sys.exit(77)

db_path, project, xlsx_path, csv_path, date, headers, keys = sys.argv[1:8]
headers = headers.split("\t")
keys = keys.split("\t")
header_of = dict(zip(keys, headers))
SEP = "、"
# The tags in the sheet's language, as its headers are: an English session's, or the plan's Chinese names.
TAG = {"ideological": "Ideological and political education", "entrepreneurship": "Innovation and entrepreneurship",
       "vocational-training": "Vocational training"} if headers[0] == "No." else \
      {"ideological": "课程思政", "entrepreneurship": "创新创业", "vocational-training": "职业培训"}

db = sqlite3.connect(db_path)
db.row_factory = sqlite3.Row


def fail(message):
    print("FAIL: " + message)
    sys.exit(1)


def same(what, got, want):
    if got != want:
        fail(f"{what}: got {got!r}, want {want!r}")


def megabytes(size):
    return None if size is None else f"{size / 1e6:.2f}"


def node_places(node_id):
    """The course, the nearest module at or above, and the point (knowledge/skill) of a node."""
    node = db.execute("SELECT * FROM course_nodes WHERE id = ?", (node_id,)).fetchone()
    course = db.execute("SELECT title FROM courses WHERE id = ?", (node["course_id"],)).fetchone()[0]
    point = node["title"] if node["kind"] in ("knowledge", "skill") else None
    module = None
    walk = node
    while walk is not None:
        if walk["kind"] == "module":
            module = walk["title"]
            break
        walk = db.execute("SELECT * FROM course_nodes WHERE id = ?", (walk["parent_id"],)).fetchone() \
            if walk["parent_id"] else None
    return course, module, point


def expected_rows():
    rows = []
    resources = db.execute(
        "SELECT r.*, b.size AS size, u.name AS unit, p.duration AS duration FROM resources r "
        "LEFT JOIN blobs b ON b.sha256 = r.blob_sha256 LEFT JOIN units u ON u.id = r.unit_id "
        "LEFT JOIN probes p ON p.sha256 = r.blob_sha256 "
        "WHERE r.project_id = ? ORDER BY r.created_at, r.rowid", (project,)).fetchall()
    for r in resources:
        authors = [a[0] for a in db.execute(
            "SELECT name FROM resource_authors WHERE resource_id = ? ORDER BY position", (r["id"],))]
        keywords = sorted(k[0] for k in db.execute(
            "SELECT keyword FROM resource_keywords WHERE resource_id = ?", (r["id"],)))
        # The tags in the plan's order (课程思政, 创新创业, 职业培训).
        tag_set = {t[0] for t in db.execute("SELECT tag FROM resource_tags WHERE resource_id = ?", (r["id"],))}
        tags = [TAG[t] for t in TAG if t in tag_set]
        nodes = [n[0] for n in db.execute(
            "SELECT rn.node_id FROM resource_nodes rn JOIN course_nodes n ON n.id = rn.node_id "
            "JOIN courses c ON c.id = n.course_id WHERE rn.resource_id = ? "
            "ORDER BY c.position, c.rowid, n.position, n.rowid", (r["id"],))]
        courses, modules, points = [], [], []
        for n in nodes:
            c, m, p = node_places(n)
            for lst, v in ((courses, c), (modules, m), (points, p)):
                if v is not None and v not in lst:
                    lst.append(v)
        ext = r["file_name"].rsplit(".", 1)[1].upper() if "." in r["file_name"][1:] else ""
        duration = ""
        if r["duration"]:
            s = int(r["duration"] + 0.5)
            duration = f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}"
        rows.append({
            "id": r["id"], "title": r["title"], "type": r["type"], "format": ext,
            "size": megabytes(r["size"]), "duration": duration,
            "courses": SEP.join(courses), "modules": SEP.join(modules), "points": SEP.join(points),
            "authors": SEP.join(authors), "keywords": SEP.join(keywords), "unit": r["unit"] or "",
            "origin": r["origin"], "license": r["license"] or "", "state": r["state"],
            "description": r["description"] or "", "license_holder": r["license_holder"] or "",
            "file_name": r["file_name"], "tags": SEP.join(tags), "certificate": r["certificate"] or "",
            "url": r["url"] or "",
        })
    return rows


want = expected_rows()
n = len(want)
project_name = db.execute("SELECT name FROM projects WHERE id = ?", (project,)).fetchone()[0]

# ------------------------------------------------------------------ the workbook
book = openpyxl.load_workbook(xlsx_path)
same("sheets", len(book.sheetnames), 2)
sheet = book.worksheets[0]
if project_name not in str(sheet["A1"].value):
    fail(f"A1 {sheet['A1'].value!r} does not name the project {project_name!r}")
if date not in str(sheet["A2"].value) or str(n) not in str(sheet["A2"].value):
    fail(f"A2 {sheet['A2'].value!r} does not say {date} and {n}")
same("merged title", "A1:" + get_column_letter(len(headers)) + "1" in [str(r) for r in sheet.merged_cells.ranges], True)
got_headers = [c.value for c in sheet[3]]
same("headers", got_headers, headers)
same("frozen pane", sheet.freeze_panes, "A4")
same("filter", sheet.auto_filter.ref, f"A3:{get_column_letter(len(headers))}{3 + max(n, 1)}")
same("rows", sheet.max_row, 3 + n)
widths = [sheet.column_dimensions[get_column_letter(i + 1)].width for i in range(len(headers))]
if any(w is None or w < 5 for w in widths):
    fail(f"column widths {widths}")


# The words an English session writes (a Chinese one is checked against the catalogue elsewhere).
english = headers[0] == "No."
TYPE = {"text": "Text", "slides": "Slides", "image": "Image", "audio": "Audio", "video": "Video",
        "animation": "Animation", "simulation": "Virtual simulation", "exercise": "Exercise",
        "case": "Case study", "other": "Other"}
STATE = {"draft": "Draft", "in-review": "In review", "approved": "Approved", "rejected": "Rejected"}


def text(value):
    return "" if value is None else str(value)


xlsx_rows = []
for i, cells in enumerate(sheet.iter_rows(min_row=4, values_only=True)):
    xlsx_rows.append(list(cells))
    w = want[i]
    same(f"row {i + 1} number", cells[0], i + 1)
    by_key = dict(zip(keys, cells))
    same(f"row {i + 1} id", by_key["id"], w["id"])
    for key in ("title", "format", "duration", "courses", "modules", "points", "authors", "keywords", "unit",
                "license", "description", "license_holder", "file_name", "tags", "certificate", "url"):
        k = {"courses": "course", "modules": "module", "points": "point"}.get(key, key)
        same(f"row {i + 1} {key}", text(by_key[k]), w[key])
    if english:
        same(f"row {i + 1} type", by_key["type"], TYPE[w["type"]])
        same(f"row {i + 1} state", by_key["state"], STATE[w["state"]])
        same(f"row {i + 1} origin", by_key["origin"], w["origin"])
    size = by_key["size"]
    same(f"row {i + 1} size", None if size is None else f"{size:.2f}", w["size"])
    if not isinstance(size, (int, float)) and size is not None:
        fail(f"row {i + 1}: the size is not a number: {size!r}")

# Totals: by type and by course, as SQL counts them.
# The total is a formula; its result is stored with it, which is what a reader without a calculator sees.
formulas = openpyxl.load_workbook(xlsx_path).worksheets[1]
totals = openpyxl.load_workbook(xlsx_path, data_only=True).worksheets[1]
cells = [[c for c in row] for row in totals.iter_rows(values_only=True)]
labels = [row[0] for row in cells]
by_type = db.execute("SELECT r.type, count(*), sum(coalesce(b.size, 0)) FROM resources r "
                     "LEFT JOIN blobs b ON b.sha256 = r.blob_sha256 WHERE r.project_id = ? "
                     "GROUP BY r.type ORDER BY r.type", (project,)).fetchall()
start = labels.index(header_of["type"]) + 1   # the row after the "Type" header
for j, (kind, count, size) in enumerate(by_type):
    row = cells[start + j]
    same(f"totals by type {kind} count", row[1], count)
    same(f"totals by type {kind} size", f"{row[2]:.2f}", f"{size / 1e6:.2f}")
total_row = cells[start + len(by_type)]
same("total count (cached formula result)", total_row[1], n)
if not str(formulas.cell(row=start + len(by_type) + 1, column=2).value).startswith("=SUM(B"):
    fail("the total of the types is not a formula")
by_course = db.execute(
    "SELECT c.title, (SELECT count(DISTINCT rn.resource_id) FROM resource_nodes rn JOIN course_nodes cn "
    "ON cn.id = rn.node_id WHERE cn.course_id = c.id) FROM courses c WHERE c.project_id = ? "
    "ORDER BY c.position, c.rowid", (project,)).fetchall()
start = labels.index(header_of["course"]) + 1
for j, (title, count) in enumerate(by_course):
    row = cells[start + j]
    same(f"totals by course {title}", (row[0], row[1]), (title, count))
none = db.execute("SELECT count(*) FROM resources r WHERE r.project_id = ? AND NOT EXISTS "
                  "(SELECT 1 FROM resource_nodes rn WHERE rn.resource_id = r.id)", (project,)).fetchone()[0]
same("totals: in no course", cells[start + len(by_course)][1], none)

# ------------------------------------------------------------------ the CSV
raw = open(csv_path, "rb").read()
same("BOM", raw[:3], b"\xef\xbb\xbf")
if b"\r\n" not in raw:
    fail("CSV lines do not end with CRLF")
with open(csv_path, newline="", encoding="utf-8-sig") as f:
    rows = list(csv.reader(f))
same("CSV header", rows[0], headers)
same("CSV rows", len(rows) - 1, n)
for i, row in enumerate(rows[1:]):
    for j, value in enumerate(row):
        cell = xlsx_rows[i][j]
        if keys[j] == "size" and cell is not None:
            cell = f"{cell:.2f}"
        cell = text(cell)
        if value[:1] == "'" and value[1:2] in ("=", "+", "-", "@"):
            value = value[1:]
        same(f"CSV row {i + 1} column {headers[j]}", value, cell)

print(f"ok: {n} rows, {len(headers)} columns, totals by {len(by_type)} types and {len(by_course)} courses")
