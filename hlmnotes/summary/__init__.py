"""The draft Chair's summary: a format-independent model built from the store, written as Word,
Markdown or HTML, with the similar points of a panel proposed for grouping.

    summary = workspace.drafting.summary(panels=[1], by="question", attribution="anonymous")  # build_summary's
    to_docx(summary, "panel-1.docx")          # comments list the interventions behind each sentence
    to_markdown(summary); to_html(summary)    # previews from the same model

python-docx is imported only when a Word template is first prepared (``summary.render.wordparts``: the
package it saves is then kept in the user's cache) or a draft's values need it, never by the previews.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from ..errors import HlmnotesError
from .compose.build import SummarySources, build_summary
from .compose.grouping import ProposedGroup, accept_group, propose_groups, reject_group
from .compose.language import quantify
from .locale import ENGLISH, QUANTIFIERS, Locale, Quantifier
from .model import Summary
from .render.preview import to_html, to_markdown

FORMATS = ("docx", "md", "html")

__all__ = [
    "ENGLISH", "FORMATS", "QUANTIFIERS", "Locale", "ProposedGroup", "Quantifier", "Summary", "SummarySources", "accept_group", "build_summary", "export",
    "describe", "propose_groups", "quantify", "reject_group", "to_docx", "to_html", "to_markdown",
]  # fmt: skip


def to_docx(summary: Summary, path: str | Path, comments: bool = True, template: str | Path | None = None) -> Path:
    """Write ``summary`` as a Word draft at ``path``, atomically; ``comments=False`` leaves out the sources;
    ``template`` is the Chair's office's own .docx or .dotx (default: the shipped template)."""
    from .render.docx import to_docx as write

    return write(summary, path, comments=comments, template=template)


def export(
    read: Callable[[], SummarySources], output: str | Path | None, *, fmt: str | None = None, panels: int | Iterable[int] | str = "all", by: str = "question",
    attribution: str = "anonymous", comments: bool = True, template: str | Path | None = None,
    minutes: float | None = None, locale: Locale = ENGLISH, warn: Callable[[str], None] | None = None,
) -> tuple[Summary, str | None]:  # fmt: skip
    """Build the summary and write it to ``output`` in ``fmt`` (default: from the file's extension, else docx).

    Returns the summary and, when ``output`` is None (Markdown or HTML only), the text to print.
    ``template`` (Word only) is the Chair's office's own template; it is checked before ``read`` reads the
    records (``Workspace.drafting.sources``); what is removed from it (macros, external links) is told to
    ``warn`` in one line. ``locale``: the summary's words (``build_summary``).
    """
    suffix = Path(output).suffix.lower().lstrip(".") if output else ""
    named = {"markdown": "md", "htm": "html"}.get(suffix, suffix) if suffix in (*FORMATS, "markdown", "htm") else None
    if fmt and named and fmt != named:
        raise HlmnotesError(f"{output}: the name ends in .{suffix} but the format is {fmt}; make them agree")
    fmt = fmt or named or "docx"
    if fmt not in FORMATS:
        raise HlmnotesError(f"unknown summary format {fmt!r}; use docx, md or html")
    if fmt == "docx" and output is None:
        raise HlmnotesError("a Word draft is a file; give one with -o FILE.docx (or use --format md or html)")
    if template is not None and fmt != "docx":
        raise HlmnotesError(f"a Word template shapes the Word draft only; drop --template for the {fmt} preview")
    if template is not None:
        from .render.layout import open_template
        from .render.templatefile import read_template

        removed = read_template(template).warning()
        if removed and warn is not None:
            warn(removed)
        open_template(template)  # a template that cannot hold a draft is refused before anything is built
    from .compose.build import acyclic

    with acyclic():  # the records are read inside it too (see acyclic)
        summary = build_summary(read(), panels, by=by, attribution=attribution, minutes=minutes, locale=locale)
    if fmt == "docx" and output is not None:
        to_docx(summary, output, comments=comments, template=template)
        return summary, None
    text = to_markdown(summary) if fmt == "md" else to_html(summary)
    if output is None:
        return summary, text
    from ..io.interchange import write_file

    write_file(text.encode("utf-8"), output)
    return summary, None


def describe(summary: Summary, output: str | Path | None) -> str:
    """The one line the CLI prints after writing a draft: what was written where, and from what."""
    panels = ", ".join(str(p.panel) for p in summary.panels)
    paragraphs = sum(1 for p in summary.panels for b in p.paragraphs if b.number is not None)
    sourced = sum(1 for p in summary.panels for s in p.sentences if s.sources)
    speakers = "; ".join(f"panel {p.panel}: N = {p.floor_voices}" for p in summary.panels)
    return (
        f"Wrote the draft Chair's summary of panel{'s' if len(summary.panels) > 1 else ''} {panels} to {output}:"
        f" {summary.interventions} interventions, {paragraphs} numbered paragraphs, {sourced} sentences with sources"
        f" ({speakers} floor speakers)"
    )
