"""The intervention form: who spoke, for whom, on which questions and themes, and what they said.

Shared by the Recorder (live entry) and the Review (editing a record). It only holds values; the
``Workspace`` validates and saves them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import ipywidgets as w

from ..app.workspace import Workspace
from ..domain.model import FLAGS, PODIUM, split_items
from ..domain.reference import placeholder_category
from ._common import CATEGORY_LABELS, FLAG_LABELS, StatusLine, category_options, reports

SUGGESTIONS = 5
_LABEL = {"description_width": "9.5em"}
_LABEL_WIDTH = "9.5em"


def _wide() -> w.Layout:
    return w.Layout(width="97%")


def _highlight(change: dict) -> None:
    """A ticked question or flag shows in colour, so what is ticked reads at a glance."""
    change["owner"].button_style = "info" if change["new"] else ""


class InterventionForm:
    """The fields of one intervention, with contract-4 labels (docs/design.md), for one panel at a time."""

    def __init__(self, workspace: Workspace, panel: int, status: StatusLine):
        self.ws = workspace
        self.status = status
        self.panel = panel
        self._listeners: list[Callable[[str], None]] = []
        self._quiet_depth = 0
        self._category_filled: str | None = None  # the category this form filled in, not the person
        codebook = workspace.codebook

        self.speaker = w.Combobox(description="Speaker", placeholder="name (optional)", style=_LABEL, layout=_wide())
        self.delegation = w.Combobox(
            description="Delegation", placeholder="e.g. Belgium, UNODC, Women's Link Worldwide",
            options=tuple(workspace.reference.names()), style=_LABEL, layout=_wide(),
        )  # fmt: skip
        self.category = w.Dropdown(description="Category", options=category_options(), value="", style=_LABEL)
        self.on_behalf_of = w.Combobox(
            description="On behalf of", placeholder="group, e.g. European Union (optional)",
            options=tuple(workspace.reference.group_names()), style=_LABEL, layout=_wide(),
        )  # fmt: skip
        self.questions_label = w.Label("Questions", layout=w.Layout(width=_LABEL_WIDTH))
        self.question_buttons: list[w.ToggleButton] = []
        self.questions_box = w.HBox(layout=w.Layout(flex_flow="row wrap"))
        # TagsInput does not draw its description, so a Label carries the visible "Themes".
        self.themes = w.TagsInput(
            description="Themes", allowed_tags=list(codebook.ids), allow_duplicates=False,
            placeholder="type a theme, e.g. referral-mechanisms", layout=w.Layout(width="80%"),
        )  # fmt: skip
        self.themes_label = w.Label("Themes", layout=w.Layout(width=_LABEL_WIDTH))
        self.suggestion_buttons = [
            w.Button(description="", layout=w.Layout(width="auto", display="none"), button_style="info")
            for _ in range(SUGGESTIONS)
        ]
        for button in self.suggestion_buttons:
            button.on_click(self._add_suggestion)
        self.no_suggestion = w.HTML("<span class='hlm-muted'>themes matching the key points appear here</span>")
        self.suggestions = w.HBox(
            [w.Label("Suggested", layout=w.Layout(width=_LABEL_WIDTH)), self.no_suggestion, *self.suggestion_buttons],
            layout=w.Layout(flex_flow="row wrap", min_height="2.2em"),
        )
        self.flag_buttons = {
            flag: w.ToggleButton(description=FLAG_LABELS[flag], layout=w.Layout(width="auto")) for flag in FLAGS
        }
        for button in self.flag_buttons.values():
            button.observe(_highlight, names="value")
        self.flags_box = w.HBox(
            [w.Label("Flags", layout=w.Layout(width=_LABEL_WIDTH)), *self.flag_buttons.values()],
            layout=w.Layout(flex_flow="row wrap"),
        )
        self.key_points = w.Textarea(
            description="Key points", placeholder="one point per line, reported speech: called for stronger …",
            rows=7, continuous_update=True, style=_LABEL, layout=_wide(),
        )  # fmt: skip
        self.recommendations = w.Textarea(
            description="Recommendations", placeholder="one per line: establish national referral mechanisms …",
            rows=3, continuous_update=True, style=_LABEL, layout=_wide(),
        )  # fmt: skip

        for name, widget in self._value_widgets().items():
            widget.observe(lambda change, name=name: self._changed(name), names="value")
        self.delegation.observe(self._on_delegation, names="value")
        self.speaker.observe(self._on_speaker, names="value")
        self.key_points.observe(self._refresh_suggestions, names="value")
        self.recommendations.observe(self._refresh_suggestions, names="value")
        self.themes.observe(self._refresh_suggestions, names="value")
        self.set_panel(panel)

        self.widget = w.VBox(
            [
                self.speaker, self.delegation, w.HBox([self.category]), self.on_behalf_of,
                w.HBox([self.questions_label, self.questions_box]), w.HBox([self.themes_label, self.themes]),
                self.suggestions,
                self.flags_box, self.key_points, self.recommendations,
            ],
            layout=w.Layout(width="100%"),
        )  # fmt: skip

    # -- wiring -----------------------------------------------------------------------------

    def _value_widgets(self) -> dict[str, w.ValueWidget]:
        widgets: dict[str, w.ValueWidget] = {
            "speaker": self.speaker, "delegation": self.delegation, "category": self.category,
            "on_behalf_of": self.on_behalf_of, "themes": self.themes, "key_points": self.key_points,
            "recommendations": self.recommendations,
        }  # fmt: skip
        widgets |= {f"flag:{flag}": button for flag, button in self.flag_buttons.items()}
        return widgets

    def on_change(self, callback: Callable[[str], None]) -> None:
        """Call ``callback(field)`` after every change the person makes (not changes made by code)."""
        self._listeners.append(callback)

    @contextmanager
    def quiet(self) -> Iterator[None]:
        """Set values from code without telling the listeners (restoring a draft, loading a record)."""
        self._quiet_depth += 1
        try:
            yield
        finally:
            self._quiet_depth -= 1

    def _changed(self, name: str) -> None:
        if self._quiet_depth:
            return
        for listener in self._listeners:
            listener(name)

    def _on_delegation(self, change: dict) -> None:
        """Fill the category from the reference lists, unless the person chose one themselves."""
        if self._quiet_depth or (self.category.value and self.category.value != self._category_filled):
            return
        name = change["new"]
        found = self.ws.reference.find(name)
        category = found.category if found else placeholder_category(name)
        if category:
            self.category.value = self._category_filled = category

    def _on_speaker(self, change: dict) -> None:
        """A chair's or panellist's name fills their role and delegation."""
        if self._quiet_depth:
            return
        panel = self.ws.programme.panel(self.panel)
        podium = {panel.chair.name: ("chair", panel.chair)} | {p.name: ("panellist", p) for p in panel.panellists}
        found = podium.get(change["new"].strip())
        if found is None:
            return
        role, person = found
        if not self.category.value:
            self.category.value = role
        if not self.delegation.value:
            self.delegation.value = person.delegation or person.organization

    # -- the panel's questions --------------------------------------------------------------

    def set_panel(self, panel: int) -> None:
        """Show ``panel``'s guiding questions (short label on the button, text as tooltip) and its podium names."""
        p = self.ws.programme.panel(panel)
        self.panel = panel
        for button in self.question_buttons:
            button.close()
        self.question_buttons = []
        for q in p.questions:
            button = w.ToggleButton(description=f"Q{q.number} · {q.label}", tooltip=f"Q{q.number}. {q.text}",
                                    layout=w.Layout(width="auto", min_width="3.5em"))  # fmt: skip
            button.observe(_highlight, names="value")
            button.observe(lambda change: self._changed("questions"), names="value")
            self.question_buttons.append(button)
        self.questions_box.children = tuple(self.question_buttons)
        self.speaker.options = (p.chair.name, *(person.name for person in p.panellists))

    # -- values -----------------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        """The form as contract-2 fields (without panel, times or rapporteur)."""
        return {
            "speaker": self.speaker.value,
            "delegation": self.delegation.value,
            "category": self.category.value,
            "on_behalf_of": self.on_behalf_of.value,
            "questions": ";".join(str(n) for n, b in enumerate(self.question_buttons, 1) if b.value),
            "themes": ";".join(self.themes.value),
            "flags": ";".join(flag for flag, b in self.flag_buttons.items() if b.value),
            "key_points": self.key_points.value,
            "recommendations": self.recommendations.value,
        }

    def set_values(self, data: Mapping[str, Any]) -> list[str]:
        """Fill the form from contract-2 fields without telling the listeners.

        Returns what could not be shown (a question the panel no longer has, a theme the codebook
        dropped, an unknown category or flag), so the caller can say so instead of losing it silently.
        """
        dropped: list[str] = []
        self._category_filled = None
        with self.quiet():
            for name in ("speaker", "delegation", "on_behalf_of", "key_points", "recommendations"):
                getattr(self, name).value = str(data.get(name) or "")
            category = str(data.get("category") or "")
            if category and category not in CATEGORY_LABELS:
                dropped.append(f"category {category!r}")
                category = ""
            self.category.value = category
            wanted_questions = set()
            for item in split_items(data.get("questions"), ";, "):
                if item.isdigit() and 1 <= int(item) <= len(self.question_buttons):
                    wanted_questions.add(int(item))
                else:
                    dropped.append(f"question {item}")
            for n, button in enumerate(self.question_buttons, 1):
                button.value = n in wanted_questions
            themes = []
            for item in split_items(data.get("themes")):
                if item in self.themes.allowed_tags:
                    themes.append(item)
                else:
                    dropped.append(f"theme {item!r}")
            self.themes.value = list(dict.fromkeys(themes))
            flags = set(split_items(data.get("flags")))
            dropped += [f"flag {f!r}" for f in sorted(flags - set(FLAGS))]
            for flag, button in self.flag_buttons.items():
                button.value = flag in flags
        self._refresh_suggestions()
        return dropped

    def clear(self) -> None:
        self.set_values({})

    def has_notes(self) -> bool:
        """True once anything beyond who is speaking has been entered: that is work to keep."""
        v = self.values()
        return any(v[k].strip() for k in ("questions", "themes", "flags", "key_points", "recommendations"))

    def is_empty(self) -> bool:
        return not any(str(v).strip() for v in self.values().values())

    def on_podium(self) -> bool:
        return self.category.value in PODIUM

    # -- theme suggestions ------------------------------------------------------------------

    def suggested_themes(self) -> list[str]:
        text = f"{self.key_points.value}\n{self.recommendations.value}"
        chosen = set(self.themes.value)
        return [t for t in self.ws.codebook.suggest(text, limit=SUGGESTIONS + len(chosen)) if t not in chosen][
            :SUGGESTIONS
        ]

    def _refresh_suggestions(self, change: dict | None = None) -> None:
        suggested = self.suggested_themes()
        for i, button in enumerate(self.suggestion_buttons):
            if i < len(suggested):
                theme = self.ws.codebook.theme(suggested[i])
                if button.description != f"+ {theme.id}":
                    button.description = f"+ {theme.id}"
                    button.tooltip = f"Add theme: {theme.label}"
                button.layout.display = None
            elif button.layout.display != "none":
                button.layout.display = "none"
                button.description = ""
        showing = "none" if suggested else None
        if self.no_suggestion.layout.display != showing:
            self.no_suggestion.layout.display = showing

    @reports
    def _add_suggestion(self, button: w.Button) -> None:
        theme = button.description.removeprefix("+ ").strip()
        self.add_theme(theme)

    def add_theme(self, theme: str) -> str:
        """Tag the form with a theme given by id or label; raises ValidationError when unknown."""
        theme_id = self.ws.codebook.resolve(theme)
        if theme_id not in self.themes.value:
            self.themes.value = [*self.themes.value, theme_id]
        return theme_id
