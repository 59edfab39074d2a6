"""``hlmnotes programme show|diff|update``: the meeting's programme as a person reads it, and its updates."""

from __future__ import annotations

import argparse
import datetime as dt

from ..domain.programme import Programme
from ._common import Parser, warn, workspace


def cmd_programme_show(args: argparse.Namespace) -> None:
    print(render_programme(workspace(args).programme), end="")


def cmd_programme_diff(args: argparse.Namespace) -> None:
    changes = workspace(args).programme_changes(args.file)
    if not changes.changes:
        print(f"No changes: {args.file} is the programme already in use")
        return
    print(f"Updating to {args.file} would change:")
    for line in changes.lines:
        print(f"  {line}")
    if changes.mismatches:
        print("Records the new programme would not list (they are kept; correct them or the programme):")
        for line in changes.mismatches:
            print(f"  {line}")
    if changes.refused:
        print(f"An update would be refused: {changes.refusal}")


def cmd_programme_update(args: argparse.Namespace) -> None:
    ws = workspace(args)
    changes = ws.update_programme(args.file)
    print(f"Programme updated: {len(changes.new.panels)} panels; {len(ws.records())} interventions kept")
    for line in changes.lines or ["(nothing changed)"]:
        print(f"  {line}")
    warn(changes.mismatches)


def render_programme(programme: Programme) -> str:
    """The programme as a person reads it: every segment, panel, person and question verbatim."""
    m = programme.meeting
    out = [m.title, f"{m.body} · {m.place} · {_day(m.start_date)} to {_day(m.end_date)}"]
    if m.mandate:
        out.append(f"Mandate: resolutions {', '.join(m.mandate)}")
    if m.status:
        out.append(f"Status: {m.status}")
    for s in programme.segments:
        end = f"–{s.end:%H:%M}" if s.end else ""
        out.append(f"\n{_day(s.date)} {s.start:%H:%M}{end} · {s.venue} · {s.title}")
        out += [f"  - {p.display}, {p.title}" for p in s.speakers]
        out += [f"  - {item}" for item in s.items]
    for p in programme.panels:
        out += [
            f"\nPanel {p.id}: {p.title}",
            f"  Theme: {p.theme}",
            f"  {_day(p.date)}, {p.start:%H:%M}–{p.end:%H:%M}, {p.venue}",
            f"  Chair: {p.chair.display}, {p.chair.title}",
            "  Panellists:",
        ]
        out += [f"    - {x.display}, {x.title}" for x in p.panellists]
        out.append(f"  Speaking limits: chair {p.limits.chair} min, panellists {p.limits.panellist} min, floor {p.limits.floor} min")
        out.append("  Guiding questions:")
        out += [f"    {q.number}. {q.text}" for q in p.questions]
    return "\n".join(out) + "\n"


def _day(day: dt.date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def add_commands(sub: argparse._SubParsersAction) -> None:
    """``programme show``, ``programme diff FILE`` and ``programme update FILE``."""
    prog = sub.add_parser("programme", help="show or update the meeting's programme")
    prog_sub = prog.add_subparsers(dest="action", required=True, parser_class=Parser)
    prog_sub.add_parser("show", help="print the whole programme").set_defaults(func=cmd_programme_show)
    p = prog_sub.add_parser("diff", help="what an update to FILE would change, and which records each change touches")
    p.add_argument("file", help="the new programme TOML")
    p.set_defaults(func=cmd_programme_diff)
    p = prog_sub.add_parser("update", help="replace the programme, keeping every record; prints what changed")
    p.add_argument("file", help="the new programme TOML")
    p.set_defaults(func=cmd_programme_update)
