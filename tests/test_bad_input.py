"""The bad-input set: every malformed file, flag or value gets one clear `error:` line (exit 2) naming
the file and the row, column or key path, and leaves the store exactly as it was; or it is cleaned
and kept as documented. The files live in tests/data/bad/, each named for its scenario."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from hlmnotes import ValidationError, Workspace
from hlmnotes.cli import main

from .conftest import PROGRAMME

BAD = Path(__file__).resolve().parent / "data" / "bad"
FLOOR = {"panel": 1, "delegation": "Member State A", "category": "member_state", "rapporteur": "R1"}
COLUMNS = "id,panel,seq,speaker,delegation,category,on_behalf_of,questions,themes,flags,key_points,recommendations,started_at,ended_at,duration_s,rapporteur"  # noqa: E501
CATEGORIES = "chair, panellist, member_state, observer_state, un_entity, igo, civil_society, academia, private_sector, media, other"  # noqa: E501
THEMES = "use a codebook id such as root-causes, awareness, demand (see `hlmnotes programme show`)"
NOT_LISTED = "It is not on the reference lists: give its category (e.g. civil_society) to record it as typed"
BELGUM = "unknown member state 'Belgum'; did you mean 'Belgium'? (names follow the UN short-name list; see data/reference/delegations.csv)"  # noqa: E501
NESTED = "JSON nested too deeply to read; an export is a list of objects whose values are text or numbers"
NOT_UTF8 = "is not UTF-8 (byte {byte}); save the file as 'CSV UTF-8' and import it again"


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The 2017 meeting with records in both panels, a revised one, a deleted one and a speakers' queue."""
    path = tmp_path_factory.mktemp("template") / "meeting.sqlite"
    ws = Workspace.init(path, PROGRAMME)
    first = ws.save(FLOOR | {"questions": "1;2", "themes": "data-evidence", "key_points": "called for better data"})
    ws.save(FLOOR | {"panel": 2, "delegation": "Member State B", "questions": "1", "key_points": "noted progress"})
    ws.revise(first.id, key_points="called for better data\nstressed survivor involvement")
    ws.delete(ws.save(FLOOR | {"delegation": "Member State C"}).id, by="R1")
    queue = path.parent / "queue.csv"
    queue.write_text("order,delegation,category\n1,Member State D,member_state\n2,Member State E,member_state\n")
    ws.speakers.import_file(queue, 1)
    ws.close()
    assert not Path(f"{path}-wal").exists()
    return path


