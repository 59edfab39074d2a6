"""A draft's body and comments as WordprocessingML text, in the template's styles and lists (``Layout``).

Written as text and streamed by ``docx`` into the saved package: python-docx's one-call-per-element
API is O(n) per comment id and per table cell. Runs carry Word's line breaks and tabs, and
right-to-left stretches get runs of their own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...domain.text import clean_text
from ..blocks import AnnexRow, Heading, PanelSummary, Paragraph, Sentence, source_note
from ..model import Summary
from .wordparts import Layout

COMMENT_AUTHOR = "hlmnotes"
COMMENT_INITIALS = "HN"
# Right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko…): such runs get <w:rtl/> so Word lays
# them out right to left and formats them with the complex-script (w:cs) font.
_RTL_CHARS = "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe"
_RTL = re.compile(f"[{_RTL_CHARS}]+(?:[\\s\\d.,:;\u060c\u061b()-]+[{_RTL_CHARS}]+)*")
_SPECIAL = re.compile(f"[{_RTL_CHARS}\n\t\r\x0b\x0c\u2028\u2029]")
# What clean_text would change: XML-illegal characters and line breaks other than "\n".
_UNCLEAN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\r\u2028\u2029\ufffe\uffff\ud800-\udfff]")
# Either: a text with neither is one plain run (one search for most non-ASCII text, "Chair’s", "—", "é").
_ODD = re.compile(f"[{_RTL_CHARS}\n\t\r\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u2028\u2029\ufffe\uffff\ud800-\udfff]")
_ODD_BUT_BREAK = re.compile(f"[{_RTL_CHARS}\t\r\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u2028\u2029\ufffe\uffff\ud800-\udfff]")


def escape(text: str) -> str:
    """``text`` as XML character data: ``xml.sax.saxutils.escape``'s three replacements, written here
    because importing ``xml.sax.saxutils`` imports ``urllib.request`` (http, email, ssl): 40 ms of
    every Word draft for three ``str.replace``."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _text_run(text: str, rpr: str) -> str:
    props = f"<w:rPr>{rpr}</w:rPr>" if rpr else ""
    if "\n" not in text and "\t" not in text:
        return f'<w:r>{props}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'
    pieces = []
    for piece in re.split(r"(\n|\t)", text):
        if piece == "\n":
            pieces.append("<w:br/>")
        elif piece == "\t":
            pieces.append("<w:tab/>")
        elif piece:
            pieces.append(f'<w:t xml:space="preserve">{escape(piece)}</w:t>')
    return f"<w:r>{props}{''.join(pieces)}</w:r>"


def runs(text: str, rpr: str = "") -> str:
    """``text`` as runs: cleaned by ``clean_text``, line breaks and tabs as Word's, right-to-left
    stretches in their own runs. Printable ASCII, most of any draft, needs none of that."""
    if (text.isascii() and text.isprintable()) or not _ODD.search(text):
        return _text_run(text, rpr) if text else ""
    if _UNCLEAN.search(text):
        text = clean_text(text)
    if not _SPECIAL.search(text):
        return _text_run(text, rpr) if text else ""
    out, position = [], 0
    for match in _RTL.finditer(text):
        if match.start() > position:
            out.append(_text_run(text[position : match.start()], rpr))
        out.append(_text_run(match.group(), rpr + "<w:rtl/>"))
        position = match.end()
    if position < len(text):
        out.append(_text_run(text[position:], rpr))
    return "".join(out)


def _p(style: str, content: str, extra: str = "") -> str:
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{extra}</w:pPr>{content}</w:p>'


# Items with labels of their own: numId 0 switches off the list the SubItem style carries ((a), (b)…),
# and the style's indents are repeated because LibreOffice drops them with the list; the label then
# hangs where (a) would, under the paragraph's text, and is not read as a paragraph number.
_NO_LIST = '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr><w:ind w:left="1134" w:hanging="567"/>'


def _numbered(num_id: int) -> str:
    return f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'


def num(num_id: int, abstract: int) -> str:
    """A list instance (w:num) over ``abstract`` that starts again at 1."""
    return (
        f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{abstract}"/>'
        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
    )


