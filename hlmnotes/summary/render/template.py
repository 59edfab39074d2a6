"""Regenerate ``hlmnotes/templates/summary.docx``, the Word template of the draft Chair's summary.

Run ``python -m hlmnotes.summary.template`` after changing a style here. The template is written
as raw WordprocessingML (a zip of XML parts) so every style, list and font setting is visible in
this one file, and the output is byte-for-byte reproducible (a test checks the shipped file is
what this script writes). Staff may also restyle the .docx in Word, or bring their own: the writer
needs the styles of ``STYLES`` (found by id or by the name in ``STYLE_NAMES``), the two list styles'
numbering, the annex prototype row of ``{field}`` cells and ``{generated}`` in a header; ``layout``
finds them and says what is missing (README, "Your own Word template"). The template's own words
(the header's "DRAFT" line, the annex's column headings, its language) are ``locale.ENGLISH``'s: a
summary in another ``Locale`` is written into the office's own template, which holds that locale's.
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

from ..locale import ENGLISH

TEMPLATE = Path(__file__).resolve().parents[2] / "templates" / "summary.docx"

# Every style the writer uses: id -> what it is for. tests/test_summary_docx.py checks each exists.
STYLES = {
    "Normal": "body text",
    "Title": "masthead: “Summary of interactive panel discussion 1: …”",
    "Masthead": "masthead lines: Chair, Date, Place",
    "Heading1": "sections: “I. Introduction”, “Annex”",
    "Heading2": "sub-headings of section III, the annex title",
    "NumberedParagraph": "paragraphs numbered 1, 2, 3… (list 1)",
    "SubItem": "sub-items (a), (b)… (list 2, restarted for each list)",
    "ChairPlaceholder": "text the Chair or staff must supply, boxed and shaded",
    "StaffNote": "notes for staff, not for reading out",
    "TableHeading": "annex table header cells",
    "TableText": "annex table cells",
    "AnnexTable": "the annex table",
    "Header": "page header",
    "Footer": "page footer",
    "CommentText": "comment paragraphs",
    "CommentReference": "comment marks",
    "SourceLabel": "the first line of a comment",
}
# Each style's name as Word's Styles pane shows it: a template re-saved by LibreOffice may give a
# style another id ("Subitem", "Annotationtext") but keeps its name, so the writer finds it by name.
STYLE_NAMES = {
    "Normal": "Normal", "Title": "Title", "Masthead": "Masthead", "Heading1": "heading 1", "Heading2": "heading 2",
    "NumberedParagraph": "Numbered Paragraph", "SubItem": "Sub-item", "ChairPlaceholder": "Chair Placeholder",
    "StaffNote": "Staff Note", "TableHeading": "Table Heading", "TableText": "Table Text", "AnnexTable": "Annex Table",
    "Header": "header", "Footer": "footer", "CommentText": "annotation text", "CommentReference": "annotation reference",
    "SourceLabel": "Source Label",
}  # fmt: skip
PARAGRAPH_LIST = 1  # numId of the 1, 2, 3… paragraph numbers
SUBITEM_LIST = 2  # numId of the (a), (b)… sub-items
PARAGRAPH_ABSTRACT = 1
SUBITEM_ABSTRACT = 2
GENERATED_TOKEN = "{generated}"
ANNEX_CAPTION = "hlmnotes annex"
ANNEX_FIELDS = ("number", "delegation", "on_behalf_of", "category", "speaker")

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_FONTS = '<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="SimSun" w:cs="Times New Roman"/>'


def _styles() -> str:
    def para(style_id: str, name: str, ppr: str = "", rpr: str = "", based: str = "Normal", extra: str = "") -> str:
        based_on = f'<w:basedOn w:val="{based}"/>' if based else ""
        return (
            f'<w:style w:type="paragraph" w:customStyle="{int(style_id not in _BUILTIN)}"'
            f' w:styleId="{style_id}"><w:name w:val="{name}"/>{based_on}{extra}<w:qFormat/>'
            f"<w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>"
        )

    heading = '<w:keepNext/><w:keepLines/><w:tabs><w:tab w:val="left" w:pos="567"/></w:tabs>'
    return (
        f'{_HEAD}<w:styles xmlns:w="{W}">'
        "<w:docDefaults><w:rPrDefault><w:rPr>"
        f'{_FONTS}<w:sz w:val="24"/><w:szCs w:val="24"/><w:lang w:val="{ENGLISH.language}" w:eastAsia="zh-CN" w:bidi="ar-SA"/>'
        '</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="240" w:lineRule="auto"/>'
        "</w:pPr></w:pPrDefault></w:docDefaults>"
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>'
        '<w:pPr><w:jc w:val="both"/></w:pPr><w:rPr>' + _FONTS + "</w:rPr></w:style>"
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>'
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:semiHidden/>'
        '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>'
        '<w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/>'
        "</w:tblCellMar></w:tblPr></w:style>"
        '<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/><w:semiHidden/></w:style>'
        + para("Title", "Title", '<w:keepNext/><w:spacing w:after="240"/><w:jc w:val="left"/>',
               '<w:b/><w:bCs/><w:sz w:val="28"/><w:szCs w:val="28"/>')
        + para("Masthead", "Masthead", '<w:spacing w:after="0"/><w:jc w:val="left"/>')
        + para("Heading1", "heading 1", heading + '<w:spacing w:before="360" w:after="120"/><w:ind w:left="567" w:hanging="567"/>'
               '<w:jc w:val="left"/><w:outlineLvl w:val="0"/>', '<w:b/><w:bCs/><w:sz w:val="26"/><w:szCs w:val="26"/>',
               extra='<w:next w:val="NumberedParagraph"/>')
        + para("Heading2", "heading 2", heading + '<w:spacing w:before="240" w:after="120"/><w:ind w:left="567" w:hanging="567"/>'
               '<w:jc w:val="left"/><w:outlineLvl w:val="1"/>', "<w:b/><w:bCs/>", extra='<w:next w:val="NumberedParagraph"/>')
        + para("NumberedParagraph", "Numbered Paragraph",
               f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{PARAGRAPH_LIST}"/></w:numPr><w:ind w:left="567" w:hanging="567"/>')
        + para("SubItem", "Sub-item",
               f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{SUBITEM_LIST}"/></w:numPr><w:spacing w:after="80"/>'
               '<w:ind w:left="1134" w:hanging="567"/>')
        + para("ChairPlaceholder", "Chair Placeholder",
               '<w:pBdr><w:top w:val="single" w:sz="4" w:space="4" w:color="BF8F00"/><w:left w:val="single" w:sz="4" w:space="4" w:color="BF8F00"/>'
               '<w:bottom w:val="single" w:sz="4" w:space="4" w:color="BF8F00"/><w:right w:val="single" w:sz="4" w:space="4" w:color="BF8F00"/></w:pBdr>'
               '<w:shd w:val="clear" w:color="auto" w:fill="FFF2CC"/><w:spacing w:before="120" w:after="240"/><w:ind w:left="567" w:right="113"/>'
               '<w:jc w:val="left"/>', "<w:i/><w:iCs/>")
        + para("StaffNote", "Staff Note", '<w:ind w:left="567"/><w:jc w:val="left"/>',
               '<w:i/><w:iCs/><w:color w:val="595959"/><w:sz w:val="20"/><w:szCs w:val="20"/>')
        + para("TableHeading", "Table Heading", '<w:keepNext/><w:spacing w:before="40" w:after="40"/><w:jc w:val="left"/>',
               '<w:b/><w:bCs/><w:sz w:val="20"/><w:szCs w:val="20"/>')
        + para("TableText", "Table Text", '<w:spacing w:before="20" w:after="20"/><w:jc w:val="left"/>',
               '<w:sz w:val="20"/><w:szCs w:val="20"/>')
        + para("Header", "header", '<w:tabs><w:tab w:val="right" w:pos="9360"/></w:tabs><w:spacing w:after="0"/><w:jc w:val="left"/>',
               '<w:sz w:val="18"/><w:szCs w:val="18"/>')
        + para("Footer", "footer", '<w:spacing w:after="0"/><w:jc w:val="center"/>', '<w:sz w:val="18"/><w:szCs w:val="18"/>')
        + para("CommentText", "annotation text", '<w:spacing w:after="60"/><w:jc w:val="left"/>',
               '<w:sz w:val="18"/><w:szCs w:val="18"/>')
        + '<w:style w:type="character" w:styleId="CommentReference"><w:name w:val="annotation reference"/>'
        '<w:basedOn w:val="DefaultParagraphFont"/><w:rPr><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr></w:style>'
        '<w:style w:type="character" w:customStyle="1" w:styleId="SourceLabel"><w:name w:val="Source Label"/>'
        '<w:basedOn w:val="DefaultParagraphFont"/><w:rPr><w:b/><w:bCs/></w:rPr></w:style>'
        '<w:style w:type="table" w:customStyle="1" w:styleId="AnnexTable"><w:name w:val="Annex Table"/>'
        '<w:basedOn w:val="TableNormal"/><w:pPr><w:spacing w:after="0"/></w:pPr><w:tblPr><w:tblBorders>'
        '<w:top w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="808080"/>'
        '<w:insideH w:val="single" w:sz="2" w:space="0" w:color="BFBFBF"/></w:tblBorders>'
        '<w:tblCellMar><w:left w:w="80" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr>'
        '<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:bCs/></w:rPr><w:tblPr/><w:tcPr><w:tcBorders>'
        '<w:bottom w:val="single" w:sz="8" w:space="0" w:color="404040"/></w:tcBorders>'
        '<w:shd w:val="clear" w:color="auto" w:fill="F2F2F2"/></w:tcPr></w:tblStylePr></w:style>'
        "</w:styles>"
    )  # fmt: skip


_BUILTIN = {"Title", "Heading1", "Heading2", "Header", "Footer", "CommentText"}


def _level(fmt: str, text: str, left: int) -> str:
    return (
        f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
        f'<w:lvlJc w:val="left"/><w:pPr><w:tabs><w:tab w:val="num" w:pos="{left}"/></w:tabs>'
        f'<w:ind w:left="{left}" w:hanging="567"/></w:pPr></w:lvl>'
    )


def _numbering() -> str:
    return (
        f'{_HEAD}<w:numbering xmlns:w="{W}">'
        f'<w:abstractNum w:abstractNumId="{PARAGRAPH_ABSTRACT}"><w:multiLevelType w:val="singleLevel"/>'
        f"{_level('decimal', '%1.', 567)}</w:abstractNum>"
        f'<w:abstractNum w:abstractNumId="{SUBITEM_ABSTRACT}"><w:multiLevelType w:val="singleLevel"/>'
        f"{_level('lowerLetter', '(%1)', 1134)}</w:abstractNum>"
        f'<w:num w:numId="{PARAGRAPH_LIST}"><w:abstractNumId w:val="{PARAGRAPH_ABSTRACT}"/></w:num>'
        f'<w:num w:numId="{SUBITEM_LIST}"><w:abstractNumId w:val="{SUBITEM_ABSTRACT}"/></w:num>'
        "</w:numbering>"
    )


def _cell(width: int, style: str, text: str, align: str = "left", header: bool = False) -> str:
    return (
        f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr><w:p><w:pPr><w:pStyle w:val="{style}"/>'
        f'<w:jc w:val="{align}"/></w:pPr><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p></w:tc>'
    )


def _document() -> str:
    # twentieths of a point; sum = 9360, the text width. "United Nations entity" and "Civil society
    # organization A" each fit on one line. No time column: the list of speakers is published, and the
    # time each speaker used stays in the statistics and the comments.
    widths = (560, 3000, 1800, 2300, 1700)
    headings = ENGLISH.annex_columns
    aligns = ("right", "left", "left", "left", "left")
    header = "".join(_cell(w, "TableHeading", h, a) for w, h, a in zip(widths, headings, aligns, strict=True))
    proto = "".join(
        _cell(w, "TableText", "{" + f + "}", a) for w, f, a in zip(widths, ANNEX_FIELDS, aligns, strict=True)
    )
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    return (
        f'{_HEAD}<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>'
        '<w:p><w:pPr><w:pStyle w:val="StaffNote"/></w:pPr><w:r><w:t>hlmnotes template for the draft Chair’s summary.'
        " Regenerate it with python -m hlmnotes.summary.template. The table below is the prototype of the annex"
        " rows: the writer copies its second row for each speaker.</w:t></w:r></w:p>"
        f'<w:tbl><w:tblPr><w:tblStyle w:val="AnnexTable"/><w:tblW w:w="9360" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
        f'<w:tblLook w:val="0020" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>'
        f'<w:tblCaption w:val="{ANNEX_CAPTION}"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>'
        f"<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>{header}</w:tr>"
        f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{proto}</w:tr></w:tbl>"
        '<w:sectPr><w:headerReference w:type="default" r:id="rIdHeader"/><w:footerReference w:type="default" r:id="rIdFooter"/>'
        '<w:pgSz w:w="12240" w:h="15840"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440"'
        ' w:header="720" w:footer="720" w:gutter="0"/></w:sectPr>'
        "</w:body></w:document>"
    )


def _header() -> str:
    return (
        f'{_HEAD}<w:hdr xmlns:w="{W}"><w:p><w:pPr><w:pStyle w:val="Header"/></w:pPr>'
        f'<w:r><w:rPr><w:b/><w:color w:val="9C0006"/></w:rPr><w:t>{ENGLISH.draft_banner}</w:t></w:r>'
        f'<w:r><w:tab/></w:r><w:r><w:rPr><w:color w:val="595959"/></w:rPr><w:t>{GENERATED_TOKEN}</w:t></w:r></w:p></w:hdr>'
    )


def _footer() -> str:
    # A PAGE field, so Word and LibreOffice number the pages themselves.
    return (
        f'{_HEAD}<w:ftr xmlns:w="{W}"><w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
        "</w:p></w:ftr>"
    )


def _settings() -> str:
    return (
        f'{_HEAD}<w:settings xmlns:w="{W}"><w:zoom w:percent="100"/><w:defaultTabStop w:val="567"/>'
        '<w:characterSpacingControl w:val="doNotCompress"/><w:compat>'
        '<w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/>'
        "</w:compat></w:settings>"
    )


_PKG = "http://schemas.openxmlformats.org/package/2006"
_OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_WORD_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml"


def parts() -> dict[str, str]:
    """The template's parts by name, in the order they are zipped."""
    rels = [
        ("rIdStyles", "styles", "styles.xml"),
        ("rIdNumbering", "numbering", "numbering.xml"),
        ("rIdSettings", "settings", "settings.xml"),
        ("rIdHeader", "header", "header1.xml"),
        ("rIdFooter", "footer", "footer1.xml"),
    ]
    return {
        "[Content_Types].xml": (
            f'{_HEAD}<Types xmlns="{_PKG}/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/word/document.xml" ContentType="{_WORD_CT}.document.main+xml"/>'
            f'<Override PartName="/word/styles.xml" ContentType="{_WORD_CT}.styles+xml"/>'
            f'<Override PartName="/word/numbering.xml" ContentType="{_WORD_CT}.numbering+xml"/>'
            f'<Override PartName="/word/settings.xml" ContentType="{_WORD_CT}.settings+xml"/>'
            f'<Override PartName="/word/header1.xml" ContentType="{_WORD_CT}.header+xml"/>'
            f'<Override PartName="/word/footer1.xml" ContentType="{_WORD_CT}.footer+xml"/>'
            '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
            '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
            "</Types>"
        ),
        "_rels/.rels": (
            f'{_HEAD}<Relationships xmlns="{_PKG}/relationships">'
            f'<Relationship Id="rId1" Type="{_OFFICE}/officeDocument" Target="word/document.xml"/>'
            f'<Relationship Id="rId2" Type="{_PKG}/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
            f'<Relationship Id="rId3" Type="{_OFFICE}/extended-properties" Target="docProps/app.xml"/>'
            "</Relationships>"
        ),
        "docProps/core.xml": (
            f'{_HEAD}<cp:coreProperties xmlns:cp="{_PKG}/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"'
            ' xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f"<dc:title>{ENGLISH.document_category} (hlmnotes template)</dc:title><dc:creator>hlmnotes</dc:creator>"
            f"<dc:language>{ENGLISH.language}</dc:language></cp:coreProperties>"
        ),
        "docProps/app.xml": (
            f'{_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
            "<Application>hlmnotes</Application></Properties>"
        ),
        "word/document.xml": _document(),
        "word/_rels/document.xml.rels": (
            f'{_HEAD}<Relationships xmlns="{_PKG}/relationships">'
            + "".join(f'<Relationship Id="{i}" Type="{_OFFICE}/{t}" Target="{target}"/>' for i, t, target in rels)
            + "</Relationships>"
        ),
        "word/styles.xml": _styles(),
        "word/numbering.xml": _numbering(),
        "word/settings.xml": _settings(),
        "word/header1.xml": _header(),
        "word/footer1.xml": _footer(),
    }


def template_bytes() -> bytes:
    """The template as a .docx file's bytes; the same bytes every time (fixed zip timestamps)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts().items():
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text.encode("utf-8"))
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    target = Path(args[0]) if args else TEMPLATE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(template_bytes())
    print(f"Wrote {target}")


if __name__ == "__main__":
    main()
