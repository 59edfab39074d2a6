"""CSV, XLSX and JSON: lossless round trips, updates by id, formulas neutralised, all-or-nothing imports."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from hlmnotes import COLUMNS, ValidationError, Workspace
from hlmnotes.cli import main
from hlmnotes.domain.text import clean_text
from hlmnotes.io.formats import neutralise, restore
from hlmnotes.io.interchange import write_interventions

from .conftest import DATA, PROGRAMME

SIXTY = DATA / "interventions-60.csv"


def _export(ws, fmt, tmp_path):
    path = tmp_path / f"out.{fmt}"
    path.write_bytes(write_interventions(ws.records(), fmt))
    return path


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_sixty_rows_import_export_reimport_is_lossless(ws, tmp_path, fmt):
    result = ws.import_interventions(SIXTY)
    assert (result.added, result.updated) == (60, 0)
    before = ws.records()
    exported = _export(ws, fmt, tmp_path)
    again = ws.import_interventions(exported)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 60)
    assert ws.records() == before


def test_export_carries_exactly_the_contract_columns(ws, tmp_path):
    ws.import_interventions(SIXTY)
    header = _export(ws, "csv", tmp_path).read_text(encoding="utf-8-sig").splitlines()[0]
    assert tuple(header.split(",")) == (*COLUMNS, "uid")  # the uid after contract 2's columns
    rows = json.loads(_export(ws, "json", tmp_path).read_text(encoding="utf-8"))
    assert tuple(rows[0]) == (*COLUMNS, "uid")
    assert [r["uid"] for r in rows] == [r.uid for r in ws.records()]


def test_an_edited_export_updates_by_id(ws, tmp_path):
    ws.import_interventions(SIXTY)
    path = _export(ws, "json", tmp_path)
    rows = json.loads(path.read_text(encoding="utf-8"))
    rows[3]["key_points"] = "corrected after the meeting"
    path.write_text(json.dumps(rows), encoding="utf-8")
    result = ws.import_interventions(path)
    assert (result.added, result.updated, result.unchanged) == (0, 1, 59)
    assert ws.store.get(rows[3]["id"]).key_points == "corrected after the meeting"


def test_one_bad_row_imports_nothing(ws, tmp_path):
    with SIXTY.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    rows[39]["panel"] = "9"  # spreadsheet row 41: the header is row 1
    bad = tmp_path / "bad.csv"
    with bad.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    with pytest.raises(ValidationError) as info:
        ws.import_interventions(bad)
    assert str(info.value).startswith(f"{bad}: row 41, column panel: panel 9 is not in the programme")
    assert ws.records() == []


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_formulas_are_neutralised_in_spreadsheets(ws, fmt):
    ws.save(
        {
            "panel": 1,
            "delegation": "Member State A",
            "key_points": '=HYPERLINK("http://x","y")',
            "speaker": "+cmd|x",
            "rapporteur": "@SUM(A1)",
        }
    )
    data = write_interventions(ws.records(), fmt)
    if fmt == "csv":
        text = data.decode("utf-8-sig")
        assert "'=HYPERLINK" in text and "'+cmd|x" in text and "'@SUM(A1)" in text
    else:
        sheet = load_workbook(io.BytesIO(data)).active
        cells = [c for row in sheet.iter_rows(min_row=2) for c in row if isinstance(c.value, str)]
        assert all(c.data_type == "s" for c in cells)
        assert any(c.value == '\'=HYPERLINK("http://x","y")' for c in cells)


@given(st.text())
def test_neutralise_then_restore_is_identity(text):
    assert restore(neutralise(text)) == text
    assert not neutralise(text).startswith(("=", "+", "-", "@", "\t"))
    # LibreOffice folds full-width and small forms to ASCII when it saves CSV: judge the folded text.
    assert not unicodedata.normalize("NFKC", neutralise(text)[:1]).startswith(("=", "+", "-", "@", "\t"))


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("text", ["\uff1d1+1", "\uff0bcmd|x", "\uff0d2+3", "\uff20SUM(A1)", "\ufe661+1", "\u207c1+1"])
def test_full_width_and_small_formula_signs_are_neutralised_and_round_trip(ws, tmp_path, fmt, text):
    """`＝1+1` is a formula once LibreOffice's CSV export has turned it into `=1+1`."""
    saved = ws.save({"panel": 1, "delegation": "Member State A", "key_points": text})
    data = write_interventions(ws.records(), fmt)
    if fmt == "csv":
        row = next(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
        cell = row["key_points"]
    else:
        sheet = load_workbook(io.BytesIO(data)).active
        header = [c.value for c in sheet[1]]
        cell = next(sheet.iter_rows(min_row=2, values_only=True))[header.index("key_points")]
    assert cell == "'" + text
    assert ws.import_interventions(_export(ws, fmt, tmp_path)).unchanged == 1 and ws.store.get(saved.id).key_points == text


_text = st.text(st.characters(codec="utf-8"), max_size=40)
_lines = st.lists(_text, max_size=3).map("\n".join)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    fmt=st.sampled_from(["csv", "xlsx", "json"]),
    speaker=_text, delegation=_text, key_points=_lines, recommendations=_lines, rapporteur=_text,
)  # fmt: skip
def test_arbitrary_unicode_round_trips_through_every_format(
    tmp_path_factory, fmt, speaker, delegation, key_points, recommendations, rapporteur
):
    source = Workspace.open(":memory:")
    name = " ".join(clean_text(delegation).split()) or "NGO"
    saved = source.save({
        "panel": 1, "delegation": name, "category": "civil_society", "speaker": speaker,
        "key_points": key_points, "recommendations": recommendations, "rapporteur": rapporteur,
    })  # fmt: skip
    folder = tmp_path_factory.mktemp("rt")
    path = folder / f"x.{fmt}"
    path.write_bytes(write_interventions(source.records(), fmt))
    assert source.import_interventions(path).unchanged == 1  # same store: an update by id that changes nothing
    target = Workspace.open(":memory:")
    fresh = folder / f"fresh.{fmt}"
    rows = json.loads(write_interventions(source.records(), "json"))
    for row in rows:
        row["id"] = None
    fresh.write_bytes(write_interventions([target.validate(r) for r in rows], fmt))
    target.import_interventions(fresh)
    copied = target.records()[0]
    assert copied.to_row() | {"id": None} == saved.to_row() | {"id": None}


