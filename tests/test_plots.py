"""The review charts: right numbers in the right places, and a calm figure when there is nothing yet."""

from __future__ import annotations

import pytest
from matplotlib.figure import Figure

from hlmnotes.analysis import plots
from hlmnotes.io.demo import demo_rows


@pytest.fixture
def records(ws):
    ws.store.apply([ws.validate(r) for r in demo_rows(ws.programme, per_panel=12)], [])
    return ws.records()


def test_interventions_per_question_counts_and_marks_unaddressed_questions(ws, records):
    ws.save({"panel": 2, "delegation": "Member State Z", "category": "member_state", "questions": "1"})
    only_q1 = [r for r in ws.records(2) if r.questions == (1,)]
    figure = plots.interventions_per_question(only_q1, ws.programme, 2)
    ax = figure.axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Q1", "Q2", "Q3", "Q4", "Q5"]
    assert [p.get_height() for p in ax.patches] == [len(only_q1), 0, 0, 0, 0]
    assert [t.get_text() for t in ax.texts] == ["nobody"] * 4


def test_heatmap_rows_are_the_themes_used(ws, records):
    figure = plots.theme_question_heatmap(records, ws.programme, ws.codebook, 1)
    ax = figure.axes[0]
    used = {t for r in records if r.panel == 1 and r.questions for t in r.themes}
    assert len(ax.get_yticklabels()) == len(used)
    assert [t.get_text() for t in ax.get_xticklabels()] == [f"Q{n}" for n in range(1, 7)]
    cells = sum(int(t.get_text()) for t in ax.texts)
    assert cells == sum(len(r.themes) * len(r.questions) for r in records if r.panel == 1)


def test_speaking_time_draws_each_category_against_its_limit(ws, records):
    ax = plots.speaking_time_by_category(records, ws.programme, 1).axes[0]
    limits = sorted({round(seg[0][1], 2) for coll in ax.collections if hasattr(coll, "get_segments")
                     for seg in coll.get_segments()})  # fmt: skip
    assert limits == [3.0, 5.0]
    assert ax.get_xticklabels()[0].get_text().startswith("chair\n1")


def test_timeline_has_one_bar_per_timed_intervention(ws, records):
    ax = plots.timeline(records, ws.programme, 1).axes[0]
    timed = [r for r in records if r.panel == 1 and r.started_at]
    assert len(ax.patches) == len(timed)
    assert ax.get_yticklabels()[0].get_text() == "Belgium"  # the Chair's delegation opens the panel


@pytest.mark.parametrize("chart", ["theme_question_heatmap", "speaking_time_by_category", "timeline"])
def test_an_empty_panel_gives_a_figure_that_says_so(ws, chart):
    args = (ws.programme, ws.codebook, 1) if chart == "theme_question_heatmap" else (ws.programme, 1)
    figure = getattr(plots, chart)([], *args)
    assert isinstance(figure, Figure) and "Panel 1: no" in figure.axes[0].texts[0].get_text()


def test_png_bytes(ws, records):
    assert plots.png(plots.interventions_per_question(records, ws.programme, 1)).startswith(b"\x89PNG\r\n\x1a\n")
