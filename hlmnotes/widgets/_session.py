"""Who is recording and which panel to open: the environment, the app's address, the store's memory."""

from __future__ import annotations

import datetime as dt
import os
from urllib.parse import parse_qs

from ..app.workspace import Workspace


def query_parameter(name: str) -> str:
    """A parameter of the page's address: Voilà gives the kernel the query string as ``QUERY_STRING``."""
    values = parse_qs(os.environ.get("QUERY_STRING", "")).get(name) or [""]
    return values[0].strip()


def remembered_rapporteur(workspace: Workspace) -> str:
    """Who records: ``HLMNOTES_RAPPORTEUR``, else ``?rapporteur=`` in the app's address, else the name
    last typed in this store (fine for one rapporteur per store; on a shared store use one of the first two)."""
    for value in (os.environ.get("HLMNOTES_RAPPORTEUR", ""), query_parameter("rapporteur")):
        if value.strip():
            return " ".join(value.split())
    return workspace.remembered_rapporteur()


def remember_rapporteur(workspace: Workspace, name: str) -> None:
    workspace.remember_rapporteur(name)


def panel_in_session(workspace: Workspace, now: dt.datetime) -> int:
    """The panel the programme has in session at ``now``, else the first panel."""
    panel = workspace.programme.panel_at(now)
    return panel.id if panel else workspace.programme.panels[0].id


def chosen_panel(workspace: Workspace, panel: int | None, now: dt.datetime) -> int:
    """The panel a view opens on: the one asked for, else ``?panel=N`` in the app's address, else the one in session."""
    programme = workspace.programme
    asked = query_parameter("panel")
    if panel is None and asked.isdigit() and int(asked) in {p.id for p in programme.panels}:
        panel = int(asked)
    return programme.panel(panel).id if panel is not None else panel_in_session(workspace, now)
