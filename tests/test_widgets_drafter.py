"""The Drafter, headless: the preview follows the choices; the Word draft is written and offered for download."""

from __future__ import annotations

import base64
import datetime as dt
import re

import docx
import pytest

from hlmnotes.io.demo import demo_rows
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
    with Workspace.open(f"sqlite:///{store_path}") as ws:
        assert drafts_folder(ws) == store_path.resolve().parent / "drafts"


def test_drafts_of_an_in_memory_store_go_to_the_working_folder(tmp_path, monkeypatch):
    from hlmnotes import Workspace

    monkeypatch.chdir(tmp_path)
    with Workspace.open(":memory:") as ws:
        assert ws.store_file is None and drafts_folder(ws) == tmp_path / "drafts"


def upload(widget, name, content):
    widget.value = ({"name": name, "type": "", "size": len(content), "content": memoryview(content),
                     "last_modified": dt.datetime(2017, 9, 28, tzinfo=dt.UTC)},)  # fmt: skip


def test_an_office_template_is_checked_on_upload_and_used_for_the_export(drafter, tmp_path):
    from hlmnotes.summary.render.docx import template_path

    upload(drafter.template.upload, "notes.docx", b"not a Word file")
    assert drafter.status.text.startswith("⚠ notes.docx: is not a Word document") and drafter.template.path is None
    upload(drafter.template.upload, "office.docx", template_path().read_bytes())
    assert drafter.template.path.name == "office.docx" and "office.docx" in drafter.template.label.value
    drafter.export_button.click()
    assert len(docx.Document(str(next((tmp_path / "drafts").glob("chairs-summary-*.docx")))).tables) == 2
    drafter.template.shipped.click()
    assert drafter.template.path is None


def test_an_edited_draft_is_checked_and_the_annotated_copy_offered(drafter, tmp_path):
    drafter.panels.value = 1
    written = drafter.export()
    document = docx.Document(str(written))
    run = next(r for p in document.paragraphs for r in p.runs if "71/287" in r.text)
    run.text = run.text.replace("71/287", "71/278")
    edited = tmp_path / "edited.docx"
    document.save(str(edited))
    drafter.checker.check_button.click()
    assert drafter.status.text.endswith("Choose the edited draft (.docx) first")
    upload(drafter.checker.upload, "edited.docx", edited.read_bytes())
    drafter.checker.check_button.click()
    assert "1 finding in edited.docx (panel 1: about " in drafter.status.text
    assert "71/278" in drafter.checker.findings.value and "not in the programme" in drafter.checker.findings.value
    link = re.search(r"href='data:[^;]+;base64,([^']+)'", drafter.checker.link.value)
    annotated = tmp_path / "annotated.docx"
    annotated.write_bytes(base64.b64decode(link[1]))
    assert [c.author for c in docx.Document(str(annotated)).comments].count("hlmnotes check") == 1
    upload(drafter.checker.upload, "edited.docx", written.read_bytes())
    drafter.checker.check_button.click()
    assert "No findings in edited.docx" in drafter.status.text and "No findings." in drafter.checker.findings.value


def test_the_length_choice_gives_the_read_out_version(drafter):
    drafter.panels.value = 1
    full = drafter.summary.panels[0].words
    drafter.length.value = 3
    assert drafter.summary.panels[0].words <= 3 * 120 < full or full <= 3 * 120
    assert "read-out version for 3 minutes" in drafter.preview.value
    drafter.length.value = None
    assert drafter.summary.panels[0].words == full
