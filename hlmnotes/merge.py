"""Merging a store recorded offline into this one, record by record, without guessing.

Records are matched by their stable ``uid``. Each side's history gives its past states, so a record
that one side only has an older state of is brought forward; when both sides changed it, the merge
reports a conflict and leaves it alone. Accepted groups of points come along too, their members
mapped through the records' uids. Merging twice changes nothing the second time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .errors import StoreError
from .schema import FIELDS
from .store import Store


@dataclass
class MergeResult:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    groups_added: int = 0
    conflicts: list[str] = field(default_factory=list)


def _same(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return all(a[k] == b[k] for k in (*FIELDS, "deleted"))


def _describe(ours: dict[str, Any], theirs: dict[str, Any]) -> str:
    fields = [k for k in (*FIELDS, "deleted") if ours[k] != theirs[k]]
    return "; ".join(f"{k} here {ours[k]!r}, there {theirs[k]!r}" for k in fields)


def merge_store(target: Store, source: Store, *, by: str = "merge") -> MergeResult:
    """Bring ``source``'s records into ``target``; conflicting edits are listed, not applied."""
    ours_meeting, theirs_meeting = target.meta("meeting"), source.meta("meeting")
    if ours_meeting != theirs_meeting:
        raise StoreError(
            f"store {source.label} records meeting {theirs_meeting!r}, not {ours_meeting!r}; merge stores of the same meeting"
        )
    result = MergeResult()
    ours = target.states()
    ids = {r.uid: r.id for r in target.all_records()}
    for uid, their_states in source.states().items():
        theirs = their_states[-1]
        if uid not in ours:
            target.merge_state(theirs, by=by, uid_exists=False)
            result.added += 1
            continue
        our_states = ours[uid]
        now = our_states[-1]
        if _same(now, theirs) or any(_same(theirs, old) for old in our_states[:-1]):
            result.unchanged += 1  # identical, or this store already moved past their state
        elif any(_same(now, old) for old in their_states[:-1]):
            target.merge_state(theirs, by=by, uid_exists=True)
            result.updated += 1
        else:
            result.conflicts.append(
                f"#{ids[uid]} (panel {now['panel']}, {now['delegation']}): {_describe(now, theirs)}"
            )
    _merge_groups(target, source, result, by)
    return result


def _members(group: dict[str, Any], uids: dict[int, str]) -> frozenset[tuple[str, str, str]]:
    return frozenset(
        (uids[m["intervention"]], m["kind"], m["text"]) for m in group["members"] if m["intervention"] in uids
    )


def _merge_groups(target: Store, source: Store, result: MergeResult, by: str) -> None:
    """Add the other store's accepted groups that this one lacks; a point grouped differently here is a conflict."""
    their_uids = {r.id: r.uid for r in source.all_records()}
    our_records = target.all_records()
    our_uids = {r.id: r.uid for r in our_records}
    our_ids = {r.uid: r.id for r in our_records}
    ours = {_members(g, our_uids): g["text"] for g in target.point_groups()}
    claimed = {point for members in ours for point in members}
    for group in source.point_groups():
        members = _members(group, their_uids)
        if members in ours:
            if ours[members] != group["text"]:
                result.conflicts.append(
                    f"group of {len(members)} points (panel {group['panel']}): worded {ours[members]!r} here,"
                    f" {group['text']!r} there"
                )
            continue
        taken = members & claimed
        if taken:
            uid, _, text = sorted(taken)[0]
            result.conflicts.append(
                f"group {group['text']!r} (panel {group['panel']}): the point {text!r} of #{our_ids[uid]} is grouped"
                " differently here"
            )
            continue
        target.save_point_group(
            group["panel"],
            group["text"],
            [{"intervention": our_ids[uid], "kind": kind, "text": text} for uid, kind, text in sorted(members)],
            by=group["by"] or by,
        )
        ours[members] = group["text"]
        claimed |= members
        result.groups_added += 1