@pytest.fixture
def store(template: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "store" / "meeting.sqlite"
    copy.parent.mkdir()
    shutil.copy(template, copy)
    return copy


def _state(store: Path) -> str:
    """Everything stored: records, history, speakers' queues, the programme."""
    with sqlite3.connect(store) as db:
        state = "\n".join(db.iterdump())
    db.close()
    return state


def _cli(capsys: pytest.CaptureFixture[str], store: Path | str, *args: str) -> tuple[int, str, str]:
    status = main(["--store", str(store), *args])
    out, err = capsys.readouterr()
    return status, out, err


def _error_line(err: str) -> str:
    """The one line the user sees: starts with `error:`, no traceback, nothing else."""
    assert err.startswith("error: ") and err.count("\n") == 1 and err.endswith("\n"), err
    assert "Traceback" not in err
    return err[len("error: ") : -1]


def _files(folder: Path) -> list[Path]:
    """What is in ``folder``, leaving out SQLite's -wal and -shm files, which come and go with connections."""
    return sorted(p for p in folder.rglob("*") if not p.name.endswith(("-wal", "-shm")))


def _matches(line: str, expected: str) -> bool:
    """Exact, or a prefix where the rest comes from Python (``…`` at the end marks it)."""
    return line.startswith(expected[:-1]) if expected.endswith("…") else line == expected


# -- files that are refused -----------------------------------------------------------------------

# file name -> the error after "<file>: " (or the whole line when it does not start with the file)
PROGRAMMES = {
    "programme-malformed.toml": "not valid TOML: Expected ']' at the end of a table declaration (at line 2, column 9);"
    " fix the line it names",
    "programme-impossible-date.toml": "not valid TOML: Invalid date or datetime (at line 8, column 12);"
    " fix the line it names",
    "programme-empty.toml": "meeting: missing table; see data/README.md for the format",
    "programme-missing-meeting.toml": "meeting: missing table; see data/README.md for the format",
    "programme-missing-title.toml": "meeting.title: needs a non-empty string (missing)",
    "programme-panel-id-not-a-number.toml": "panels[1].id: needs a whole number of 1 or more (got 'one')",
    "programme-date-as-text.toml": "panels[1].date: needs a TOML date like 2017-09-27 (got '27 September 2017')",
    "programme-panel-outside-meeting-dates.toml": "panels[2].date: 2017-10-02 is outside the meeting's dates"
    " 2017-09-27 to 2017-09-28",
    "programme-panel-ends-before-start.toml": "panels[1].end: 14:00:00 is not after start 15:00:00",
    "programme-meeting-ends-before-start.toml": "meeting.end_date: 2017-09-26 is before start_date 2017-09-27",
    "programme-duplicate-panel-id.toml": "panels[2].id: panel 1 is defined twice; give each panel its own id",
    "programme-segment-names-unknown-panel.toml": "segments[1].panel: names panel 3, which is not among [[panels]]",
    "programme-questions-misnumbered.toml": "panels[1].questions[2].number: questions must be numbered 1, 2, 3…"
    " in order (expected 2, got 3)",
    "programme-no-questions.toml": "panels[1].questions: needs one or more [[questions]] entries",
    "programme-negative-limit.toml": "panels[1].limits.floor: needs a whole number of 1 or more (got -3)",
    "programme-unknown-timezone.toml": "meeting.timezone: unknown time zone 'Eastern Time';"
    " use an IANA name like America/New_York",
    "programme-unknown-segment-kind.toml": "segments[1].kind: unknown kind 'workshop';"
    " use one of opening, plenary, panel, closing",
    "programme-provisional-not-boolean.toml": "panels[1].chair.provisional: needs true or false (got 'yes')",
    "programme-chair-without-name.toml": "panels[1].chair.name: needs a non-empty string (missing)",
    "programme-latin1.toml": "line 9 is not UTF-8 (byte 0xe8); save it as UTF-8",
    "programme-drops-panel-2.toml": "not applied: #2 is in panel 2, which the new programme drops;"
    " keep those panels and questions, or re-tag the records first",
}
SPEAKERS = {
    "speakers-unknown-delegation.csv": f"row 3, column delegation: {BELGUM}",
    "speakers-unknown-delegation-no-category.csv": f"row 2, column delegation: unknown delegation 'Narnia'. {NOT_LISTED}",
    "speakers-bad-category.csv": "row 2, column category: unknown category 'government'; use one of chair (Chair),"
    " panellist (Panellist), member_state (Member State), observer_state (Observer State), un_entity (UN entity),"
    " igo (Intergovernmental org.), civil_society (Civil society), academia (Academia), private_sector (Private"
    " sector), media (Media), other (Other)",
    "speakers-duplicate-order.csv": "row 4, column order: order 2 is used twice (also row 3)",
    "speakers-order-not-a-number.csv": "row 2, column order: expected a whole number, got 'first'",
    "speakers-missing-delegation-column.csv": "missing column 'delegation'; the header must include delegation",
    "speakers-empty-delegation.csv": "row 3, column delegation: delegation is empty; every inscribed speaker needs one",
    "speakers-empty.csv": "the file is empty; it needs a header row with the columns"
    " order,delegation,speaker,category,on_behalf_of",
    "speakers-latin1.csv": "line 2 " + NOT_UTF8.format(byte="0xf4"),
    "speakers-extra-column.csv": "unknown column 'country_code'; the columns are"
    " order,delegation,speaker,category,on_behalf_of",
    "speakers-nested-cell.json": NESTED,
}
INTERVENTIONS = {
    "interventions-unknown-panel.csv": "row 3, column panel: panel 9 is not in the programme; panels are 1, 2",
    "interventions-panel-not-a-number.csv": "row 2, column panel: expected a whole number, got 'one'",
    "interventions-unknown-question.csv": "row 2, column questions: panel 1 has no question 7;"
    " its questions are 1 to 6",
    "interventions-question-zero.csv": "row 2, column questions: must be 1 or more, got 0",
    "interventions-unknown-theme.csv": f"row 2, column themes: unknown theme 'human-rights'; {THEMES}",
    "interventions-unknown-flag.csv": "row 2, column flags: unknown flag 'urgent';"
    " use any of recommendation, good_practice, commitment, challenge, divergent, quote",
    "interventions-unknown-category.csv": "row 2, column category: unknown category 'government';"
    f" use one of {CATEGORIES}",
    "interventions-unknown-delegation.csv": f"row 2, column delegation: {BELGUM}",
    "interventions-unknown-delegation-no-category.csv": f"row 2, column delegation: unknown delegation 'Narnia'. {NOT_LISTED}",
    "interventions-impossible-date.csv": "row 2, column started_at: '2017-02-30T15:00:00-04:00'"
    " is not an ISO 8601 time; write it like 2017-09-27T15:04:00-04:00",
    "interventions-not-a-date.csv": "row 2, column started_at: 'yesterday afternoon'"
    " is not an ISO 8601 time; write it like 2017-09-27T15:04:00-04:00",
    "interventions-naive-time.csv": "row 2, column started_at: '2017-09-27T15:04:00' has no UTC offset;"
    " add one, e.g. 2017-09-27T15:04:00-04:00",
    "interventions-ended-before-started.csv": "row 2, column ended_at: 2017-09-27T15:01:00-04:00"
    " is before started_at 2017-09-27T15:04:00-04:00",
    "interventions-negative-duration.csv": "row 2, column duration_s: must be 0 or more, got -30",
    "interventions-inconsistent-duration.csv": "row 2, column duration_s: 600 does not match"
    " started_at..ended_at (180 s); leave it empty to derive it",
    "interventions-duration-not-whole.csv": "row 2, column duration_s: expected a whole number, got '2.5'",
    "interventions-seq-too-large.csv": "row 2, column seq: must be 2147483647 or less,"
    " got 99999999999999999999999",
    "interventions-latin1.csv": "line 2 " + NOT_UTF8.format(byte="0xe9"),
    "interventions-utf16-no-bom.csv": "looks like UTF-16 without a byte-order mark;"
    " save the file as 'CSV UTF-8' and import it again",
    "interventions-utf16-damaged.csv": "damaged UTF-16 text at byte 112; save it again as CSV UTF-8",
    "interventions-duplicate-ids.csv": "row 3, column id: id 1 appears again (first at row 2)",
    "interventions-unknown-id.csv": "row 2, column id: no intervention #999 in this store;"
    " leave id empty to add the row as new",
    "interventions-empty.csv": f"the file is empty; it needs a header row with the columns {COLUMNS},uid",
    "interventions-blank-lines-only.csv": f"the file is empty; it needs a header row with the columns {COLUMNS},uid",
    "interventions-missing-delegation-column.csv": "missing column 'delegation';"
    " the header must include panel,delegation",
    "interventions-extra-column.csv": f"unknown column 'country_code'; the columns are {COLUMNS},uid",
    "interventions-duplicate-column.csv": "column 'panel' appears twice in the header; keep one of them",
    "interventions-ragged-row.csv": "row 2 has 4 cells but the header has 3",
    "interventions-semicolon-separated.csv": f"unknown column 'panel;delegation;category'; the columns are"
    f" {COLUMNS},uid",
    "interventions-second-row-bad.csv": f"row 3, column themes: unknown theme 'not-a-theme'; {THEMES}",
    "interventions-malformed.json": "not valid JSON (Expecting property name enclosed in double quotes at line 1);"
    " fix it and import again",
    "interventions-not-a-list.json": "expected a JSON list of objects, one per intervention",
    "interventions-wrong-type.json": "row 2, column key_points: expected text, got {'text': 'a point'}",
    "interventions-damaged.xlsx": "not a readable .xlsx workbook (BadZipFile); save it again from Excel",
    "interventions-unknown-format.txt": "unknown format 'txt'; use .csv, .xlsx or .json",
    "interventions-nested-2000-levels.json": NESTED,
    "interventions-id-from-another-store.csv": "row 2, column id: #1 here is another record (Member State A, panel 1):"
    " the row's uid says it comes from another store's export; to add the file's rows as new records, delete the id"
    " column or import with --as-new",
    "interventions-uid-not-an-identifier.csv": "row 2, column uid: expected the 32-character identifier an export"
    " carries (digits and a-f), got 'B-1'; leave it empty for a new record",
    "interventions-uid-twice.csv": "row 3, column uid: uid 0123456789abcdef0123456789abcdef appears again (first at row 2)",
}


def _command(name: str) -> list[str]:
    path = str(BAD / name)
    if name.startswith("programme-"):
        return ["programme", "update", path]
    if name.startswith("speakers-"):
        return ["speakers", "import", path, "--panel", "1"]
    return ["import", path]


BAD_FILES = PROGRAMMES | SPEAKERS | INTERVENTIONS


def test_every_bad_file_has_a_case_and_every_case_a_file():
    accepted = {name for name in ACCEPTED} | {"interventions-formulas.csv", "interventions-control-characters.csv"}
    assert sorted(p.name for p in BAD.iterdir()) == sorted(set(BAD_FILES) | accepted)


@pytest.mark.parametrize("name", BAD_FILES)
def test_bad_file_gives_one_error_line_and_changes_nothing(store, capsys, name):
    before = _state(store)
    status, out, err = _cli(capsys, store, *_command(name))
    assert (status, out) == (2, "")
    line = _error_line(err)
    assert _matches(line, f"{BAD / name}: {BAD_FILES[name]}"), line
    assert _state(store) == before


def test_a_bad_programme_at_init_creates_no_store(tmp_path, capsys):
    target = tmp_path / "new.sqlite"
    bad = BAD / "programme-duplicate-panel-id.toml"
    status, _, err = _cli(capsys, target, "init", "--programme", str(bad))
    assert status == 2 and _error_line(err) == f"{bad}: {PROGRAMMES[bad.name]}"
    assert list(tmp_path.iterdir()) == []


def test_a_one_megabyte_note_is_refused_with_the_limit(store, tmp_path, capsys):
    """Refused, not truncated: no spreadsheet cell holds more than 32,767 characters, and a 5-minute
    statement's notes are a few thousand; the message says what to do."""
    big = tmp_path / "interventions-1mb-note.csv"
    big.write_text(f"panel,delegation,category,key_points\n1,Member State A,member_state,{'a' * 1_048_576}\n")
    before = _state(store)
    status, _, err = _cli(capsys, store, "import", str(big))
    assert status == 2
    assert _error_line(err) == (
        f"{big}: row 2, column key_points: 1,048,576 characters, more than the 32,767 a spreadsheet"
        " cell holds; split it over several interventions or shorten it"
    )
    assert _state(store) == before


# -- flags and values that are refused ------------------------------------------------------------

FLAG_CASES = {
    "panel-not-a-number": (["add", "--panel", "x", "--delegation", "Member State A"],
                           "--panel: expected a whole number, got 'x'"),
    "unknown-panel": (["add", "--panel", "3", "--delegation", "Member State A"],
                      "--panel: panel 3 is not in the programme; panels are 1, 2"),
    "unknown-question": (["add", "--panel", "2", "--delegation", "Member State A", "--questions", "6"],
                         "--questions: panel 2 has no question 6; its questions are 1 to 5"),
    "unknown-theme": (["add", "--panel", "1", "--delegation", "Member State A", "--themes", "nope"],
                      f"--themes: unknown theme 'nope'; {THEMES}"),
    "negative-duration": (["add", "--panel", "1", "--delegation", "Member State A", "--duration-s", "-5"],
                          "--duration-s: must be 0 or more, got -5"),
    "time-without-date": (["add", "--panel", "1", "--delegation", "Member State A", "--started-at", "15:04"],
                          "--started-at: '15:04' is not an ISO 8601 time; write it like 2017-09-27T15:04:00-04:00"),
    "naive-time": (["add", "--panel", "1", "--delegation", "Member State A", "--ended-at", "2017-09-27T15:04"],
                   "--ended-at: '2017-09-27T15:04' has no UTC offset; add one, e.g. 2017-09-27T15:04:00-04:00"),
    "speakers-unknown-panel": (["speakers", "import", str(BAD / "speakers-extra-column.csv"), "--panel", "9"],
                               "panel 9 is not in the programme; panels are 1, 2"),
}  # fmt: skip


@pytest.mark.parametrize("case", FLAG_CASES)
def test_bad_flag_gives_one_error_line_and_changes_nothing(store, capsys, case):
    args, expected = FLAG_CASES[case]
    before = _state(store)
    status, out, err = _cli(capsys, store, *args)
    assert (status, out, _error_line(err)) == (2, "", expected)
    assert _state(store) == before


# What a widget hands the library: Python values rather than text.
VALUES = {
    "questions-out-of-range": ({"questions": (1, 7)}, "questions: panel 1 has no question 7; its questions are 1 to 6"),
    "theme-list-with-unknown": ({"themes": ["data-evidence", "Data"]}, f"unknown theme 'Data'; {THEMES}"),
    "no-panel": ({"panel": None}, "panel: missing; give the panel number from the programme"),
    "panel-as-bool": ({"panel": True}, "panel: expected a whole number, got True"),
    "empty-delegation": ({"delegation": "  "}, "delegation: missing; say who took the floor (e.g. Belgium, UNODC)"),
    "duration-below-zero": ({"duration_s": -1}, "duration_s: must be 0 or more, got -1"),
    "key-points-as-list": ({"key_points": ["a", "b"]}, "key_points: expected text, got ['a', 'b']"),
    "huge-seq": ({"seq": 2**63}, "seq: must be 2147483647 or less, got 9223372036854775808"),
    "speaker-too-long": ({"speaker": "x" * 40_000}, "speaker: 40,000 characters, more than the 32,767 a"
                         " spreadsheet cell holds; split it over several interventions or shorten it"),
}  # fmt: skip


@pytest.mark.parametrize("case", VALUES)
def test_bad_value_is_refused_and_nothing_is_saved(store, case):
    change, expected = VALUES[case]
    before = _state(store)
    ws = Workspace.open(store)
    with pytest.raises(ValidationError) as info:
        ws.save(FLOOR | change)
    ws.close()
    assert str(info.value) == expected
    assert _state(store) == before


# -- output names ---------------------------------------------------------------------------------

OUTPUTS = {
    "missing-folder": ("{tmp}/nonexistent/dir/x.csv", [],
                       "{out}: its folder {tmp}/nonexistent/dir does not exist; create it or choose another path"),
    "a-folder": ("{tmp}", [], "{out}: is a folder; name the output file, e.g. {tmp}/interventions.csv"),
    "under-a-file": ("{tmp}/store/meeting.sqlite/x.csv", [], "{out}: cannot write it (Not a directory); choose another path"),
    "the-store-itself": ("{tmp}/store/meeting.sqlite", ["--format", "csv"],
                         "{out}: is the store itself; choose another name for the export"),
    "name-and-format-disagree": ("{tmp}/x.xlsx", ["--format", "csv"],
                                 "{out}: the name ends in .xlsx but --format is csv; make them agree"),
    "unknown-extension": ("{tmp}/x.docx", [], "{out}: unknown format 'docx'; use .csv, .xlsx or .json"),
}  # fmt: skip


@pytest.mark.parametrize("case", OUTPUTS)
def test_bad_output_name_gives_one_error_line_and_writes_nothing(store, tmp_path, capsys, case):
    output, extra, expected = OUTPUTS[case]
    out = output.format(tmp=tmp_path)
    before_state, before_files = _state(store), _files(tmp_path)
    status, printed, err = _cli(capsys, store, "export", *extra, "-o", out)
    assert (status, printed, _error_line(err)) == (2, "", expected.format(out=out, tmp=tmp_path))
    assert _state(store) == before_state and _files(tmp_path) == before_files


def test_a_store_named_by_url_is_not_overwritten_by_its_own_export(store, tmp_path, capsys):
    before_state, before_files = _state(store), _files(tmp_path)
    status, printed, err = _cli(capsys, f"sqlite:///{store}", "export", "--format", "csv", "-o", str(store))
    assert (status, printed, _error_line(err)) == (2, "", f"{store}: is the store itself; choose another name for the export")
    assert _state(store) == before_state and _files(tmp_path) == before_files


def test_relative_output_is_written_where_it_points_and_nowhere_else(store, tmp_path, capsys, monkeypatch):
    """`-o ../../x.csv` is the user's own choice of place: written there, relative to the working folder."""
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    monkeypatch.chdir(deep)
    status, printed, err = _cli(capsys, store, "export", "-o", "../../x.csv")
    assert (status, err) == (0, "") and printed == "Exported 2 interventions to ../../x.csv\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a", "store", "x.csv"] and list(deep.iterdir()) == []
    assert (tmp_path / "x.csv").read_bytes().startswith(b"\xef\xbb\xbfid,panel,seq,")


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_output_format_follows_the_file_name(store, tmp_path, capsys, fmt):
    out = tmp_path / f"all.{fmt}"
    assert _cli(capsys, store, "export", "-o", str(out))[0] == 0
    data = out.read_bytes()
    if fmt == "xlsx":
        assert zipfile.is_zipfile(io.BytesIO(data))
    elif fmt == "json":
        assert len(json.loads(data)) == 2
    else:
        assert data.startswith(b"\xef\xbb\xbfid,panel,seq,")


