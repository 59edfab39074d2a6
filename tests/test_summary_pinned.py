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
from hlmnotes.demo import demo_rows
from hlmnotes.interchange import import_interventions
from hlmnotes.summary import accept_group, build_summary, propose_groups, to_html, to_markdown
from hlmnotes.summary.docx import docx_bytes

DATA = Path(__file__).resolve().parent / "data"
WHEN = dt.datetime(2017, 9, 28, 18, 30, tzinfo=dt.UTC)


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:20]


def digests(workspace: Workspace, by: str, attribution: str) -> dict[str, str]:
    """sha256 prefixes of the Markdown, the HTML and each part of the Word file (zip dates aside)."""
    summary = build_summary(workspace, "all", by=by, attribution=attribution, now=WHEN)
    with zipfile.ZipFile(io.BytesIO(docx_bytes(summary))) as docx:
        parts = {name: docx.read(name) for name in sorted(docx.namelist())}
    return {
        "md": _sha(to_markdown(summary).encode()),
        "html": _sha(to_html(summary).encode()),
        "document.xml": _sha(parts["word/document.xml"]),
        "every part": _sha(b"".join(name.encode() + b"\0" + data for name, data in parts.items())),
    }


def proposals_digest(workspace: Workspace, panel: int, threshold: float) -> str:
    return _sha(repr([(g.text, g.score, g.points) for g in propose_groups(workspace, panel, threshold)]).encode())


@pytest.fixture(scope="module")
def sixty():
    workspace = Workspace.open(":memory:")
    import_interventions(workspace, DATA / "interventions-60.csv")
    yield workspace
    workspace.close()


@pytest.fixture(scope="module")
def demo():
    workspace = Workspace.open(":memory:")
    workspace.store.apply([workspace.validate(r) for r in demo_rows(workspace.programme, per_panel=60)], [])
    first = propose_groups(workspace, 1)[0]
    accept_group(workspace, 1, first.points, text="Speakers agreed on this point.")
    yield workspace
    workspace.close()


PINNED_SIXTY = {
    ("question", "anonymous"): {
        "document.xml": "c35a9e824d216a8136ae",
        "every part": "ce8d7098d9e966a73622",
        "html": "734f74a74e0a18ff89e0",
        "md": "7d71b11a9cf4c792399c",
    },
    ("question", "named"): {
        "document.xml": "3a98a0093706e2f8fd6b",
        "every part": "535fb4a429c75ea7af06",
        "html": "35f463109187d65faae5",
        "md": "89aeb267af83b94bac1c",
    },
    ("theme", "anonymous"): {
        "document.xml": "1f081081cab000031bc1",
        "every part": "abc367e7d767d8930496",
        "html": "99f20c5ec652a717cba2",
        "md": "6ac336bcad4b51ab314e",
    },
    ("theme", "named"): {
        "document.xml": "30a197551bf9f1f5603d",
        "every part": "ef72a461e49b7ae13f1b",
        "html": "bd663e1e39bae5fbfb5e",
        "md": "c0fe0f0f09c6d6f40e91",
    },
}
PINNED_DEMO = {
    ("question", "anonymous"): {
        "document.xml": "8ae64ce6d6f5b41ec3ac",
        "every part": "025068a99a1ba18cf8a8",
        "html": "cd7e4a05c547905398a5",
        "md": "19630c5527117360f39d",
    },
    ("theme", "named"): {
        "document.xml": "be21a6711fcd169e7eef",
        "every part": "09bac9907b65e279d8ce",
        "html": "9644c998dd0e6420bf05",
        "md": "acdb4a0f112881b665ab",
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
