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
        "document.xml": "3d13c424a731dcb75ad8",
        "every part": "87826a09890cd1aaf277",
        "html": "cc235f176ee5ba67e1bd",
        "md": "18700ad1d2d52dd9500e",
    },
    ("question", "named"): {
        "document.xml": "b0ad46180dfc9a2a38ff",
        "every part": "4e45a1cf2502127045a0",
        "html": "1ea946e496c6378d4794",
        "md": "77057ae368ce74d11f66",
    },
    ("theme", "anonymous"): {
        "document.xml": "f0d047b7a92f657133be",
        "every part": "67f080242d34ff71b569",
        "html": "e2101a8bbafa1d8fd393",
        "md": "dc10d4c0a8ab3c1b4ccc",
    },
    ("theme", "named"): {
        "document.xml": "53800d6b31db71426441",
        "every part": "6a5d651cd34bc3e12531",
        "html": "c09d92b96b2c07c6c2eb",
        "md": "6f5cc4ed305b7df47286",
    },
}
PINNED_DEMO = {
    ("question", "anonymous"): {
        "document.xml": "e9016b46b41dc39e1ce5",
        "every part": "d42039ef93cd1eef8752",
        "html": "6d6ab0c5342d2461c3bd",
        "md": "936f7f662f8634f94481",
    },
    ("theme", "named"): {
        "document.xml": "84052ecae0761da3b624",
        "every part": "3f06c667257516755d38",
        "html": "43dcef0652a55133c93c",
        "md": "09d1cf31da3e8a65eaa2",
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