# -- files that are accepted, cleaned as documented -----------------------------------------------

KP = "called for caf\u00e9 owners and C\u00f4te d\u2019Ivoire\u2019s \u201cnational\u201d plan"
ACCEPTED = {
    "interventions-utf16-bom.csv": KP,
    "interventions-utf16-be-bom.csv": KP,
    "interventions-utf8-bom.csv": KP,
    "interventions-tab-separated.csv": KP,
    "interventions-header-only.csv": None,
}


@pytest.mark.parametrize("name", ACCEPTED)
def test_accepted_encodings_import_the_text_exactly(store, capsys, name):
    before = {r.id: r for r in Workspace.open(store).records()}
    status, out, err = _cli(capsys, store, "import", str(BAD / name))
    added = 0 if ACCEPTED[name] is None else 1
    assert (status, err) == (0, "") and out == f"Imported {BAD / name}: {added} added, 0 updated, 0 unchanged\n"
    after = {r.id: r for r in Workspace.open(store).records()}
    assert {i: after[i] for i in before} == before and len(after) == len(before) + added
    for new in (after[i] for i in after if i not in before):
        assert (new.delegation, new.key_points) == ("Member State A", KP)


def test_control_characters_are_cleaned_as_documented(store, capsys):
    """hlmnotes.domain.text.clean_text: vertical tab and form feed become line breaks; other control characters
    (here BEL, NUL and ESC), which Word and Excel cannot hold, are dropped."""
    name = BAD / "interventions-control-characters.csv"
    assert b"\x07" in name.read_bytes() and b"\x00" in name.read_bytes()
    assert _cli(capsys, store, "import", str(name))[0] == 0
    new = max(Workspace.open(store).records(), key=lambda r: r.id)
    assert (new.speaker, new.key_points) == ("Speaker A", "first\nsecond point")


