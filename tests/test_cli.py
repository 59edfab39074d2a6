"""The `hlmnotes` command end to end: what it prints, and the exact `error:` line when input is bad."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from hlmnotes.cli import build_parser

from .conftest import DATA, PROGRAMME, ROOT


def _export(run) -> str:
    status, out, _ = run("export", "--format", "json")
    assert status == 0
    return out


def test_init_show_add_export_stats(run):
    status, out, _ = run("programme", "show")
    assert status == 0
    assert "Chair: H.E. Mr. Marc Pecsteen de Buytswerve, Ambassador, Permanent Representative of Belgium" in out
    assert "    6. What good practices and lessons learnt can be shared to tackle the demand side" in out
    assert "Ms. Maria Grazia Giammarinaro (TBC)" in out
    assert "Wednesday 27 September 2017, 15:00–16:30, Trusteeship Council Chamber" in out

    status, out, _ = run("add", "--panel", "1", "--delegation", "Member State A", "--questions", "1;5",
                         "--themes", "prosecution", "--key-points", "called for X\\nstressed Y")  # fmt: skip
    assert (status, out) == (0, "Saved #1 (panel 1, seq 1, Member State A)\n")
    assert '"key_points": "called for X\\nstressed Y"' in _export(run)

    status, out, _ = run("stats")
    assert status == 0 and "hlm2017: 1 interventions" in out and "Questions nobody addressed" in out
    matrix = out.split("Themes by question, panel 1:\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert matrix[0].split() == ["theme", "1", "2", "3", "4", "5", "6"]
    assert matrix[1].split() == ["prosecution", "1", "0", "0", "0", "1", "0"]


def test_import_then_export_round_trip(run, tmp_path):
    status, out, _ = run("import", str(DATA / "interventions-60.csv"))
    assert (status, out) == (0, f"Imported {DATA / 'interventions-60.csv'}: 60 added, 0 updated, 0 unchanged\n")
    out_file = tmp_path / "all.xlsx"
    assert run("export", "--format", "xlsx", "-o", str(out_file))[0] == 0
    before = _export(run)
    status, out, _ = run("import", str(out_file))
    assert out.endswith(": 0 added, 0 updated, 60 unchanged\n")
    assert _export(run) == before


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (
            ["add", "--panel", "3", "--delegation", "Belgium"],
            "error: --panel: panel 3 is not in the programme; panels are 1, 2",
        ),
        (
            ["add", "--panel", "1", "--delegation", "Belgum", "--category", "member_state"],
            "error: --delegation: unknown member state 'Belgum'; did you mean 'Belgium'? (names follow the UN short-name list; see data/reference/delegations.csv)",
        ),
        (
            ["add", "--panel", "1", "--delegation", "Belgium", "--questions", "9"],
            "error: --questions: panel 1 has no question 9; its questions are 1 to 6",
        ),
        (["import", "missing.csv"], "error: missing.csv: no such file; check the path to the file to import"),
        (["export", "--format", "pdf"], "error: argument --format: invalid choice: 'pdf'"),
        (["frobnicate"], None),
    ],
)
def test_bad_input_gives_one_error_line_and_changes_nothing(run, args, error):
    run("add", "--panel", "1", "--delegation", "Member State A")
    before = _export(run)
    status, out, err = run(*args)
    assert status == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("error: ")
    if error:
        assert err.startswith(error)
    assert _export(run) == before


def test_programme_update_keeps_records_and_refuses_orphans(run, tmp_path):
    run("add", "--panel", "2", "--delegation", "Member State A", "--questions", "5")
    text = PROGRAMME.read_text(encoding="utf-8")
    renamed = tmp_path / "renamed.toml"
    renamed.write_text(
        text.replace('venue = "Trusteeship Council Chamber"', 'venue = "Conference Room 4"'), encoding="utf-8"
    )
    status, out, _ = run("programme", "update", str(renamed))
    assert (status, out) == (0, "Programme updated: 2 panels; 1 interventions kept\n"
                                "  segment panel-1: venue: Trusteeship Council Chamber → Conference Room 4\n"
                                "  segment panel-2: venue: Trusteeship Council Chamber → Conference Room 4\n"
                                "  panel 1: venue: Trusteeship Council Chamber → Conference Room 4\n"
                                "  panel 2: venue: Trusteeship Council Chamber → Conference Room 4\n")  # fmt: skip
    assert "Conference Room 4" in run("programme", "show")[1]

    cut = text[: text.rindex("[[panels.questions]]")]  # drop panel 2's question 5
    shorter = tmp_path / "shorter.toml"
    shorter.write_text(cut, encoding="utf-8")
    status, _, err = run("programme", "update", str(shorter))
    assert status == 2
    assert err == (f"error: {shorter}: not applied: #1 answers panel 2 question 5, which the new programme drops;"
                   " keep those panels and questions, or re-tag the records first\n")  # fmt: skip
    assert "Conference Room 4" in run("programme", "show")[1]


def test_speakers_import(run, tmp_path):
    speakers = tmp_path / "speakers.csv"
    speakers.write_text(
        "order,delegation,speaker,category,on_behalf_of\n2,UK,,,\n1,belgium,Ms. A,,EU\n", encoding="utf-8"
    )
    status, out, _ = run("speakers", "import", str(speakers), "--panel", "1")
    assert (status, out) == (0, "Panel 1: 2 speakers waiting, 0 already spoke\n")
    speakers.write_text("order,delegation\n1,Narnia\n", encoding="utf-8")
    status, _, err = run("speakers", "import", str(speakers), "--panel", "1")
    assert status == 2
    assert err == (
        f"error: {speakers}: row 2, column delegation: unknown delegation 'Narnia'. It is not on the reference lists: give its category (e.g. civil_society) to record it as typed\n"
    )


def test_init_refuses_a_store_with_records(run, store_path):
    run("add", "--panel", "1", "--delegation", "Member State A")
    status, _, err = run("init", "--programme", str(PROGRAMME))
    assert status == 2 and "already holds 1 interventions" in err


def test_every_command_has_help():
    parser = build_parser()
    actions = [a for a in parser._actions if a.dest == "command"][0].choices
    for name, sub in actions.items():
        assert sub.description or parser._subparsers._group_actions[0]._choices_actions, name
    assert all(a.help for a in [a for a in parser._actions if a.dest == "command"][0]._choices_actions)


def test_console_script_and_module_run_without_traceback(tmp_path):
    env = os.environ | {"HLMNOTES_STORE": str(tmp_path / "none.sqlite")}
    result = subprocess.run(
        [sys.executable, "-m", "hlmnotes", "stats"], capture_output=True, text=True, env=env, cwd=ROOT
    )
    assert result.returncode == 2
    assert result.stderr.startswith("error: store ") and "Traceback" not in result.stderr
    assert not Path(env["HLMNOTES_STORE"]).exists()


def _proposals(out: str) -> list[tuple[str, list[str]]]:
    """`groups propose`'s output as (key, the points' lines) for each proposal, in order."""
    found: list[tuple[str, list[str]]] = []
    for line in out.splitlines():
        if re.match(r"\d+\. ", line):
            found.append((re.search(r", key (g[0-9a-f]{6})\)$", line)[1], []))
        elif line.startswith("   - #"):
            found[-1][1].append(line)
    return found


def test_groups_accept_by_key_takes_the_group_shown_even_after_the_list_changed(run):
    run("import", str(DATA / "interventions-60.csv"))
    (first, _), (second, second_points) = _proposals(run("groups", "propose", "--panel", "1")[1])[:2]
    assert run("groups", "accept", "--panel", "1", first)[0] == 0  # the list now starts with the former second
    assert _proposals(run("groups", "propose", "--panel", "1")[1])[0][0] == second
    status, out, _ = run("groups", "accept", "--panel", "1", second.upper(), "--text", "the second one")
    assert (status, out) == (0, f"Accepted group #2: {len(second_points)} points written once as 'the second one'\n")
    status, _, err = run("groups", "accept", "--panel", "1", second)
    assert (status, err) == (2, f"error: there is no proposal {second} for panel 1 now (its points were grouped, edited"
                             " or deleted since, or the key is mistyped); list them with `hlmnotes groups propose"
                             " --panel 1`\n")  # fmt: skip


def test_groups_reject_by_key_keeps_the_points_apart_for_good(run):
    run("import", str(DATA / "interventions-60.csv"))
    [(first, points), *rest] = _proposals(run("groups", "propose", "--panel", "1")[1])
    status, out, _ = run("groups", "reject", "--panel", "1", first)
    assert (status, out) == (0, f"Rejected: these {len(points)} points stay separate and will not be proposed again\n")
    assert [key for key, _ in _proposals(run("groups", "propose", "--panel", "1")[1])] == [key for key, _ in rest]
    status, _, err = run("groups", "reject", "--panel", "1", first)
    assert status == 2 and err.startswith(f"error: there is no proposal {first} for panel 1 now")


def test_groups_propose_accept_list_delete(run):
    run("import", str(DATA / "interventions-60.csv"))
    status, out, _ = run("groups", "propose", "--panel", "1")
    lines = out.splitlines()
    assert status == 0 and lines[0].startswith("Panel 1: ") and lines[1].startswith("1. '")
    points = sum(1 for line in lines if line.startswith("   - #") and lines.index(line) < next(
        i for i, x in enumerate(lines) if x.startswith("2. ")))  # fmt: skip
    status, out, _ = run("groups", "accept", "--panel", "1", "1", "--text", "raised one shared point")
    assert (status, out) == (0, f"Accepted group #1: {points} points written once as 'raised one shared point'\n")
    assert run("groups", "list")[1].splitlines()[1] == f"#1 (panel 1, {points} points): raised one shared point"
    assert "raised one shared point" in run("summary", "--panel", "1", "--format", "md")[1]
    status, _, err = run("groups", "accept", "--panel", "1", "999")
    assert status == 2 and err.startswith("error: there is no proposal 999 for panel 1")
    assert run("groups", "delete", "1")[1] == "Deleted group #1; its points are counted one by one again\n"
    status, _, err = run("groups", "delete", "1")
    assert (status, err) == (2, "error: no point group #1 in this store; check the id\n")
