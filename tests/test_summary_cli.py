"""`hlmnotes summary`: one library call, one printed line, one `error:` line and exit 2 on bad input."""

from __future__ import annotations

import docx
import pytest

from hlmnotes import Workspace
from hlmnotes.cli import main
from hlmnotes.io.demo import demo_rows


@pytest.fixture
def store(store_path):
    workspace = Workspace.open(store_path)
    workspace.store.apply([workspace.validate(r) for r in demo_rows(workspace.programme, per_panel=10)], [])
    workspace.close()
    return str(store_path)


def run(capsys, *args):
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def test_writes_a_word_draft_and_says_what_it_wrote(store, tmp_path, capsys):
    target = tmp_path / "panel-1.docx"
    status, out, err = run(capsys, "--store", store, "summary", "--panel", "1", "-o", str(target))
    assert (status, err) == (0, "")
    assert out.startswith(f"Wrote the draft Chair's summary of panel 1 to {target}: 14 interventions, ")
    assert out.rstrip().endswith("floor speakers)") and len(out.splitlines()) == 1
    assert len(docx.Document(str(target)).comments) > 0


def test_both_panels_named_without_comments(store, tmp_path, capsys):
    target = tmp_path / "closing.docx"
    status, out, _ = run(capsys, "--store", store, "summary", "--panel", "all", "--attribution", "named",
                         "--by", "theme", "--no-comments", "-o", str(target))  # fmt: skip
    assert status == 0 and "of panels 1, 2 to" in out
    document = docx.Document(str(target))
    assert len(document.comments) == 0 and len(document.tables) == 2


def test_markdown_and_html_previews_go_to_standard_output(store, capsys):
    status, out, _ = run(capsys, "--store", store, "summary", "--panel", "2", "--format", "md")
    assert status == 0 and out.startswith("# Summary of interactive panel discussion 2: “The Global Plan of Action")
    status, out, _ = run(capsys, "--store", store, "summary", "--panel", "2", "--format", "html")
    assert status == 0 and out.startswith('<div class="hlmnotes-summary"') and out.rstrip().endswith("</div>")


def test_the_format_follows_the_file_name(store, tmp_path, capsys):
    target = tmp_path / "preview.md"
    assert run(capsys, "--store", store, "summary", "--panel", "1", "-o", str(target))[0] == 0
    assert target.read_text(encoding="utf-8").startswith("# Summary of interactive panel discussion 1")


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (["--panel", "3", "-o", "{tmp}/x.docx"], "error: panel 3 is not in the programme; panels are 1, 2"),
        (["--panel", "one", "--format", "md"], "error: panel: expected a panel number (1, 2) or all, got 'one'"),
        (["--panel", "1"], "error: a Word draft is a file; give one with -o FILE.docx (or use --format md or html)"),
        (["-o", "{tmp}/missing/x.docx"], "error: {tmp}/missing/x.docx: its folder {tmp}/missing does not exist; create it or choose another path"),
        (["--format", "docx", "-o", "{tmp}/x.md"], "error: {tmp}/x.md: the name ends in .md but the format is docx; make them agree"),
        (["--by", "speaker", "--format", "md"], "error: argument --by: invalid choice: 'speaker' (choose from 'question', 'theme') (see `hlmnotes summary --help`)"),
    ],
)  # fmt: skip
def test_errors_are_one_line_and_exit_2(store, tmp_path, capsys, args, line):
    status, out, err = run(capsys, "--store", store, "summary", *[a.format(tmp=tmp_path) for a in args])
    assert (status, out, err) == (2, "", line.format(tmp=tmp_path) + "\n")
    assert not list(tmp_path.rglob("*.docx")) and not list(tmp_path.rglob("*.md"))


def test_minutes_gives_the_read_out_version(store, capsys):
    status, full, _ = run(capsys, "--store", store, "summary", "--panel", "1", "--format", "md")
    status_short, short, _ = run(capsys, "--store", store, "summary", "--panel", "1", "--format", "md", "--minutes", "2")
    assert status == status_short == 0 and len(short.split()) < len(full.split())
    assert "read-out version for 2 minutes" in short and "read-out version" not in full
    status, out, err = run(capsys, "--store", store, "summary", "--panel", "1", "--format", "md", "--minutes", "-1")
    assert status == 2 and err.startswith("error: minutes: expected a positive number of minutes") and not out
