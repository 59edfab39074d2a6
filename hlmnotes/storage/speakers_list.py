"""The speakers' lists: who is inscribed on each panel, and which of them have spoken."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from ..domain.speakers import Inscribed, SpeakerEntry
from .database import Database


class SpeakersLists:
    """Each panel's inscribed speakers of one store (``db``) in order; ``taken_by`` names the intervention
    that gave the floor."""

    def __init__(self, db: Database):
        self.db = db

    def replace(self, panel: int, entries: Sequence[SpeakerEntry]) -> int:
        """Replace the panel's inscribed speakers that have not yet spoken; those who spoke stay.

        An updated list usually still names those who already spoke: each of them (by delegation and
        group) is matched once and not queued again. Returns how many entries were skipped that way.
        """
        with self.db.write() as db:
            db.execute(db.sql.drop_waiting, (panel,))
            spoke = Counter(
                (r["delegation"], r["on_behalf_of"])
                for r in db.execute(db.sql.who_spoke, (panel,)).fetchall()
            )
            waiting = []
            for e in entries:
                key = (e.delegation, e.on_behalf_of)
                if spoke[key]:
                    spoke[key] -= 1
                else:
                    waiting.append(e)
            start = db.execute(db.sql.last_position, (panel,)).fetchone()["last"]
            db.executemany(
                db.sql.inscribe,
                [
                    (panel, start + i, e.delegation, e.speaker, e.category, e.on_behalf_of)
                    for i, e in enumerate(waiting, 1)
                ],
            )
            return len(entries) - len(waiting)

    def of(self, panel: int) -> list[Inscribed]:
        """The panel's inscribed speakers in order (none marked absent: those marks are a setting)."""
        rows = self.db.read(self.db.sql.speakers, (panel,))
        return [
            Inscribed(r["panel"], r["position"], r["delegation"], r["speaker"], r["category"], r["on_behalf_of"],
                      r["taken_by"])
            for r in rows
        ]  # fmt: skip

    def add(self, panel: int, entry: SpeakerEntry) -> int:
        """Inscribe one more speaker at the end of the panel's list (a late inscription); returns the position."""
        with self.db.write() as db:
            position = db.execute(db.sql.last_position, (panel,)).fetchone()["last"] + 1
            db.execute(
                db.sql.inscribe,
                (panel, position, entry.delegation, entry.speaker, entry.category, entry.on_behalf_of),
            )
        return position