def _dump(path) -> str:
    with sqlite3.connect(path) as db:
        dump = "\n".join(db.iterdump())
    db.close()
    return dump


def test_another_stores_export_never_overwrites_a_record_here(tmp_path, capsys):
    """B's #1 (France) imported into A, whose #1 is Belgium: refused, then added as new on request."""
    a, b = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    for path, delegation in ((a, "Belgium"), (b, "France")):
        with Workspace.init(path, PROGRAMME) as ws:
            ws.save({"panel": 1, "delegation": delegation, "key_points": f"{delegation}'s point"})
    export = tmp_path / "b.csv"
    assert main(["--store", str(b), "export", "-o", str(export)]) == 0
    capsys.readouterr()
    before = _dump(a)
    assert main(["--store", str(a), "import", str(export)]) == 2
    err = capsys.readouterr().err
    assert err == (
        f"error: {export}: row 2, column id: #1 here is another record (Belgium, panel 1): the row's uid says it"
        " comes from another store's export; to add the file's rows as new records, delete the id column or import"
        " with --as-new\n"
    )
    assert _dump(a) == before

    assert main(["--store", str(a), "import", "--as-new", str(export)]) == 0
    assert capsys.readouterr().out == f"Imported {export}: 1 added, 0 updated, 0 unchanged\n"
    with Workspace.open(a) as ws:
        assert [(r.id, r.delegation) for r in ws.records()] == [(1, "Belgium"), (2, "France")]
        uids = {r.uid for r in ws.records()}
    with Workspace.open(b) as ws:
        assert ws.records()[0].uid not in uids  # a copy: a later merge of B adds B's record, not this one


def test_rows_without_ids_keep_their_uid_and_are_not_added_twice(tmp_path):
    a, b = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    for path, delegation in ((a, "Belgium"), (b, "France")):
        with Workspace.init(path, PROGRAMME) as ws:
            ws.save({"panel": 1, "delegation": delegation})
    with Workspace.open(b) as ws:
        rows = json.loads(write_interventions(ws.records(), "json"))
        theirs = ws.records()[0].uid
    for row in rows:
        del row["id"]
    path = tmp_path / "b-without-ids.json"
    path.write_text(json.dumps(rows), encoding="utf-8")
    with Workspace.open(a) as ws:
        assert ws.import_interventions(path).added == 1
        assert [r.uid for r in ws.records()][1] == theirs  # so a merge of B later matches it
        before = _dump(a)
        with pytest.raises(ValidationError) as info:
            ws.import_interventions(path)
        assert str(info.value) == (
            f"{path}: row 2, column uid: this record is already #2 here (the same uid); put 2 in the id column to"
            " update it, or import with --as-new to add a copy"
        )
        assert _dump(a) == before


def test_this_stores_own_export_still_updates_by_id(tmp_path):
    with Workspace.init(tmp_path / "a.sqlite", PROGRAMME) as ws:
        ws.import_interventions(SIXTY)
        path = _export(ws, "csv", tmp_path)
        text = path.read_text(encoding="utf-8-sig").replace("called for", "urged", 1)
        path.write_text(text, encoding="utf-8")
        result = ws.import_interventions(path)
        assert (result.added, result.updated, result.unchanged) == (0, 1, 59)


@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r"], ids=["lf", "crlf", "cr"])
def test_csv_rows_read_alike_whatever_the_line_endings_and_however_the_file_is_cut(tmp_path, ending):
    """The reader streams the file in chunks: rows that straddle a chunk, quoted line breaks inside a
    cell and old Mac line endings (a lone \\r) come out as the whole-file reader gave them."""
    from hlmnotes.io.rowfiles import read_rows

    notes = [f'"line one{ending}line two of row {n}"' if n % 7 == 3 else "x" * (20_000 + n) for n in range(120)]
    path = tmp_path / "rows.csv"
    text = ending.join(["panel,delegation,key_points", *(f"1,Member State A,{note}" for note in notes)]) + ending
    path.write_bytes(text.encode("utf-8"))
    assert path.stat().st_size > 2**20  # more than one chunk
    rows = read_rows(path, ("panel", "delegation", "key_points"), ("panel",))
    expected = [f"line one{ending}line two of row {n}" if n % 7 == 3 else "x" * (20_000 + n) for n in range(120)]
    assert [row["key_points"] for _, row in rows] == expected
    assert [place for place, _ in rows] == [f"row {n}" for n in range(2, 122)]
