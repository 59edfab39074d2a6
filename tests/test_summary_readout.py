"""The read-out version the Chair reads at the closing segment: five minutes of the realistic two-panel record.

Words are counted as a word processor counts them (every paragraph of sections I–V, bracketed text included,
headings and paragraph numbers aside), and the staff note, the model and `hlmnotes check` give the same figure.
"""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest

from hlmnotes.summary.blocks import Heading, Paragraph

DATA = Path(__file__).parent / "data"


def _section(panel, label: str) -> list[Paragraph]:
    out, current = [], ""
    for block in panel.blocks:
        if isinstance(block, Heading) and block.level == 1:
            current = block.label
        elif current == label and isinstance(block, Paragraph):
            out.append(block)
    return out


def _word_processor(path: Path) -> list[int]:
    """Words of sections I–V of each summary in the .docx, as a word processor counts its text."""
    counts: list[int] = []
    inside = False
    for p in docx.Document(str(path)).paragraphs:
        style = p.style.name
        if style == "Title":
            counts.append(0)
        elif style == "Heading 1":
            inside = bool(re.match(r"(I|II|III|IV|V)\.\t", p.text))
        elif inside and not style.startswith("Heading"):
            counts[-1] += len(re.sub(r"^\d+\.\t", "", p.text).split())  # a typed question number is a number
    return counts


def test_five_minutes_fit_in_600_words_with_a_two_sentence_introduction_and_short_labels(two_panels, tmp_path):
    summary = two_panels.drafting.summary("all", minutes=5)
    path = tmp_path / "readout.docx"
    from hlmnotes.summary import to_docx

    to_docx(summary, path)
    assert _word_processor(path) == [p.words for p in summary.panels]
    for panel, programme in zip(summary.panels, two_panels.programme.panels, strict=True):
        assert panel.words <= 600
        intro = _section(panel, "I.")
        assert len(intro) == 1 and len(intro[0].sentences) <= 2
        for q in programme.questions:
            assert f"“{q.short}”" in intro[0].text and q.text not in intro[0].text
        headings = [b.text for b in panel.blocks if isinstance(b, Heading) and b.level == 2]
        assert all(h.split(": ", 1)[1] in {q.short for q in programme.questions} for h in headings)
        reading = next(n for n in panel.notes if "read aloud" in n)
        assert f"({panel.words:,} words" in reading
        # section III opens with the panel's most widely supported topic
        three = [p for p in _section(panel, "III.") if p.sentences[0].k]
        full = two_panels.drafting.summary([programme.id]).panels[0]
        assert three[0].sentences[0].k == max(p.sentences[0].k for p in _section(full, "III.") if p.sentences)
    report = two_panels.drafting.check(path)
    assert [r.words for r in report.readings] == [p.words for p in summary.panels]


def test_a_budget_below_the_shortest_read_out_is_refused_naming_it(two_panels, tmp_path):
    from hlmnotes import ValidationError

    with pytest.raises(ValidationError) as refused:
        two_panels.drafting.summary("all", minutes=1)
    message = str(refused.value)
    assert message.startswith("minutes: the read-out version of panel 1 needs at least 1.5 minutes (")
    assert message.endswith("give --minutes 1.5 or more")
    assert two_panels.drafting.summary("all", minutes=1.5).panels  # the minimum itself is accepted


def test_divergent_views_are_kept_over_the_budget_with_a_note(two_panels):
    tight = two_panels.drafting.summary("all", minutes=1.5)
    for panel in tight.panels:
        text = " ".join(s.text for s in panel.sentences)
        assert re.search(r", however, (cautioned|questioned)", text)
        if panel.words > 180:
            assert any(n.startswith("[Note for staff: the read-out version runs ") for n in panel.notes)


def test_the_read_out_keeps_the_list_to_rephrase(tmp_path):
    from hlmnotes import Workspace

    ws = Workspace.open(tmp_path / "raw.db", create=True)
    ws.import_interventions(DATA / "summary-raw-notes.csv")
    full = [n for n in ws.drafting.summary([1]).panels[0].notes if n.startswith("[To rephrase:")]
    short = [n for n in ws.drafting.summary([1], minutes=2).panels[0].notes if n.startswith("[To rephrase:")]
    assert full and sorted(short) == sorted(full)
    ws.close()
