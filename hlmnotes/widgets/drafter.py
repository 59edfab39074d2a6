"""The Drafter: the Chair's staff choose panels, ordering, attribution and (optionally) their office's
Word template, read the preview, take away the Word draft, and bring the edited draft back to check it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import ipywidgets as w

from ..app.workspace import Workspace
from ..domain.timing import meeting_clock
from ..errors import HlmnotesError
from ..summary import describe, to_docx, to_html
from ._common import CSS, StatusLine, esc, reports
from .drafts import DraftCheck, TemplateChoice, download_link


def drafts_folder(workspace: Workspace) -> Path:
    """``drafts/`` beside a store file; for a server or in-memory store, ``drafts/`` in the working folder."""
    file = workspace.store_file
    return file.resolve().parent / "drafts" if file else Path.cwd() / "drafts"


class Drafter:
    """Preview and export the draft Chair's summary of one or all panels."""

    def __init__(self, workspace: Workspace | None = None, *, folder: str | Path | None = None):
        self.ws = workspace or Workspace.open()
        self.folder = Path(folder) if folder else drafts_folder(self.ws)
        self.status = StatusLine(meeting_clock(self.ws.programme))
        self.summary: Any = None
        wide = {"description_width": "7em"}
        self.panels = w.Dropdown(
            description="Panels", options=[("All panels", "all")] + [(f"Panel {p.id}", p.id) for p in self.ws.programme.panels],
            style=wide,
        )  # fmt: skip
        self.by = w.ToggleButtons(description="Order by", options=[("Guiding question", "question"), ("Theme", "theme")],
                                  style=wide | {"button_width": "auto"})  # fmt: skip
        self.attribution = w.ToggleButtons(
            description="Attribution", style=wide | {"button_width": "auto"},
            options=[("Anonymous (Chair's summary)", "anonymous"), ("Named (delegations)", "named")],
            tooltips=["“Several speakers stressed…”; panellists are named", "“Belgium, on behalf of the European Union, stressed…”"],
        )  # fmt: skip
        # The read-out version (``build_summary(minutes=N)``): the full draft, or sections I–V within N minutes.
        self.length = w.Dropdown(
            description="Length", style=wide,
            options=[("Full draft", None)] + [(f"Read-out, {m} minutes", m) for m in (3, 5, 8)],
        )  # fmt: skip
        self.comments = w.Checkbox(value=True, description="Sources as Word comments", indent=False)
        self.template = TemplateChoice(self.folder, self.status)
        self.checker = DraftCheck(self.ws, self.folder, self.status)
        self.preview_button = w.Button(description="Preview", icon="eye", button_style="info")
        self.export_button = w.Button(description="Export Word draft", icon="file-word-o", button_style="primary")
        self.link = w.HTML()
        self.preview = w.HTML(
            layout=w.Layout(border="1px solid #ddd", padding="8px", max_height="40em", overflow="auto")
        )

        for control in (self.panels, self.by, self.attribution, self.length):
            control.observe(lambda change: self.show_preview(), names="value")
        self.preview_button.on_click(self.show_preview)
        self.export_button.on_click(self.export)
        self.widget = w.VBox([
            w.HTML(CSS), self.panels, self.by, self.attribution, self.length, self.template.widget,
            w.HBox([self.preview_button, self.export_button, self.comments]), self.link, self.status.label,
            self.preview, self.checker.widget, self.status.log_box,
        ])  # fmt: skip
        self.show_preview()

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.widget._repr_mimebundle_(**kwargs)

    def build(self) -> Any:
        panels = self.panels.value if self.panels.value == "all" else [int(self.panels.value)]
        self.summary = self.ws.drafting.summary(
            panels=panels, by=self.by.value, attribution=self.attribution.value, minutes=self.length.value
        )
        return self.summary

    @reports
    def show_preview(self, _: Any = None) -> None:
        self.preview.value = to_html(self.build())
        self.link.value = ""
        self.status.info(f"Preview of {self.summary.interventions} interventions; export it when it reads right")

    @reports
    def export(self, _: Any = None) -> Path:
        summary = self.build()
        which = "all" if self.panels.value == "all" else f"panel-{self.panels.value}"
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        length = f"-{self.length.value}min" if self.length.value else ""
        path = self.folder / f"chairs-summary-{which}-{self.by.value}-{self.attribution.value}{length}-{stamp}.docx"
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise HlmnotesError(
                f"cannot create {self.folder} for the draft ({exc.strerror}); choose another folder"
            ) from exc
        written = to_docx(summary, path, comments=self.comments.value, template=self.template.path)
        self.link.value = download_link(written) + f" <span class='hlm-muted'>also saved as {esc(written)}</span>"
        self.status.ok(describe(summary, written.name))
        return written
