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
        "document.xml": "74c2d46a6a6786f5ee51",
        "every part": "20624404310c077577c7",
        "html": "44bad969ef1ace484b7f",
        "md": "c562ecff21ca86f93955",
    },
    ("question", "named"): {
        "document.xml": "0bb30e96b2e7606ff36c",
        "every part": "6cf3ae422d1c0c617864",
        "html": "7b9c6664880f97ffbcb1",
        "md": "3fe2be6ee724142ff47a",
    },
    ("theme", "anonymous"): {
        "document.xml": "abcb3a8379c4bb593652",
        "every part": "5a1e6e62ad7525001889",
        "html": "adff13c8df84da780452",
        "md": "089ed7385715c127b936",
    },
    ("theme", "named"): {
        "document.xml": "680f2a2832d10219b28b",
        "every part": "5a4c44d4edb57a2355bd",
        "html": "61832e7971faef6a08ca",
        "md": "8e84be79603befed2de9",
    },
}
PINNED_DEMO = {
    ("question", "anonymous"): {
        "document.xml": "a4943dafec0ad2f42c31",
        "every part": "2f9ff477d740b33ccdc9",
        "html": "12140a7197656b3454b7",
        "md": "f8aca75f86ee6afefecb",
    },
    ("theme", "named"): {
        "document.xml": "31a642b9be8b9619f917",
        "every part": "9c10248bcbae55b54169",
        "html": "c6bc72f6b27def379104",
        "md": "f2b2e8699d619c935fa5",
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