FORMULAS = {
    "speaker": "+cmd|' /C calc'!A0",
    "key_points": '=HYPERLINK("http://example.invalid","click")',
    "recommendations": "@SUM(1+1)*cmd|' /C calc'!A0",
    "rapporteur": "-2+3",
}


def test_formulas_are_stored_as_text_and_neutralised_on_export(store, tmp_path, capsys):
    assert _cli(capsys, store, "import", str(BAD / "interventions-formulas.csv"))[0] == 0
    ws = Workspace.open(store)
    new = max(ws.records(), key=lambda r: r.id)
    assert {k: getattr(new, k) for k in FORMULAS} == FORMULAS

    paths = {fmt: tmp_path / f"out.{fmt}" for fmt in ("csv", "xlsx", "json")}
    for path in paths.values():
        assert _cli(capsys, store, "export", "-o", str(path))[0] == 0
    with paths["csv"].open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert {k: v for k, v in next(r for r in rows if r["id"] == str(new.id)).items() if k in FORMULAS} == {
        k: "'" + v for k, v in FORMULAS.items()
    }
    assert not [cell for row in rows for cell in row.values() if cell.startswith(("=", "+", "-", "@"))]

    sheet = load_workbook(paths["xlsx"]).active
    header = [c.value for c in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == new.id)
    for column, value in FORMULAS.items():
        cell = row[header.index(column)]
        assert (cell.data_type, cell.value) == ("s", "'" + value)
    with zipfile.ZipFile(paths["xlsx"]) as book:
        sheets = [n for n in book.namelist() if n.startswith("xl/worksheets/")]
        assert sheets and all(b"<f>" not in book.read(n) and b"<f " not in book.read(n) for n in sheets)

    exported = next(r for r in json.loads(paths["json"].read_text()) if r["id"] == new.id)
    assert {k: v for k, v in exported.items() if k in FORMULAS} == FORMULAS
    # Re-importing either spreadsheet changes nothing: the apostrophe comes off again.
    for fmt in ("csv", "xlsx"):
        status, out, _ = _cli(capsys, store, "import", str(paths[fmt]))
        assert status == 0 and out.endswith(": 0 added, 0 updated, 3 unchanged\n")
    assert {k: getattr(ws.store.get(new.id), k) for k in FORMULAS} == FORMULAS


