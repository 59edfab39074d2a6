"""The ``hlmnotes`` command: each subcommand parses, calls one library function and prints.

Every failure is one ``error:`` line on stderr with exit status 2; no traceback ever reaches a user.
The recording, export and drafting commands are here; ``programme`` and ``groups`` each have a module.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from ..app.workspace import Workspace
from ..domain.model import CATEGORIES, FLAGS
from ..errors import HlmnotesError, ValidationError
from ..io import formats
from . import groups, programme
from ._common import Parser, warn, workspace


def cmd_init(args: argparse.Namespace) -> None:
    target = args.store or os.environ.get("HLMNOTES_STORE") or None
    from ..paths import default_store

    ws = Workspace.init(target or default_store(), args.programme, args.codebook)
    args.opened.append(ws)  # closed by main() like every other command's workspace
    m = ws.programme.meeting
    print(f"Initialised {ws.label} for {m.id}: {len(ws.programme.panels)} panels, {len(ws.codebook.themes)} themes")


def cmd_speakers_import(args: argparse.Namespace) -> None:
    ws = workspace(args)
    entries = ws.speakers.import_file(args.file, args.panel)
    waiting = sum(1 for e in entries if e.taken_by is None)
    print(f"Panel {args.panel}: {waiting} speakers waiting, {len(entries) - waiting} already spoke")


def cmd_add(args: argparse.Namespace) -> None:
    ws = workspace(args)
    fields = {f: getattr(args, f) for f in ADD_FIELDS if getattr(args, f) is not None}
    if "key_points" in fields:
        fields["key_points"] = fields["key_points"].replace("\\n", "\n")
    if "recommendations" in fields:
        fields["recommendations"] = fields["recommendations"].replace("\\n", "\n")
    try:
        record = ws.save(fields)
    except ValidationError as exc:  # name the flag the user typed, not the column behind it
        raise HlmnotesError(f"--{exc.field.replace('_', '-')}: {exc.problem}" if exc.field else str(exc)) from None
    print(f"Saved #{record.id} (panel {record.panel}, seq {record.seq}, {record.delegation})")
    warn([line] if (line := ws.mismatch(record)) else [])


def cmd_import(args: argparse.Namespace) -> None:
    ws = workspace(args)
    result = ws.import_interventions(args.file, rapporteur=args.rapporteur or "", as_new=args.as_new)
    print(f"Imported {args.file}: {result.added} added, {result.updated} updated, {result.unchanged} unchanged")
    warn(result.warnings)


def cmd_export(args: argparse.Namespace) -> None:
    ws = workspace(args)
    if not args.output and args.format == "xlsx" and sys.stdout.isatty():
        raise HlmnotesError("xlsx is binary; give an output file with -o FILE.xlsx")
    exported = ws.export(args.output, fmt=args.format, panel=args.panel)
    if args.output:
        print(f"Exported {exported.interventions} interventions to {args.output}")
    else:
        sys.stdout.buffer.write(exported.data)
        sys.stdout.flush()


def cmd_merge(args: argparse.Namespace) -> int:
    with workspace(args) as ws:
        result = ws.merge(args.other, by=args.rapporteur or "merge")
    print(
        f"Merged {result.source}: {result.added} added, {result.updated} updated, {result.unchanged} unchanged,"
        f" {result.groups_added} groups of points added, {len(result.conflicts)} conflicts"
    )
    for conflict in result.conflicts:
        print(f"conflict: {conflict}")
    if result.conflicts:
        print("Conflicting records were left as they are here: edit one side, then merge again.")
    return 1 if result.conflicts else 0


def cmd_stats(args: argparse.Namespace) -> None:
    print(workspace(args).stats_report(), end="")


def cmd_summary(args: argparse.Namespace) -> None:
    from ..summary import describe

    result, text = workspace(args).drafting.export(
        args.output, fmt=args.format, panels=args.panel, by=args.by, attribution=args.attribution,
        comments=not args.no_comments, template=args.template, minutes=args.minutes,
        warn=lambda line: warn([line]),
    )  # fmt: skip
    if text is None:
        print(describe(result, args.output))
    else:
        sys.stdout.write(text)


def cmd_check(args: argparse.Namespace) -> int:
    report = workspace(args).drafting.check(args.draft, minutes=args.minutes, annotate_to=args.annotate)
    sys.stdout.write(report.json() if args.format == "json" else report.text())
    if args.annotate:
        print(f"Wrote {args.annotate}: the draft with a comment on each of {len(report.findings)} findings", file=sys.stderr)
    return 1 if report.findings else 0


def cmd_balance(args: argparse.Namespace) -> None:
    from ..summary.compose.floor import section_iii_verdict

    table = workspace(args).drafting.balance(args.panel)
    if args.format == "csv":
        sys.stdout.write(table.frame().to_csv(index=False, lineterminator="\n"))
    else:
        sys.stdout.write(table.text(section_iii_verdict(table)))


ADD_FIELDS = (
    "panel", "seq", "speaker", "delegation", "category", "on_behalf_of", "questions", "themes", "flags",
    "key_points", "recommendations", "started_at", "ended_at", "duration_s", "rapporteur",
)  # fmt: skip


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="hlmnotes", description="Record a UN meeting's interventions and draft the Chair's summary.")
    parser.add_argument("--store", help="store path or URL (env HLMNOTES_STORE; default: the 2017 meeting under workspace/)")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=Parser)

    p = sub.add_parser("init", help="create a store for a meeting from its programme file")
    p.add_argument("--programme", required=True, help="programme TOML file (see data/README.md)")
    p.add_argument("--codebook", help="theme codebook TOML (default: codebook.toml beside the programme)")
    p.set_defaults(func=cmd_init)

    programme.add_commands(sub)

    spk = sub.add_parser("speakers", help="manage a panel's speakers' list")
    spk_sub = spk.add_subparsers(dest="action", required=True, parser_class=Parser)
    p = spk_sub.add_parser("import", help="import inscribed speakers from CSV/XLSX (order,delegation,speaker,category,on_behalf_of)")
    p.add_argument("file")
    p.add_argument("--panel", type=int, required=True)
    p.set_defaults(func=cmd_speakers_import)

    p = sub.add_parser("add", help="record one intervention from flags named like the columns")
    p.add_argument("--panel", required=True, help="panel id from the programme")
    p.add_argument("--seq", help="order of speaking (default: next)")
    p.add_argument("--speaker", help="the person's name")
    p.add_argument("--delegation", help="e.g. Belgium, UNODC (the Chair's may be omitted)")
    p.add_argument("--category", help=f"one of {', '.join(CATEGORIES)} (default: from the reference lists)")
    p.add_argument("--on-behalf-of", help="group the statement is made for, e.g. European Union")
    p.add_argument("--questions", help='question numbers, e.g. "1;5"')
    p.add_argument("--themes", help="codebook ids or labels separated by ;")
    p.add_argument("--flags", help=f"any of {', '.join(FLAGS)} separated by ;")
    p.add_argument("--key-points", help="reported-speech fragments, one per line (\\n separates lines)")
    p.add_argument("--recommendations", help="one per line (\\n separates lines)")
    p.add_argument("--started-at", help="ISO 8601 with UTC offset")
    p.add_argument("--ended-at", help="ISO 8601 with UTC offset")
    p.add_argument("--duration-s", help="whole seconds (derived when both times are given)")
    p.add_argument("--rapporteur", help="who recorded it")
    p.set_defaults(func=cmd_add)

    p = sub.add_parser("import", help="import interventions (CSV/XLSX/JSON); all rows or none")
    p.add_argument("file")
    p.add_argument("--rapporteur", help="recorded by, for rows that do not say")
    p.add_argument("--as-new", action="store_true",
                   help="add every row as a new record, ignoring its id and uid (another store's export)")  # fmt: skip
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("export", help="export interventions as CSV, XLSX or JSON")
    p.add_argument("--format", choices=formats.FORMATS, help="default: the -o file's extension, else csv")
    p.add_argument("-o", "--output", help="output file (default: standard output)")
    p.add_argument("--panel", type=int, help="only this panel")
    p.set_defaults(func=cmd_export)

    groups.add_commands(sub)

    p = sub.add_parser("merge", help="merge a store recorded offline into this one (by record uid; idempotent)")
    p.add_argument("other", help="the other store: a SQLite file or a postgresql:// URL")
    p.add_argument("--rapporteur", help="who merges, for the history (default: merge)")
    p.set_defaults(func=cmd_merge)

    sub.add_parser("stats", help="coverage: speakers per question, time by category, overruns, gaps, records the programme does not list").set_defaults(func=cmd_stats)

    p = sub.add_parser("summary", help="draft the Chair's summary of a panel (Word, or a Markdown/HTML preview)")
    p.add_argument("--panel", default="all", help="panel number, or all for every panel in programme order (default)")
    p.add_argument("--by", choices=("question", "theme"), default="question", help="sub-headings of the discussion")
    p.add_argument("--attribution", choices=("anonymous", "named"), default="anonymous",
                   help="anonymous: 'Several speakers stressed…'; named: 'Belgium, on behalf of the European Union, stressed…'")  # fmt: skip
    p.add_argument("--format", choices=("docx", "md", "html"), help="default: the -o file's extension, else docx")
    p.add_argument("--no-comments", action="store_true", help="no Word comments listing sources")
    p.add_argument("--template", help="the Chair's office's own Word template, .docx or .dotx (see the README)")
    p.add_argument("--minutes", type=float,
                   help="the read-out version: sections I–V of each panel within N minutes at 120 words a minute")  # fmt: skip
    p.add_argument("-o", "--output", help="output file (docx needs one; md/html: stdout)")
    p.set_defaults(func=cmd_summary)

    p = sub.add_parser("check", help="check an edited Word draft against the records and the programme (exit 1: findings)")
    p.add_argument("draft", help="the draft .docx, as Word or LibreOffice saved it")
    p.add_argument("--annotate", metavar="OUT", help="write a copy with a Word comment on each finding (text unchanged)")
    p.add_argument("--format", choices=("text", "json"), default="text", help="one line per finding, or JSON")
    p.add_argument("--minutes", type=float, help="reading-time budget of sections I–V of each panel, in minutes")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("balance", help="the floor by UN regional group: speakers, speaking time, points in the draft")
    p.add_argument("--panel", default="all", help="panel number, or all (default)")
    p.add_argument("--format", choices=("text", "csv"), default="text", help="csv: region,speakers,speaking_time_s,points,…")
    p.set_defaults(func=cmd_balance)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        args.opened = []
        try:
            status = args.func(args)
        finally:
            for workspace in args.opened:
                workspace.close()
    except HlmnotesError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # The reader (`| head`) stopped early: not an error; keep Python from complaining at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"error: {where}{exc.strerror or exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("error: interrupted; nothing unsaved was written", file=sys.stderr)
        return 130
    return status or 0

