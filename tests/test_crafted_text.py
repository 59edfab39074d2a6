"""Issue 23, probes 11 and 12: programme text holding control characters, terminal escapes or bidi
controls is refused by `init` and `programme update` with the field named (a store that already holds
such text opens, with one warning, and never prints it); records are saved without them and the
status line says so; `--minutes` takes only a finite number of minutes."""

from __future__ import annotations

import math
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hlmnotes import ValidationError, Workspace
from hlmnotes.cli import main
from hlmnotes.domain.programme import parse_programme
from hlmnotes.domain.text import clean_text
from hlmnotes.widgets import Recorder

from . import crafted
from .conftest import DATA, PROGRAMME

RULE = "programme text may not hold control characters, terminal escapes or bidi overrides: delete it"


def _dump(store: Path) -> str:
    with sqlite3.connect(store) as db:
        return "\n".join(db.iterdump())


@pytest.mark.parametrize(
    ("old", "new", "field", "what"),
    [
        ('place = "', 'place = "UN \\u001b]0;pwned\\u0007HQ ', "meeting.place", "U+001B, a terminal escape"),
        ('place = "', 'place = "\\u202eHQ ', "meeting.place", "U+202E, a bidi embedding, override or isolate"),
        ('place = "', 'place = "\\u009b31m ', "meeting.place", "U+009B, a terminal escape"),
        ('title = "', 'title = "\\u2066x\\u2069 ', "meeting.title", "U+2066, a bidi embedding, override or isolate"),
        ('text = "', 'text = "\\u0008', "meeting.mandate_text", "U+0008, a control character"),
        ('name = "', 'name = "X\\r', "segments[1].speakers[1].name", "U+000D, a control character"),
    ],
)
def test_init_and_update_refuse_unsafe_programme_text_naming_the_field(tmp_path, capsys, old, new, field, what):
    """Before: `place = "UN \\u001b]0;pwned\\u0007HQ"` was stored and printed raw by `programme show`."""
    bad = crafted.programme_with(PROGRAMME, tmp_path / "bad.toml", old, new)
    store = tmp_path / "new.sqlite"
    assert main(["--store", str(store), "init", "--programme", str(bad)]) == 2
    assert capsys.readouterr().err == f"error: {bad}: {field}: holds {what}; {RULE}\n"
    assert not store.exists()
    store = tmp_path / "meeting.sqlite"
    Workspace.init(store, PROGRAMME).close()
    before = _dump(store)
    assert main(["--store", str(store), "programme", "update", str(bad)]) == 2
    assert capsys.readouterr().err == f"error: {bad}: {field}: holds {what}; {RULE}\n"
    assert _dump(store) == before


def test_marks_tabs_and_line_ends_are_programme_text(tmp_path):
    text = PROGRAMME.read_text(encoding="utf-8").replace('place = "', 'place = "\u200fHQ\\t\\r\\n', 1)
    assert parse_programme(text).meeting.place.startswith("\u200fHQ")


def test_a_store_holding_such_text_opens_with_one_warning_and_never_prints_it(tmp_path, capsys):
    store = tmp_path / "meeting.sqlite"
    Workspace.init(store, PROGRAMME).close()
    text = PROGRAMME.read_text(encoding="utf-8").replace('place = "', 'place = "UN \\u001b]0;pwned\\u0007\\u202eHQ ', 1)
    with sqlite3.connect(store) as db:  # as a store written before the refusal holds it
        db.execute("UPDATE meta SET value = ? WHERE key = 'programme'", (text,))
    db.close()
    assert main(["--store", str(store), "programme", "show"]) == 0
    out, err = capsys.readouterr()
    assert err == (
        f"warning: {store}: the stored programme holds control characters, terminal escapes or bidi overrides in"
        " meeting.place; they are left out of what is shown and written. Remove them from the programme file and"
        " run `hlmnotes programme update FILE`\n"
    )
    assert "\x1b" not in out and "\u202e" not in out and "\x07" not in out and "UN ]0;pwnedHQ" in out
    assert main(["--store", str(store), "programme", "update", str(PROGRAMME)]) == 0
    capsys.readouterr()
    assert main(["--store", str(store), "programme", "show"]) == 0
    assert capsys.readouterr().err == ""


def test_records_are_saved_without_them_and_the_status_line_says_so(ws):
    """Before: bidi overrides (U+202E) were kept in records. Nothing is refused; marks like U+200F stay."""
    recorder = Recorder(ws, rapporteur="Rapporteur 1", ticking=False)
    recorder.pad.edit(delegation="Belgium")
    recorder.pad.edit(key_points="called for \u202edata\u202c and \x1b[31mred\x1b[0m \u200ftext\u2067")
    record = recorder.save()
    assert record is not None
    assert record.key_points == "called for data and [31mred[0m \u200ftext"
    assert recorder.status.text.startswith(f"Saved #{record.id} ")
    assert "5 control or bidi characters left out" in recorder.status.text


@given(st.text())
def test_cleaned_text_holds_no_control_or_bidi_override(text):
    cleaned = clean_text(text)
    assert not any(0x80 <= ord(c) <= 0x9F or 0x202A <= ord(c) <= 0x202E or 0x2066 <= ord(c) <= 0x2069 for c in cleaned)
    assert clean_text(cleaned) == cleaned
    assert [c for c in text if c in "\u200e\u200f\u061c"] == [c for c in cleaned if c in "\u200e\u200f\u061c"]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return crafted.meeting(tmp_path_factory.mktemp("minutes"), PROGRAMME, DATA / "interventions-60.csv")[0]


@pytest.mark.parametrize("value", ["inf", "-inf", "nan", "0", "-1"])
def test_minutes_must_be_a_finite_number_above_zero(store, capsys, value):
    """Before: `--minutes inf` ended in an OverflowError traceback; `check --minutes nan` did nothing."""
    capsys.readouterr()
    for command in (["summary", "--format", "md"], ["check", str(store.parent / "draft.docx")]):
        status = main(["--store", str(store), *command, f"--minutes={value}"])
        out, err = capsys.readouterr()
        shown = repr(float(value))
        assert (status, out, err) == (2, "", f"error: minutes: expected a positive number of minutes, got {shown}\n")


@pytest.mark.parametrize("value", [math.inf, math.nan])
def test_the_library_refuses_them_too(store, value):
    with Workspace.open(store) as ws:
        with pytest.raises(ValidationError, match="minutes: expected a positive number of minutes"):
            ws.drafting.summary("all", minutes=value)
        with pytest.raises(ValidationError, match="minutes: expected a positive number of minutes"):
            ws.drafting.check(store.parent / "draft.docx", minutes=value)


def test_the_meeting_notebook_says_so_too(tmp_path):
    from hlmnotes.widgets import MeetingView

    store = tmp_path / "meeting.sqlite"
    Workspace.init(store, PROGRAMME).close()
    text = PROGRAMME.read_text(encoding="utf-8").replace('place = "', 'place = "\\u202eHQ ', 1)
    with sqlite3.connect(store) as db:
        db.execute("UPDATE meta SET value = ? WHERE key = 'programme'", (text,))
    db.close()
    with Workspace.open(store) as ws:
        view = MeetingView(ws)
        assert view.status.tone == "warn" and "the stored programme holds control characters" in view.status.text
        assert "\u202e" not in ws.programme.meeting.place