# -- the real process -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["programme-malformed.toml", "speakers-unknown-delegation.csv", "interventions-utf16-no-bom.csv"]
)
def test_the_installed_command_prints_one_line_and_exits_2(store, name):
    before = _state(store)
    result = subprocess.run(
        [sys.executable, "-m", "hlmnotes", "--store", str(store), *_command(name)],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert (result.returncode, result.stdout) == (2, "")
    assert _matches(_error_line(result.stderr), f"{BAD / name}: {BAD_FILES[name]}")
    assert _state(store) == before


# -- outputs that are not regular files -----------------------------------------------------------


def _not_a_file(tmp_path: Path, kind: str) -> Path:
    """A fifo, a socket, or a link to the null device, made where the test may (no root needed)."""
    target = tmp_path / f"out-{kind}.csv"
    if kind == "pipe":
        os.mkfifo(target)
    elif kind == "socket":
        server = socket.socket(socket.AF_UNIX)
        server.bind(str(target))
        server.close()
    else:
        target.symlink_to(os.devnull)
    return target


@pytest.mark.parametrize("command", ["export", "summary"])
@pytest.mark.parametrize(("kind", "named"), [("pipe", "a pipe"), ("socket", "a socket"),
                                             ("link-to-device", "a character device")])  # fmt: skip
def test_an_output_that_is_not_a_regular_file_is_refused_and_left_as_it_is(store, tmp_path, capsys, command, kind, named):
    """Renaming over a device, pipe or socket would replace it with a plain file (as root: /dev/null itself)."""
    target = _not_a_file(tmp_path, kind)
    before_state, before_files = _state(store), _files(tmp_path)
    before_mode = os.lstat(target).st_mode
    args = ["--format", "md"] if command == "summary" else ["--format", "csv"]
    status, printed, err = _cli(capsys, store, command, *args, "-o", str(target))
    assert (status, printed) == (2, "")
    assert _error_line(err) == (
        f"{target}: is {named}, not a regular file; name a file to write, or leave out -o to write to standard output"
    )
    assert os.lstat(target).st_mode == before_mode
    assert _state(store) == before_state and _files(tmp_path) == before_files


@pytest.mark.parametrize("command", ["export", "summary"])
def test_an_output_through_a_link_writes_the_file_it_points_to(store, tmp_path, capsys, command):
    real = tmp_path / "real" / "out.md"
    real.parent.mkdir()
    real.write_text("old\n")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    args = ["--format", "md"] if command == "summary" else ["--format", "json"]
    status, _, err = _cli(capsys, store, command, *args, "-o", str(link))
    assert (status, err) == (0, "")
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text() != "old\n" and sorted(p.name for p in real.parent.iterdir()) == ["out.md"]


# -- files too large to read: refused early, with the limit in the message -------------------------

MiB = 2**20
ADVICE = "a whole meeting's export is far smaller: split the file, or save only the interventions"
TOO_MANY_ROWS = ("more than 100,000 rows after the header, the most an import reads; split the file and import"
                 " the parts one after the other")  # fmt: skip


def _csv_cell(path: Path, size: int, *, broken_into_lines: bool = False) -> None:
    """A CSV whose one note is ``size`` characters, on one line or quoted over lines of 100."""
    with path.open("w", encoding="utf-8") as f:
        f.write('panel,delegation,category,key_points\n1,Member State A,member_state,"')
        line = "a" * 99 + "\n" if broken_into_lines else "a" * 100
        for _ in range(size // 100):
            f.write(line)
        f.write('"\n')


def _csv_rows(path: Path, count: int, note: str = "") -> None:
    with path.open("w", encoding="utf-8") as f:
        f.write("panel,delegation,category,key_points,recommendations\n")
        for _ in range(count):
            f.write(f"1,Member State A,member_state,{note},{note}\n")


def _xlsx(path: Path, last_row: int = 2, note: str = "") -> None:
    """A workbook with a header and a row at ``last_row`` (beyond Excel's 1,048,576 if asked: the XML is edited
    afterwards, as a hand-made file would be) whose note is ``note`` (of any length, likewise)."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["panel", "delegation", "category", "key_points"])
    for column, value in enumerate([1, "Member State A", "member_state", "NOTE"], 1):
        sheet.cell(row=1_048_576, column=column, value=value)
    book.save(path)
    with zipfile.ZipFile(path) as old:
        parts = {name: old.read(name) for name in old.namelist()}
    for name in ("xl/worksheets/sheet1.xml", "xl/sharedStrings.xml"):
        if name in parts:
            parts[name] = parts[name].replace(b"1048576", str(last_row).encode()).replace(b"NOTE", note.encode())
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as new:
        for name, data in parts.items():
            new.writestr(name, data)


def _xlsx_unzipping_to(path: Path, size: int) -> None:
    _xlsx(path)
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as book, book.open("xl/media/big.bin", "w") as f:
        for _ in range(size // MiB):
            f.write(bytes(MiB))


GENERATED = {
    "interventions-50mb-cell.csv": (lambda p: _csv_cell(p, 50 * MiB),
                                    "row 2 is longer than 4,194,304 characters; a cell holds at most 32,767, as in a"
                                    " spreadsheet: split it over several interventions or shorten it"),
    "interventions-50mb-cell-over-lines.csv": (lambda p: _csv_cell(p, 50 * MiB, broken_into_lines=True),
                                               "row 2 has a cell of over 2,097,152 characters; a cell holds at most"
                                               " 32,767, as in a spreadsheet: split it over several interventions or"
                                               " shorten it"),
    "interventions-100001-rows.csv": (lambda p: _csv_rows(p, 100_001), TOO_MANY_ROWS),
    "interventions-65mb-of-text.csv": (lambda p: _csv_rows(p, 1_120, "b" * 30_000),
                                       f"its text is more than the 64 MB an import reads; {ADVICE}"),
    "interventions-20-million-rows.xlsx": (lambda p: _xlsx(p, 20_000_000), TOO_MANY_ROWS),
    "interventions-40000-character-cell.xlsx": (lambda p: _xlsx(p, 2, "c" * 40_000),
                                                "row 2, column key_points: 40,000 characters, more than the 32,767 a"
                                                " spreadsheet cell holds; split it over several interventions or"
                                                " shorten it"),
    "interventions-unzips-to-70mb.xlsx": (lambda p: _xlsx_unzipping_to(p, 70 * MiB),
                                          f"it unzips to 70 MB, more than the 64 MB an import reads; {ADVICE}"),
    "interventions-65mb.json": (lambda p: p.write_bytes(b"") or os.truncate(p, 65 * MiB),
                                f"it is more than the 64 MB an import reads; {ADVICE}"),
    "speakers-100001-rows.csv": (lambda p: p.write_text("delegation\n" + "Member State A\n" * 100_001), TOO_MANY_ROWS),
}  # fmt: skip


@pytest.mark.parametrize("name", GENERATED)
def test_a_file_over_a_limit_is_refused_early_and_changes_nothing(store, tmp_path, capsys, name):
    make, expected = GENERATED[name]
    path = tmp_path / name
    make(path)
    before = _state(store)
    # Files of 50-70 MB in one cell or member are refused long before they are read whole.
    measured = any(size in name for size in ("50mb", "70mb", "65mb.json"))
    if measured:
        tracemalloc.start()
    try:
        status, out, err = _cli(capsys, store, *[str(path) if a == str(BAD / name) else a for a in _command(name)])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert (status, out) == (2, "")
    assert _error_line(err) == f"{path}: {expected}"
    assert _state(store) == before
    assert peak < 40 * MiB or not measured, f"{peak / MiB:.0f} MiB"
