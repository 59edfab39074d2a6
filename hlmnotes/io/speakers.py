"""The speakers' list: who is inscribed to take the floor in a panel, in order, as a queue."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..domain.model import CATEGORIES, CATEGORY_LABELS
from ..domain.speakers import Inscribed, SpeakerEntry
from ..domain.text import clean_text
from ..errors import ValidationError
from .interchange import read_rows

if TYPE_CHECKING:
    from ..domain.context import MeetingContext
    from ..domain.reference import Reference
    from ..storage.store import Store

COLUMNS = ("order", "delegation", "speaker", "category", "on_behalf_of")


def import_speakers(store: Store, meeting: MeetingContext, path: str | Path, panel: int) -> list[Inscribed]:
    """Replace the panel's waiting queue with the file's speakers, every name checked against the lists."""
    meeting.programme.panel(panel)
    entries: list[tuple[int, SpeakerEntry]] = []  # (order, entry)
    orders: dict[int, str] = {}
    for place, row in read_rows(path, COLUMNS, ("delegation",)):
        try:
            entries.append(_entry(meeting.reference, row, place, orders))
        except ValidationError as exc:
            raise exc.at(path, place) from None
    entries.sort(key=lambda e: e[0])
    store.replace_speakers(panel, [entry for _, entry in entries])
    return queue(store, panel)


def _entry(
    reference: Reference, row: dict[str, Any], place: str, orders: dict[int, str]
) -> tuple[int, SpeakerEntry]:
    """The row's place in the list (its ``order``, else after the numbered ones) and whom it inscribes."""
    raw_order = str(row.get("order") or "").strip()
    if raw_order:
        try:
            order = int(float(raw_order))
        except ValueError:
            raise ValidationError(f"expected a whole number, got {raw_order!r}", field="order") from None
        if order in orders:
            raise ValidationError(f"order {order} is used twice (also {orders[order]})", field="order")
        orders[order] = place
    else:
        order = len(orders) + 10_000  # unnumbered rows keep file order after the numbered ones
        orders[order] = place
    category = category_code(row.get("category"))
    name = " ".join(clean_text(row.get("delegation")).split())
    if not name:
        raise ValidationError("delegation is empty; every inscribed speaker needs one", field="delegation")
    delegation = reference.resolve(name, category)
    group_name = " ".join(clean_text(row.get("on_behalf_of")).split())
    group = reference.find_group(group_name) if group_name else None
    return order, SpeakerEntry(
        delegation=delegation.name,
        category=category or delegation.category,
        speaker=" ".join(clean_text(row.get("speaker")).split()),
        on_behalf_of=group.name if group else group_name,
    )


# Words a speakers' list may use for a category besides its code and the app's label (case does not matter).
_CATEGORY_WORDS = {
    "intergovernmental organization": "igo", "intergovernmental organisation": "igo",
    "united nations entity": "un_entity", "un agency": "un_entity", "ngo": "civil_society",
}  # fmt: skip


def category_code(raw: object) -> str:
    """The category code for what a speakers' list says: a code, the app's label or a common name, any case.

    Lists come from secretariats that write "Intergovernmental organization" or "Member State", not
    ``igo``; refusing those made people retype a whole file. Empty stays empty (filled from the lists).
    """
    text = " ".join(clean_text(raw).replace("_", " ").split()).lower()
    if not text:
        return ""
    words = {code.replace("_", " "): code for code in CATEGORIES}
    words |= {label.lower().rstrip("."): code for code, label in CATEGORY_LABELS.items()}
    words |= _CATEGORY_WORDS
    found = words.get(text.rstrip("."))
    if found is None:
        values = ", ".join(f"{code} ({CATEGORY_LABELS[code]})" for code in CATEGORIES)
        raise ValidationError(f"unknown category {str(raw).strip()!r}; use one of {values}", field="category")
    return found


def _absent_key(panel: int) -> str:
    return f"absent/panel{panel}"


def queue(store: Store, panel: int) -> list[Inscribed]:
    """The panel's speakers' list in order, each with the intervention that took it, if any."""
    absent = set((store.setting(_absent_key(panel)) or {}).get("positions", []))
    return [replace(s, absent=True) if s.position in absent else s for s in store.speakers(panel)]


def next_speaker(store: Store, panel: int) -> Inscribed | None:
    """The first inscribed speaker who has not yet spoken and is not marked absent."""
    return next((s for s in queue(store, panel) if s.waiting), None)


def mark_absent(store: Store, panel: int, position: int, absent: bool = True) -> None:
    """Mark a listed speaker absent (the Chair moved on) or back in the room; the entry stays on the list."""
    positions = set((store.setting(_absent_key(panel)) or {}).get("positions", []))
    positions = positions | {position} if absent else positions - {position}
    store.set_setting(_absent_key(panel), {"positions": sorted(positions)})


def add_late(
    store: Store, meeting: MeetingContext, panel: int, delegation: str, speaker: str = "", on_behalf_of: str = ""
) -> Inscribed:
    """Inscribe a late speaker at the end of the list, the name checked against the reference lists."""
    meeting.programme.panel(panel)
    row = {"delegation": delegation, "speaker": speaker, "on_behalf_of": on_behalf_of}
    _, entry = _entry(meeting.reference, row, "late speaker", {})
    position = store.add_speaker(panel, entry)
    return next(s for s in queue(store, panel) if s.position == position)
