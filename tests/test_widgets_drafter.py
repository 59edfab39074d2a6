"""The Drafter, headless: the preview follows the choices; the Word draft is written and offered for download."""

from __future__ import annotations

import base64
import re

import docx
import pytest

from hlmnotes.demo import demo_rows
from hlmnotes.widgets import Drafter
from hlmnotes.widgets.drafter import drafts_folder


@pytest.fixture
def drafter(ws, tmp_path):
    ws.store.apply([ws.validate(r) for r in demo_rows(ws.programme, per_panel=8)], [])
    return Drafter(ws, folder=tmp_path / "drafts")


def test_the_preview_follows_panel_ordering_and_attribution(drafter):
    assert "DRAFT" in drafter.preview.value and drafter.status.text.startswith("Preview of 24 interventions")
    drafter.panels.value = 2
    assert drafter.status.text.startswith("Preview of 12 interventions")
    anonymous = drafter.preview.value
    drafter.attribution.value = "named"
    assert drafter.preview.value != anonymous and "Member State" in drafter.preview.value
    drafter.by.value = "theme"
    assert drafter.summary.panels[0].panel == 2


def test_export_writes_a_word_draft_and_a_download_link(drafter, tmp_path):
    drafter.panels.value = 1
    drafter.export_button.click()
    [written] = (tmp_path / "drafts").glob("*.docx")
    assert written.name.startswith("chairs-summary-panel-1-question-anonymous-")
    assert drafter.status.text.startswith("Wrote the draft Chair's summary of panel 1 to chairs-summary-panel-1")
    link = re.search(r"href='data:[^;]+;base64,([^']+)'", drafter.link.value)
    assert base64.b64decode(link[1]) == written.read_bytes()
    assert any("Summary of interactive panel discussion 1" in p.text for p in docx.Document(str(written)).paragraphs)


def test_drafts_go_beside_a_store_file(store_path):
    from hlmnotes import Workspace

    with Workspace.open(store_path) as ws:
        assert drafts_folder(ws) == store_path.resolve().parent / "drafts"
