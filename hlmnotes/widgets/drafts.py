"""The Summary notebook's two file choices: the Chair's office's own Word template for the draft, and the
edited draft brought back to be checked against the records (``hlmnotes check``), with the annotated
copy to download. Both are thin views over the library (``summary.layout``, ``summary.check``)."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

import ipywidgets as w

from ..app.workspace import Workspace
from ..errors import HlmnotesError
from ..summary.render.layout import open_template
from ..summary.render.templatefile import read_template
from ..summary.verify.check import Report
from ._common import StatusLine, esc, html_table, reports

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def download_link(path: Path, label: str | None = None) -> str:
    """An HTML link that downloads ``path`` from the page itself (works in Voilà and JupyterLab alike)."""
    data = base64.b64encode(path.read_bytes()).decode("ascii")
    return (f"<a download='{esc(path.name)}' href='data:{DOCX};base64,{data}' "
            f"style='font-weight:bold'>⬇ {esc(label or path.name)}</a>")  # fmt: skip


def _uploaded(upload: w.FileUpload, folder: Path) -> Path:
    """The uploaded file, kept in ``folder`` under its own name (so errors and findings name it as the person does)."""
    item = upload.value[0]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / Path(item["name"]).name
    path.write_bytes(bytes(item["content"]))
    return path


class TemplateChoice:
    """The Word template of the next export: the shipped one, or an office template uploaded here.

    ``path`` is None for the shipped template. An upload is checked at once (``layout.open_template``)
    and refused with the missing style, list, row or field named, the shipped template staying chosen.
    """

    def __init__(self, folder: Path, status: StatusLine):
        self.folder = folder
        self.status = status
        self.path: Path | None = None
        self.upload = w.FileUpload(accept=".docx,.dotx", multiple=False, description="Office template")
        self.shipped = w.Button(description="Shipped template", icon="undo", tooltip="Use hlmnotes' own template again")
        self.label = w.HTML()
        self.upload.observe(lambda change: self.choose(), names="value")
        self.shipped.on_click(lambda _: self.reset())
        self.widget = w.HBox([self.upload, self.shipped, self.label])
        self.reset()

    def reset(self) -> None:
        self.path = None
        self.label.value = "<span class='hlm-muted'>Template: the shipped one</span>"

    @reports
    def choose(self) -> None:
        if not self.upload.value:
            return
        path = _uploaded(self.upload, self.folder / "templates")
        try:
            open_template(path)
        except HlmnotesError as exc:
            self.reset()
            raise HlmnotesError(str(exc).replace(str(path), path.name)) from exc
        self.path = path
        self.label.value = f"Template: <b>{esc(path.name)}</b>"
        removed = read_template(path).warning()  # macros, an attached template, external links: none reaches a draft
        if removed:
            self.status.warn(f"The next Word draft uses the office template {path.name}; {removed.replace(str(path), path.name)}")
        else:
            self.status.ok(f"The next Word draft uses the office template {path.name}")


class DraftCheck:
    """Upload an edited draft, read the findings, download the copy with a comment on each finding."""

    def __init__(self, workspace: Workspace, folder: Path, status: StatusLine | None = None):
        self.ws = workspace
        self.folder = folder
        self.status = status or StatusLine()
        self.report: Report | None = None
        self.upload = w.FileUpload(accept=".docx", multiple=False, description="Edited draft")
        self.minutes = w.BoundedIntText(value=0, min=0, max=60, description="Minutes", style={"description_width": "5em"},
                                        tooltip="reading-time budget of sections I–V; 0: no budget",
                                        layout=w.Layout(width="11em"))  # fmt: skip
        self.check_button = w.Button(description="Check draft", icon="check", button_style="warning")
        self.findings = w.HTML()
        self.link = w.HTML()
        self.check_button.on_click(self.check)
        self.widget = w.VBox([
            w.HTML("<b>Check an edited draft</b> <span class='hlm-muted'>against the records and the programme"
                   " (the Word comments list each sentence's sources)</span>"),
            w.HBox([self.upload, self.minutes, self.check_button]), self.link, self.findings,
        ])  # fmt: skip

    @reports
    def check(self, _: Any = None) -> Report | None:
        if not self.upload.value:
            self.status.warn("Choose the edited draft (.docx) first")
            return None
        path = _uploaded(self.upload, self.folder / "checked")
        annotated = path.with_name(f"{path.stem}-checked.docx")
        try:
            report = self.ws.drafting.check(path, minutes=self.minutes.value or None, annotate_to=annotated)
        except HlmnotesError as exc:
            raise HlmnotesError(str(exc).replace(str(path), path.name)) from exc
        self.report = report
        rows = [
            [esc(f.panel or ""), esc(f.where), esc(f.kind), f"<i>{esc(f.words)}</i>", esc(f.message)]
            for f in report.findings
        ]
        self.findings.value = html_table(["Panel", "Where", "Kind", "Words", "Finding"], rows, empty="No findings.")
        self.link.value = download_link(annotated, f"{annotated.name} (a comment on each finding)")
        count = len(report.findings)
        reading = "; ".join(f"panel {r.panel}: about {r.minutes:g} min" for r in report.readings)
        if count:
            self.status.warn(f"{count} finding{'s' if count > 1 else ''} in {path.name} ({reading})")
        else:
            self.status.ok(f"No findings in {path.name} ({reading})")
        return report
