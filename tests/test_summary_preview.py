"""Markdown and HTML previews render the same model as the Word draft."""

from __future__ import annotations

import html

from hlmnotes.summary import to_html, to_markdown


def _statement(ws, text):
    ws.store.apply([ws.validate({
        "panel": 1, "delegation": "Member State A", "category": "member_state", "key_points": text,
        "recommendations": "train judges", "questions": "1", "rapporteur": "Rapporteur 3",
    })], [])  # fmt: skip


def test_markdown_keeps_the_numbers_and_labels_as_written(ws):
    _statement(ws, "stressed <b>*data*</b> [1] needs")
    md = to_markdown(ws.drafting.summary([1]))
    assert md.startswith("# Summary of interactive panel discussion 1: “")
    assert "**Date:** 27 September 2017, 3 to 4.30 p.m." in md
    assert "## I. Introduction" in md and "### A. Question 1: In what ways" in md
    assert "1\\. Interactive panel discussion 1 of the high-level meeting" in md
    assert "> 1\\. In what ways is the work towards implementing" in md  # the concept note's numbers, kept
    assert "> (a) One Member State called for training judges." in md
    assert "One Member State stressed &lt;b>\\*data\\*&lt;/b> \\[1] needs." in md
    assert "| 1 | Member State A |  | Member State |  |" in md
    assert "[#1]" in to_markdown(ws.drafting.summary([1]), sources=True)


def test_html_is_a_self_contained_escaped_fragment_with_sources_on_hover(ws):
    _statement(ws, "stressed <script>alert(1)</script> & more")
    out = to_html(ws.drafting.summary([1]))
    assert out.startswith('<div class="hlmnotes-summary"') and out.endswith("</div>")
    assert "<script>" not in out and html.escape("<script>alert(1)</script> & more") in out
    assert "<link" not in out and "<style" not in out  # inline styles only: nothing to fetch
    assert 'title="k = 1 of N = 1 floor speakers → one Member State (row k = 1)' in out
    assert "recorded by Rapporteur 3" in out
    assert "[To be completed by the Chair.]" in out
    assert 'dir="auto">1.&ensp;In what ways' in out and "(a)&ensp;" in out