class BodyWriter:
    """Writes one document's body XML, noting the extra list instances (w:num) it uses and the sentences
    that get a comment; ``comments`` then writes those comments, in the same order."""

    def __init__(self, layout: Layout, next_num: int, summary: Summary, comments: bool):
        self.layout = layout
        self.styles = layout.styles
        self.paragraph_list, self.paragraph_abstract = layout.paragraphs
        self.item_abstract = layout.items[1]
        self.label = f'<w:rStyle w:val="{self.styles["SourceLabel"]}"/>'
        self.reference = f'<w:r><w:rPr><w:rStyle w:val="{self.styles["CommentReference"]}"/></w:rPr>'
        self.with_comments = comments
        self.locale = summary.locale
        self.date = summary.created.strftime("%Y-%m-%dT%H:%M:%SZ")
        self.commented: list[Sentence] = []  # comment id: index
        self.nums: list[str] = []
        self.next_num = next_num  # the first list instance id the template leaves free
        # A comment's line that is one plain run, around its escaped text: what p("CommentText", runs(line)) makes.
        self.plain_line = (
            self.p("CommentText", '<w:r><w:t xml:space="preserve">')[: -len("</w:p>")],
            "</w:t></w:r></w:p>",
        )

    def p(self, style: str, content: str, extra: str = "") -> str:
        """A paragraph in the template's own id for ``style`` (a known id of ``template.STYLES``)."""
        return _p(self.styles[style], content, extra)

    # lists ------------------------------------------------------------------------------------

    def _restarted(self, abstract: int) -> int:
        """A new list instance over ``abstract`` that starts again at 1 (Word does not restart by itself)."""
        num_id = self.next_num
        self.next_num += 1
        self.nums.append(num(num_id, abstract))
        return num_id

    # sentences --------------------------------------------------------------------------------

    def sentence(self, sentence: Sentence) -> str:
        content = runs(sentence.text)
        if not (self.with_comments and (sentence.sources or sentence.notes) and content):
            return content
        cid = len(self.commented)
        self.commented.append(sentence)
        return (
            f'<w:commentRangeStart w:id="{cid}"/>{content}<w:commentRangeEnd w:id="{cid}"/>'
            f'{self.reference}<w:commentReference w:id="{cid}"/></w:r>'
        )

    def comments(self) -> Iterator[str]:
        """The comments of the sentences ``sentence`` marked, each listing what its sentence is drawn from."""
        for cid, sentence in enumerate(self.commented):
            lines = source_note(sentence, self.locale)
            paragraphs = [
                self.p("CommentText", f"{self.reference}<w:annotationRef/></w:r>{runs(lines[0], self.label)}")
            ]
            rest = lines[1:]
            joined = "\n".join(rest)
            if rest and all(rest) and not _ODD_BUT_BREAK.search(joined):
                # Every line one plain run (as ``runs`` makes it): escaped at once, then cut into paragraphs.
                opening, closing = self.plain_line
                paragraphs.append(opening + escape(joined).replace("\n", closing + opening) + closing)
            else:
                paragraphs += [self.p("CommentText", runs(line)) for line in rest]
            yield (
                f'<w:comment w:id="{cid}" w:author="{COMMENT_AUTHOR}" w:date="{self.date}" w:initials="{COMMENT_INITIALS}">'
                f"{''.join(paragraphs)}</w:comment>"
            )

    def sentences(self, sentences: tuple[Sentence, ...]) -> str:
        space = _text_run(" ", "")
        return space.join(self.sentence(s) for s in sentences)

    # blocks -----------------------------------------------------------------------------------

    def body(self, summary: Summary) -> Iterator[str]:
        """The document's body, a paragraph (or an annex row) at a time."""
        yield from (self.p("Masthead", runs(line, "<w:i/><w:iCs/>")) for line in summary.preface)
        for i, panel in enumerate(summary.panels):
            yield from self.panel(panel, first=i == 0)

    def panel(self, panel: PanelSummary, *, first: bool) -> Iterator[str]:
        yield self.p("Title", runs(panel.title), "" if first else "<w:pageBreakBefore/>")
        for label, value in panel.masthead:
            yield self.p("Masthead", runs(f"{label}: ", "<w:b/><w:bCs/>") + runs(value))
        for note in panel.notes:
            yield self.p("StaffNote", runs(note), '<w:spacing w:before="120"/>')
        paragraphs = self.paragraph_list if first else self._restarted(self.paragraph_abstract)
        for block in panel.blocks:
            yield from self.block(block, paragraphs)
        yield self.p("Heading1", runs(self.locale.annex), "<w:pageBreakBefore/>")
        yield self.p("Heading2", runs(panel.annex_title))
        yield from self.annex(panel.annex)

    def block(self, block: Heading | Paragraph, paragraphs: int) -> Iterator[str]:
        """The block's paragraph, then each of its sub-items: one at a time, because section IV of a large
        meeting is one paragraph with tens of thousands of items (15 MB of XML at 50,000 interventions)."""
        if isinstance(block, Heading):
            yield self.p(f"Heading{block.level}", runs(block.label) + "<w:r><w:tab/></w:r>" + runs(block.text))
            return
        content = self.sentences(block.sentences)
        keep = "<w:keepNext/>" if block.items else ""  # a lead-in ending in a colon stays with its (a)
        if block.role == "placeholder":
            out = self.p("ChairPlaceholder", content)
        elif block.role == "note":
            out = self.p("StaffNote", content)
        elif block.number is not None:
            out = self.p("NumberedParagraph", content, keep + _numbered(paragraphs))
        else:
            out = self.p("Normal", content, keep)
        yield out
        if block.labels:  # labels of their own (the concept note's question numbers), not a Word list
            for i, item in enumerate(block.items):
                yield self.p("SubItem", runs(block.label(i)) + "<w:r><w:tab/></w:r>" + self.sentence(item), _NO_LIST)
        elif block.items:
            items = self._restarted(self.item_abstract)
            for item in block.items:
                yield self.p("SubItem", self.sentence(item), _numbered(items))

    def annex(self, rows: tuple[AnnexRow, ...]) -> Iterator[str]:
        """The list of speakers: one copy of the template's prototype row per intervention, fields by name."""
        layout = self.layout
        yield layout.table_open
        for row in rows:
            values = {
                "number": str(row.number), "delegation": row.delegation, "on_behalf_of": row.on_behalf_of,
                "category": row.category, "speaker": row.speaker,
            }  # fmt: skip
            parts = [layout.row_head]
            for slot in layout.slots:
                parts.append(runs(values[slot.field], slot.rpr))
                parts.append(slot.after)
            yield "".join(parts)
        yield layout.table_close
