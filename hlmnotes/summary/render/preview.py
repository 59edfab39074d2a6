"""Markdown and HTML previews of the summary model, for the notebook and ``hlmnotes summary --format md``.

Both render the same model as the Word writer, with the paragraph numbers and (a), (b)… labels
written out. The HTML is a self-contained fragment (scoped inline styles, no scripts); hovering a
sentence of the discussion shows the interventions behind it, as the Word comments do.
"""

from __future__ import annotations

import html
import re
from typing import Protocol

from ..blocks import AnnexRow, Heading, PanelSummary, Paragraph, Sentence, source_note
from ..locale import Locale


class Summary(Protocol):
    """What the previews read of a ``model.Summary``: a protocol, so that ``model`` may render itself
    in a notebook through this module without the two importing each other."""

    @property
    def preface(self) -> tuple[str, ...]: ...
    @property
    def panels(self) -> tuple[PanelSummary, ...]: ...
    @property
    def locale(self) -> Locale: ...


def _annex_cells(row: AnnexRow) -> list[str]:
    return [str(row.number), row.delegation, row.on_behalf_of, row.category, row.speaker]


# -- Markdown -----------------------------------------------------------------------------------


def _md_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_").replace("<", "&lt;").replace("[", "\\[")


def _md_label(label: str) -> str:
    """An item's label as Markdown shows it: "3\\." for a number, as for paragraph numbers, since a
    Markdown list would renumber the concept note's question numbers; "(a)" as it is."""
    escaped = _md_escape(label)
    return re.sub(r"^(\d+)\.", r"\1\\.", escaped)


def to_markdown(summary: Summary, *, sources: bool = False) -> str:
    """The summary as Markdown; ``sources=True`` adds each sentence's intervention ids, e.g. "[#12, #15]"."""
    out: list[str] = [f"_{_md_escape(line)}_  " for line in summary.preface]
    out += [""] if summary.preface else []
    for index, panel in enumerate(summary.panels):
        if index:
            out.append("\n---\n")
        out += _md_panel(panel, sources, summary.locale)
    return "\n".join(out).rstrip() + "\n"


def _md_sentences(sentences: tuple[Sentence, ...], sources: bool) -> str:
    parts = []
    for s in sentences:
        text = _md_escape(s.text)
        if sources and s.sources:
            text += " [" + ", ".join(f"#{x.intervention}" for x in s.sources) + "]"
        parts.append(text)
    return " ".join(parts)


def _md_panel(panel: PanelSummary, sources: bool, locale: Locale) -> list[str]:
    out = [f"# {_md_escape(panel.title)}", ""]
    out += [f"**{label}:** {_md_escape(value)}  " for label, value in panel.masthead]
    out.append("")
    out += [x for note in panel.notes for x in (f"_{_md_escape(note)}_", "")]
    for block in panel.blocks:
        if isinstance(block, Heading):
            out += [f"{'#' * (block.level + 1)} {block.label} {_md_escape(block.text)}", ""]
            continue
        text = _md_sentences(block.sentences, sources)
        if block.role == "placeholder":
            text = f"**_{text}_**"
        elif block.role == "note":
            text = f"_{text}_"
        if block.number is not None:
            # "12\." keeps the number as written; a Markdown list would renumber it.
            prefix = f"{block.number}\\. "
            out.append(prefix + text)
        else:
            out.append(text)
        out.append("")
        for i, item in enumerate(block.items):
            out += [f"> {_md_label(block.label(i))} {_md_sentences((item,), sources)}", ">"]
        if block.items:
            out[-1] = ""
    out += [f"## {locale.annex}: {_md_escape(panel.annex_title)}", ""]
    out += ["| " + " | ".join(locale.annex_columns) + " |", "|" + "---|" * len(locale.annex_columns)]
    for row in panel.annex:
        out.append("| " + " | ".join(_md_escape(c).replace("|", "\\|") for c in _annex_cells(row)) + " |")
    out.append("")
    return out


# -- HTML ---------------------------------------------------------------------------------------

_STYLE = (
    "font-family: 'Times New Roman', 'Noto Serif', serif; font-size: 12pt; line-height: 1.35; max-width: 46em;"
    " color: #111; background: #fff; padding: 1em 1.5em;"
)


def to_html(summary: Summary) -> str:
    """The summary as one self-contained HTML fragment (inline styles only) for a notebook cell."""
    e = html.escape
    locale = summary.locale
    out = [f'<div class="hlmnotes-summary" style="{_STYLE}">']
    out.append(f'<p style="color:#a00; font-weight:bold; margin:0 0 1em">{e(locale.draft_banner)}</p>')
    out += [f'<p style="margin:0; font-style:italic">{e(line)}</p>' for line in summary.preface]
    for index, panel in enumerate(summary.panels):
        if index:
            out.append('<hr style="margin:2em 0">')
        out.append(f'<h1 style="font-size:14pt; margin:0 0 .5em">{e(panel.title)}</h1>')
        out += [f'<p style="margin:0"><b>{e(label)}:</b> {e(value)}</p>' for label, value in panel.masthead]
        out += [f'<p style="margin:.5em 0 0; color:#666; font-style:italic">{e(note)}</p>' for note in panel.notes]
        for block in panel.blocks:
            out.append(_html_block(block, locale))
        out.append(f'<h2 style="font-size:12pt; margin-top:1.5em">{e(locale.annex)}: {e(panel.annex_title)}</h2>')
        out.append('<table style="border-collapse:collapse; font-size:10pt"><thead><tr>')
        out += [
            f'<th style="border:1px solid #999; padding:2px 6px; text-align:left">{e(c)}</th>' for c in locale.annex_columns
        ]
        out.append("</tr></thead><tbody>")
        for row in panel.annex:
            cells = "".join(
                f'<td style="border:1px solid #999; padding:2px 6px" dir="auto">{e(c)}</td>' for c in _annex_cells(row)
            )
            out.append(f"<tr>{cells}</tr>")
        out.append("</tbody></table>")
    out.append("</div>")
    return "\n".join(out)


def _html_sentence(sentence: Sentence, locale: Locale) -> str:
    text = html.escape(sentence.text)
    note = "\n".join(source_note(sentence, locale))
    if not note:
        return text
    return f'<span title="{html.escape(note)}" style="border-bottom:1px dotted #88a">{text}</span>'


def _html_block(block: Heading | Paragraph, locale: Locale) -> str:
    e = html.escape
    if isinstance(block, Heading):
        size = "13pt" if block.level == 1 else "12pt"
        return f'<h{block.level + 1} style="font-size:{size}; margin:1.2em 0 .4em">{e(block.label)}&ensp;{e(block.text)}</h{block.level + 1}>'
    body = " ".join(_html_sentence(s, locale) for s in block.sentences)
    style = "margin:.5em 0"
    if block.role == "placeholder":
        style += "; background:#fff3c4; font-style:italic; padding:.3em .5em; border:1px solid #e0c060"
    elif block.role == "note":
        style += "; color:#666; font-style:italic"
    number = f"{block.number}.&ensp;" if block.number is not None else ""
    out = f'<p style="{style}" dir="auto">{number}{body}</p>'
    if block.items:
        items = "".join(
            f'<p style="margin:.3em 0 .3em 2.5em; text-indent:-1.8em" dir="auto">{html.escape(block.label(i))}&ensp;{_html_sentence(s, locale)}</p>'
            for i, s in enumerate(block.items)
        )
        out += items
    return out
