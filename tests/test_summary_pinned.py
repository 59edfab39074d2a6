"""The summary is byte-for-byte what it was before the performance work, for the same records.

The digests below were taken from the code before any optimisation (the Markdown, the HTML and every
part of the .docx built from tests/data/interventions-60.csv and from the demo meeting, with one
accepted group, at a fixed creation time), and the proposals of ``propose_groups`` likewise. A change
that makes a step faster must not change one byte of what a Chair's staff read; a deliberate change
of wording updates these digests in the same commit, saying why.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import zipfile
from pathlib import Path

import pytest

from hlmnotes import Workspace
from hlmnotes.io.demo import demo_rows
from hlmnotes.summary import to_html, to_markdown
from hlmnotes.summary.render.docx import docx_bytes

DATA = Path(__file__).resolve().parent / "data"
WHEN = dt.datetime(2017, 9, 28, 18, 30, tzinfo=dt.UTC)


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:20]


def digests(workspace: Workspace, by: str, attribution: str) -> dict[str, str]:
    """sha256 prefixes of the Markdown, the HTML and each part of the Word file (zip dates aside)."""
    summary = workspace.summary("all", by=by, attribution=attribution, now=WHEN)
    with zipfile.ZipFile(io.BytesIO(docx_bytes(summary))) as docx:
        parts = {name: docx.read(name) for name in sorted(docx.namelist())}
    return {
        "md": _sha(to_markdown(summary).encode()),
        "html": _sha(to_html(summary).encode()),
        "document.xml": _sha(parts["word/document.xml"]),
        "every part": _sha(b"".join(name.encode() + b"\0" + data for name, data in parts.items())),
    }


def proposals_digest(workspace: Workspace, panel: int, threshold: float) -> str:
    """The proposals as the digests were taken: each point written as the dict it then was."""
    proposals = workspace.propose_groups(panel, threshold)
    as_taken = [
        (g.text, g.score, [{"intervention": p.intervention, "kind": p.kind, "text": p.text, "delegation": p.delegation}
                           for p in g.points])
        for g in proposals
    ]  # fmt: skip
    return _sha(repr(as_taken).encode())


@pytest.fixture(scope="module")
def sixty():
    workspace = Workspace.open(":memory:")
    workspace.import_interventions(DATA / "interventions-60.csv")
    yield workspace
    workspace.close()


@pytest.fixture(scope="module")
def demo():
    workspace = Workspace.open(":memory:")
    workspace.store.apply([workspace.validate(r) for r in demo_rows(workspace.programme, per_panel=60)], [])
    first = workspace.propose_groups(1)[0]
    workspace.accept_group(1, first.points, text="Speakers agreed on this point.")
    yield workspace
    workspace.close()


PINNED_SIXTY = {
    ("question", "anonymous"): {
        "document.xml": "f895e0d9fe604e4249e4",
        "every part": "01584046732b036a2a0d",
        "html": "02dbaae9b8feef4b87e0",
        "md": "be4e00e0786caa9d9c7d",
    },
    ("question", "named"): {
        "document.xml": "279b9fc465731527d2e1",
        "every part": "9fe953d8d8155f4ed0f2",
        "html": "5adc6432cdec01138106",
        "md": "ba2e40c6833e7fe333d6",
    },
    ("theme", "anonymous"): {
        "document.xml": "43cb80a382334891a757",
        "every part": "b6a6ca904211c82308bd",
        "html": "c31604280a9c9b017320",
        "md": "6e879f76bee4ca1c3170",
    },
    ("theme", "named"): {
        "document.xml": "13652d81fd848e74af7d",
        "every part": "53039ecc1ff8c1a6757e",
        "html": "f274c60d6829c7b2f404",
        "md": "37d10daa45dcd47d904e",
    },
}
PINNED_DEMO = {
    ("question", "anonymous"): {
        "document.xml": "95437f9d5228a77b28ed",
        "every part": "7ab4062b0d38e0f5002e",
        "html": "2fa48f639a2e1e4058ec",
        "md": "7344ad39ca4a2dd34ba7",
    },
    ("theme", "named"): {
        "document.xml": "bf31307ea7cb8292dd3a",
        "every part": "21735f56212e91ab8deb",
        "html": "46afa9cdc1c7212767d0",
        "md": "b577a6d50ed2e304b16d",
    },
}
PINNED_PROPOSALS = {
    (1, 50.0): ("c5ea567af698c085543c", "d28bc210e9bddb4993e0"),
    (1, 70.0): ("fd4483b020e497b321ce", "d28bc210e9bddb4993e0"),
    (1, 80.0): ("fd4483b020e497b321ce", "d28bc210e9bddb4993e0"),
    (1, 90.0): ("fd4483b020e497b321ce", "d28bc210e9bddb4993e0"),
    (2, 50.0): ("378610060ce3f7245449", "2417f5a300ff1ff649ed"),
    (2, 70.0): ("6ec9034228d52a8c44fd", "ad1cf34bace4f07a0382"),
    (2, 80.0): ("6ec9034228d52a8c44fd", "ad1cf34bace4f07a0382"),
    (2, 90.0): ("6ec9034228d52a8c44fd", "ad1cf34bace4f07a0382"),
}


@pytest.mark.parametrize(("by", "attribution"), list(PINNED_SIXTY))
def test_summary_of_the_sixty_records_is_unchanged(sixty, by, attribution):
    assert digests(sixty, by, attribution) == PINNED_SIXTY[by, attribution]


@pytest.mark.parametrize(("by", "attribution"), list(PINNED_DEMO))
def test_summary_of_the_demo_meeting_with_a_group_is_unchanged(demo, by, attribution):
    assert digests(demo, by, attribution) == PINNED_DEMO[by, attribution]


@pytest.mark.parametrize(("panel", "threshold"), list(PINNED_PROPOSALS))
def test_proposed_groups_are_unchanged(demo, sixty, panel, threshold):
    assert (proposals_digest(demo, panel, threshold), proposals_digest(sixty, panel, threshold)) == PINNED_PROPOSALS[
        panel, threshold
    ]
