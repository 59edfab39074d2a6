"""The Word draft, reopened with python-docx: styles, numbering, comments, annex rows, header, footer, fonts."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import replace

import docx
import pytest
from docx.oxml.ns import qn
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hlmnotes import HlmnotesError, Workspace
from hlmnotes.domain.text import clean_text
from hlmnotes.io.demo import demo_rows
from hlmnotes.summary import to_docx
from hlmnotes.summary.model import Paragraph, Sentence
from hlmnotes.summary.render.docx import docx_bytes, template_path
from hlmnotes.summary.render.template import STYLES, template_bytes


@pytest.fixture(scope="module")
def demo():
    workspace = Workspace.open(":memory:")
    workspace.store.apply([workspace.validate(r) for r in demo_rows(workspace.programme, per_panel=20)], [])
    yield workspace
    workspace.close()


@pytest.fixture(scope="module")
def drafted(demo, tmp_path_factory):
    summary = demo.drafting.summary("all")
    path = to_docx(summary, tmp_path_factory.mktemp("docx") / "draft.docx")
    return summary, docx.Document(str(path))


def body_paragraphs(document, style):
    return [p for p in document.paragraphs if p.style.style_id == style]


def num_id(paragraph):
    return int(paragraph._p.pPr.numPr.numId.val)


def test_the_shipped_template_is_what_the_script_writes_and_has_every_style():
    assert template_path().read_bytes() == template_bytes(), "run: python -m hlmnotes.summary.render.template"
    styles = {s.style_id for s in docx.Document(str(template_path())).styles}
    assert set(STYLES) <= styles


def test_every_style_used_exists_in_the_template(drafted):
    _, document = drafted
    defined = {s.style_id for s in document.styles}
    used = {p.style.style_id for p in document.paragraphs}
    xml = document.element.xml
    used |= {e.get(qn("w:val")) for e in document.element.iter(qn("w:pStyle"), qn("w:rStyle"), qn("w:tblStyle"))}
    assert used <= defined and used <= set(STYLES)
    assert "Heading1" in used and "NumberedParagraph" in used and "SubItem" in used and "AnnexTable" in xml


def test_structure_masthead_and_sections(drafted):
    summary, document = drafted
    titles = body_paragraphs(document, "Title")
    assert [t.text for t in titles] == [p.title for p in summary.panels]
    assert titles[1]._p.pPr.pageBreakBefore is not None  # panel 2 starts on a new page
    masthead = [p.text for p in body_paragraphs(document, "Masthead")][2:5]  # after the closing-segment preface
    assert masthead[1] == "Date: 27 September 2017, 3 to 4.30 p.m."
    sections = [p.text for p in body_paragraphs(document, "Heading1")]
    assert sections[:6] == [
        "I.\tIntroduction", "II.\tPanellists’ presentations", "III.\tInteractive discussion",
        "IV.\tRecommendations and the way forward", "V.\tChair’s concluding observations", "Annex",
    ]  # fmt: skip
    placeholder = body_paragraphs(document, "ChairPlaceholder")
    assert "[To be completed by the Chair.]" in [p.text for p in placeholder]
    reading = [p.text for p in body_paragraphs(document, "StaffNote") if "read aloud" in p.text]
    assert reading == [n for panel in summary.panels for n in panel.notes if "read aloud" in n]  # one a masthead
    assert len(reading) == len(summary.panels)


def test_paragraph_numbers_run_on_and_sub_items_restart(drafted):
    summary, document = drafted
    numbered = body_paragraphs(document, "NumberedParagraph")
    expected = [p.number for panel in summary.panels for p in panel.paragraphs if p.number is not None]
    assert len(numbered) == len(expected)
    first_panel = sum(1 for p in summary.panels[0].paragraphs if p.number is not None)
    assert {num_id(p) for p in numbered[:first_panel]} == {1}  # one list across sections I-IV
    assert len({num_id(p) for p in numbered[first_panel:]}) == 1 != num_id(numbered[first_panel])  # panel 2 restarts
    items = body_paragraphs(document, "SubItem")
    lists = list(dict.fromkeys(num_id(p) for p in items if num_id(p)))
    leads = [p for p in numbered if p._p.getnext() is not None and p._p.getnext() in {i._p for i in items}]
    assert leads and all(p.paragraph_format.keep_with_next for p in leads)  # never alone at a page's foot
    assert len(lists) == sum(1 for panel in summary.panels for p in panel.paragraphs if p.items and not p.labels)
    numbering = document.part.numbering_part.element
    for list_id in [*lists, num_id(numbered[first_panel])]:
        num = numbering.num_having_numId(list_id)
        assert num.find(f"{qn('w:lvlOverride')}/{qn('w:startOverride')}").get(qn("w:val")) == "1"


def test_guiding_questions_keep_the_concept_note_numbers_the_sub_headings_use(drafted, demo):
    _, document = drafted
    questions = demo.programme.panel(1).questions
    listed = [p for p in body_paragraphs(document, "SubItem") if num_id(p) == 0][: len(questions)]  # not a Word list
    assert [p.text for p in listed] == [f"{q.number}.\t{q.text}" for q in questions]
    indent = listed[0].paragraph_format  # hanging under the lead-in's text, not where paragraph numbers go
    assert (indent.left_indent.twips, indent.first_line_indent.twips) == (1134, -567)
    first = body_paragraphs(document, "Heading2")[0].text  # section III's first sub-heading, same number
    assert first == f"A.\tQuestion 1: {questions[0].text.split('?')[0]}?"


def test_each_sourced_sentence_carries_a_comment_listing_its_interventions(drafted):
    summary, document = drafted
    commented = [s for panel in summary.panels for s in panel.sentences if s.sources or s.notes]
    comments = list(document.comments)
    assert len(comments) == len(commented) > 20
    for sentence, comment in zip(commented, comments, strict=True):
        assert comment.author == "hlmnotes"
        if sentence.text.startswith("Statements from the floor"):  # the participation counts' evidence
            assert "\nMember States (" in comment.text and "Member State A" in comment.text
            continue
        for source in sentence.sources:
            assert f"#{source.intervention} {source.delegation}" in comment.text
            assert f"seq {source.seq}, {source.started_at:%H:%M}" in comment.text
            assert f"recorded by {source.rapporteur}" in comment.text
        if sentence.k:
            assert comment.text.startswith(f"k = {sentence.k} of N = {sentence.n} floor speakers → ")
    anchors = document.element.body.findall(f".//{qn('w:commentRangeStart')}")
    assert len(anchors) == len(comments)


def test_comments_can_be_turned_off(demo):
    document = docx.Document(io.BytesIO(docx_bytes(demo.drafting.summary([1]), comments=False)))
    assert len(document.comments) == 0
    assert not document.element.body.findall(f".//{qn('w:commentReference')}")


def test_annex_rows_list_every_intervention_in_order_of_speaking(drafted, demo):
    summary, document = drafted
    tables = document.tables
    assert len(tables) == 2
    for table, panel in zip(tables, summary.panels, strict=True):
        rows = table.rows
        assert [c.text for c in rows[0].cells] == [
            "No.",
            "Delegation",
            "On behalf of",
            "Category",
            "Speaker",
        ]  # no times: the published list of speakers does not show overruns
        assert rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None  # repeats on every page
        assert len(rows) == len(demo.records(panel.panel)) + 1
        records = demo.records(panel.panel)
        for row, record in zip(rows[1:], records, strict=True):
            cells = [c.text for c in row.cells]
            assert cells[1] == record.delegation and cells[2] == record.on_behalf_of
            assert len(cells) == 5 and not any(re.fullmatch(r"\d+:\d\d", c) for c in cells)


def test_header_footer_and_core_properties(drafted):
    summary, document = drafted
    header = document.sections[0].header.paragraphs[0].text
    assert header.startswith("DRAFT — for the Chair’s review\tGenerated ") and "from 48 interventions" in header
    footer = document.sections[0].footer._element
    assert [t.text for t in footer.iter(qn("w:instrText"))] == [" PAGE "]
    core = document.core_properties
    assert core.title == summary.title == "Draft Chairs’ summaries: interactive panel discussions 1 and 2"
    assert core.author == "hlmnotes" and core.created is not None and core.language == "en-GB"


def test_fonts_cover_arabic_chinese_and_russian(demo):
    styles = docx.Document(str(template_path())).styles.element
    fonts = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}")
    assert fonts.get(qn("w:ascii")) == fonts.get(qn("w:hAnsi")) == "Times New Roman"  # Latin and Cyrillic
    assert fonts.get(qn("w:eastAsia")) == "SimSun" and fonts.get(qn("w:cs")) == "Times New Roman"


def _one_floor_statement(text: str) -> Workspace:
    workspace = Workspace.open(":memory:")
    workspace.store.apply([workspace.validate({
        "panel": 1, "delegation": "Civil society organization A", "category": "civil_society",
        "key_points": text, "recommendations": text, "questions": "2",
    })], [])  # fmt: skip
    return workspace


def test_right_to_left_text_gets_its_own_run(tmp_path):
    # A few words in another script inside an English point pass the editorial gate (a whole note does not).
    text = "called for shelters for victims of trafficking across the region, named — مأوى آمن — and 安全 убежище"
    workspace = _one_floor_statement(text)
    document = docx.Document(str(to_docx(workspace.drafting.summary([1]), tmp_path / "rtl.docx")))
    rtl = [r for r in document.element.body.iter(qn("w:r")) if r.find(f"{qn('w:rPr')}/{qn('w:rtl')}") is not None]
    assert [r.text for r in rtl][:1] == ["مأوى آمن"]
    assert "安全 убежище" in "".join(p.text for p in document.paragraphs)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(min_size=1, max_size=300))
def test_any_unicode_text_reaches_word_intact(text):
    workspace = _one_floor_statement(text)
    summary = workspace.drafting.summary([1])
    data = docx_bytes(summary)
    document = docx.Document(io.BytesIO(data))
    written = "\n".join(p.text for p in document.paragraphs)
    for sentence in summary.panels[0].sentences:
        assert clean_text(sentence.text) in written
    assert zipfile.ZipFile(io.BytesIO(data)).testzip() is None
    workspace.close()


def test_a_ten_thousand_character_note_and_control_characters(tmp_path):
    note = "stressed " + ("the need for data \x00\x07\ufffe and 🚀 " * 400)[:10_000]
    path = to_docx(_one_floor_statement(note).drafting.summary([1]), tmp_path / "long.docx")
    written = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    assert "🚀" not in written and "\x00" not in written and "\ufffe" not in written
    assert "note that repeats itself to be summarised — see comment]" in written  # the editorial gate's placeholder
    comments = zipfile.ZipFile(path).read("word/comments.xml").decode("utf-8")
    assert comments.count("🚀") > 300 and "\x00" not in comments  # the original, less the dropped controls


def test_writing_is_atomic(demo, tmp_path):
    with pytest.raises(HlmnotesError, match="its folder .* does not exist"):
        to_docx(demo.drafting.summary([1]), tmp_path / "missing" / "draft.docx")
    target = tmp_path / "draft.docx"
    target.write_bytes(b"previous draft")
    to_docx(demo.drafting.summary([1]), target)
    assert zipfile.is_zipfile(target) and not list(tmp_path.glob(".*partial"))


def test_text_that_never_went_through_validation_is_cleaned_too(demo):
    summary = demo.drafting.summary([1])
    panel = summary.panels[0]
    source = panel.sentences[-1].sources or next(s.sources for s in panel.sentences if s.sources)
    dirty = Sentence(
        "Speakers noted \x00bad\x07 input\x0bon two lines\ud800 with 🚀 and\ttabs.", sources=source, k=1, n=1
    )
    blocks = (*panel.blocks, Paragraph((dirty,), 99, items=(dirty,)))
    summary = replace(summary, panels=(replace(panel, blocks=blocks, title=panel.title + "\x1f"),))
    document = docx.Document(io.BytesIO(docx_bytes(summary)))
    written = [p.text for p in document.paragraphs]
    assert written.count("Speakers noted bad input\non two lines with 🚀 and\ttabs.") == 2
    assert document.paragraphs[0].text == panel.title


def test_the_closing_segment_document_opens_with_the_programme_item(drafted):
    summary, document = drafted
    assert summary.preface == (
        "Closing segment, 28 September 2017, General Assembly Hall",
        "Summaries of the Chairs of two Panel discussions",
    )
    assert [p.text for p in document.paragraphs[:2]] == list(summary.preface)
