"""Merging a store recorded offline into this one, record by record, without guessing.

Records are matched by their stable ``uid``. Each side's history gives its past states, so a record
that one side only has an older state of is brought forward; when both sides changed it, the merge
reports a conflict and leaves it alone. Accepted groups of points come along too, their members
mapped through the records' uids. Merging twice changes nothing the second time.

The other store is a file someone handed over: it is opened read-only (never migrated, never
switched to WAL), and everything taken from it is validated against this meeting exactly as an
import is, before anything is written. The whole merge, groups included, is one transaction
planned under this store's write lock: a merge that fails or is killed leaves nothing, and of two
merges at once the second sees what the first did.
"""

from __future__ import annotations

import reprlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..domain.model import MAX_TEXT
from ..domain.points import PointGroup, PointKey
from ..domain.text import clean_text
from ..errors import HlmnotesError, StoreError
from .point_groups import DamagedGroup
from .schema import FIELDS, to_db
from .store import Store

if TYPE_CHECKING:
    from ..domain.context import MeetingContext


@dataclass
class MergeResult:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    groups_added: int = 0
    conflicts: list[str] = field(default_factory=list)
    source: str = ""  # the store merged from, as messages name it


def _same(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return all(a[k] == b[k] for k in (*FIELDS, "deleted"))


def _describe(ours: dict[str, Any], theirs: dict[str, Any]) -> str:
    fields = [k for k in (*FIELDS, "deleted") if ours[k] != theirs[k]]
    return "; ".join(f"{k} here {ours[k]!r}, there {theirs[k]!r}" for k in fields)


@dataclass
class _Source:
    """What the other store holds, read once and checked before this store is touched."""

    states: dict[str, list[dict[str, Any]]]
    ids: dict[str, int]  # uid -> id there, for messages
    uids: dict[int, str]  # id there -> uid
    groups: list[PointGroup]


def _read_source(source: Store) -> _Source:
    try:
        states = source.history.states()
        uids = source.history.uids()
        groups = source.groups.accepted()
    except DamagedGroup as exc:
        raise _refuse(source, f"group #{exc.group_id}", exc.problem) from None
    except HlmnotesError:
        raise
    except (ValueError, KeyError, TypeError) as exc:  # a history snapshot or group hlmnotes never wrote
        raise StoreError(
            f"store {source.label} cannot be merged: its history or groups are damaged ({type(exc).__name__}: {exc});"
            " nothing was merged"
        ) from None
    return _Source(states, {uid: i for i, uid in uids.items()}, uids, groups)


def _refuse(source: Store, what: str, problem: str) -> StoreError:
    return StoreError(
        f"store {source.label}: {what} cannot be merged: {problem}; correct it there (or leave it out), then merge"
        " again; nothing was merged"
    )


def _checked(meeting: MeetingContext, source: Store, state: Mapping[str, Any], where: str) -> None:
    """Refuse a record this meeting would refuse from a form or an import, or that hlmnotes would store differently."""
    try:
        record = meeting.validate({k: state[k] for k in FIELDS})
    except HlmnotesError as exc:
        raise _refuse(source, where, str(exc)) from None
    stored = to_db(record)
    for name in FIELDS:
        if stored[name] != state[name]:
            raise _refuse(
                source,
                where,
                f"{name} is {reprlib.repr(state[name])}, which hlmnotes would store as {reprlib.repr(stored[name])}"
                " (control characters such as NUL, or a value written by another program)",
            )
    if state["deleted"] not in (0, 1):
        raise _refuse(source, where, f"deleted is {state['deleted']!r}, not 0 or 1")


def _checked_group(meeting: MeetingContext, source: Store, group: PointGroup) -> None:
    """Refuse a group this meeting would not accept (the store refused one of another shape on reading it)."""
    where = f"group #{group.id}"
    text = group.text
    if not text.strip() or clean_text(text) != text or len(text) > MAX_TEXT:
        raise _refuse(source, where, f"its wording {reprlib.repr(text)} is not text of 1 to {MAX_TEXT:,} characters")
    try:
        meeting.programme.panel(group.panel)
    except HlmnotesError as exc:
        raise _refuse(source, where, str(exc)) from None


def merge_store(target: Store, meeting: MeetingContext, source: Store, *, by: str = "merge") -> MergeResult:
    """Bring ``source``'s records into ``target`` (a store of ``meeting``); conflicting edits are listed, not applied."""
    ours_meeting, theirs_meeting = target.db.meta("meeting"), source.db.meta("meeting")
    if ours_meeting != theirs_meeting:
        raise StoreError(
            f"store {source.label} records meeting {theirs_meeting!r}, not {ours_meeting!r}; merge stores of the same meeting"
        )
    theirs_all = _read_source(source)
    result = MergeResult(source=source.label)
    with target.db.transaction():
        ours = target.history.states()
        ids = target.history.uids()
        our_ids = {uid: i for i, uid in ids.items()}
        for uid, their_states in theirs_all.states.items():
            theirs = their_states[-1]
            where = f"#{theirs_all.ids[uid]} (uid {uid})"
            if uid not in ours:
                _checked(meeting, source, theirs, where)
                target.history.merge_state(theirs, by=by, uid_exists=False)
                result.added += 1
                continue
            our_states = ours[uid]
            now = our_states[-1]
            if _same(now, theirs) or any(_same(theirs, old) for old in our_states[:-1]):
                result.unchanged += 1  # identical, or this store already moved past their state
            elif any(_same(now, old) for old in their_states[:-1]):
                _checked(meeting, source, theirs, where)
                target.history.merge_state(theirs, by=by, uid_exists=True)
                result.updated += 1
            else:
                result.conflicts.append(
                    f"#{our_ids[uid]} (panel {now['panel']}, {now['delegation']}): {_describe(now, theirs)}"
                )
        _merge_groups(target, meeting, source, theirs_all, result, by)
    return result


def _members(group: PointGroup, uids: dict[int, str]) -> frozenset[tuple[str, str, str]]:
    """The group's points by their records' uids (the ids differ between stores): (uid, kind, text)."""
    return frozenset((uids[m.intervention], m.kind, m.text) for m in group.members if m.intervention in uids)


def _merge_groups(
    target: Store, meeting: MeetingContext, source: Store, theirs: _Source, result: MergeResult, by: str
) -> None:
    """Add the other store's accepted groups that this one lacks; a point grouped differently here is a conflict."""
    our_uids = target.history.uids()
    our_ids = {uid: i for i, uid in our_uids.items()}
    ours = {_members(g, our_uids): g.text for g in target.groups.accepted()}
    claimed = {point for members in ours for point in members}
    for group in theirs.groups:
        _checked_group(meeting, source, group)
        members = _members(group, theirs.uids)
        if members in ours:
            if ours[members] != group.text:
                result.conflicts.append(
                    f"group of {len(members)} points (panel {group.panel}): worded {ours[members]!r} here,"
                    f" {group.text!r} there"
                )
            continue
        taken = members & claimed
        if taken:
            uid, _, text = sorted(taken)[0]
            result.conflicts.append(
                f"group {group.text!r} (panel {group.panel}): the point {text!r} of #{our_ids[uid]} is grouped"
                " differently here"
            )
            continue
        target.groups.save(
            group.panel,
            group.text,
            [PointKey(our_ids[uid], kind, text) for uid, kind, text in sorted(members)],
            by=group.by or by,
        )
        ours[members] = group.text
        claimed |= members
        result.groups_added += 1
