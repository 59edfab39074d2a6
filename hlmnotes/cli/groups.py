"""``hlmnotes groups propose|accept|reject|list|delete``: the Review's groups of points from the command line."""

from __future__ import annotations

import argparse

from ._common import Parser, workspace


def cmd_groups_propose(args: argparse.Namespace) -> None:
    with workspace(args) as ws:
        proposals = ws.drafting.propose_groups(args.panel, args.threshold)
    print(f"Panel {args.panel}: {len(proposals)} proposed groups of similar points (threshold {args.threshold:g})")
    for number, group in enumerate(proposals, 1):
        print(f"{number}. {group.text!r} (score {group.score:.0f}, {len(group.points)} points, key {group.key})")
        for point in group.points:
            print(f"   - #{point.intervention} {point.delegation}: {point.text}")
    if proposals:
        print(f'Accept one with: hlmnotes groups accept --panel {args.panel} KEY [--text "wording"]')


def cmd_groups_accept(args: argparse.Namespace) -> None:
    from ..summary.compose.grouping import find_proposal

    with workspace(args) as ws:
        group = find_proposal(ws.drafting.propose_groups(args.panel, args.threshold), args.proposal, args.panel)
        group_id = ws.drafting.accept_group(args.panel, group.points, text=args.text, by=args.rapporteur or "")
    print(f"Accepted group #{group_id}: {len(group.points)} points written once as {(args.text or group.text)!r}")


def cmd_groups_reject(args: argparse.Namespace) -> None:
    from ..summary.compose.grouping import find_proposal

    with workspace(args) as ws:
        group = find_proposal(ws.drafting.propose_groups(args.panel, args.threshold), args.proposal, args.panel)
        ws.drafting.reject_group(args.panel, group.points, by=args.rapporteur or "")
    print(f"Rejected: these {len(group.points)} points stay separate and will not be proposed again")


def cmd_groups_list(args: argparse.Namespace) -> None:
    with workspace(args) as ws:
        groups = ws.drafting.groups(args.panel)
    print(f"{len(groups)} accepted groups" + (f" in panel {args.panel}" if args.panel else ""))
    for group in groups:
        print(f"#{group.id} (panel {group.panel}, {len(group.members)} points): {group.text}")


def cmd_groups_delete(args: argparse.Namespace) -> None:
    with workspace(args) as ws:
        ws.drafting.delete_group(args.id)
    print(f"Deleted group #{args.id}; its points are counted one by one again")


def add_commands(sub: argparse._SubParsersAction) -> None:
    """``groups propose|accept|reject|list|delete``, each on one panel's proposals or accepted groups."""
    grp = sub.add_parser(
        "groups", help="propose, accept, reject, list or delete groups of points that say the same thing"
    )
    grp_sub = grp.add_subparsers(dest="action", required=True, parser_class=Parser)
    p = grp_sub.add_parser("propose", help="list the library's proposals for a panel, numbered")
    p.add_argument("--panel", type=int, required=True)
    p.add_argument("--threshold", type=float, default=80.0, help="similarity 0-100 (default 80)")
    p.set_defaults(func=cmd_groups_propose)
    p = grp_sub.add_parser("accept", help="accept proposal KEY: its points are written once in the summary")
    p.add_argument(
        "proposal", metavar="KEY", help="the proposal's key from `groups propose` (its number there also works)"
    )
    p.add_argument("--panel", type=int, required=True)
    p.add_argument("--text", help="the group's wording (default: the proposal's)")
    p.add_argument("--threshold", type=float, default=80.0, help="the threshold the proposals were made with")
    p.add_argument("--rapporteur", help="who decided, for the record")
    p.set_defaults(func=cmd_groups_accept)
    p = grp_sub.add_parser("reject", help="reject proposal KEY: its points stay separate and are not proposed again")
    p.add_argument("proposal", metavar="KEY", help="the proposal's key from `groups propose`")
    p.add_argument("--panel", type=int, required=True)
    p.add_argument("--threshold", type=float, default=80.0, help="the threshold the proposals were made with")
    p.add_argument("--rapporteur", help="who decided, for the record")
    p.set_defaults(func=cmd_groups_reject)
    p = grp_sub.add_parser("list", help="the accepted groups")
    p.add_argument("--panel", type=int)
    p.set_defaults(func=cmd_groups_list)
    p = grp_sub.add_parser("delete", help="delete an accepted group by its id")
    p.add_argument("id", type=int)
    p.set_defaults(func=cmd_groups_delete)
