"""A rapporteur's kernel in a child process, for the fault tests: it saves and says what it saved.

    python tests/helpers_faults.py STORE LABEL COUNT [MODE]

Opens the store, prints ``ready``, then saves COUNT interventions (0: until killed). MODE ``save``
prints each id on its own line right after ``ws.save`` returns, so every printed id is one the screen
would have confirmed. MODE ``edit`` also revises each record and deletes every fourth, printing
``<id> live`` or ``<id> deleted`` after the last write for that record has returned.
"""

from __future__ import annotations

import sys

from hlmnotes import Workspace


def main(store: str, label: str, count: int, mode: str = "save") -> None:
    ws = Workspace.open(store)
    say = sys.stdout
    say.write("ready\n")
    say.flush()
    n = 0
    while count == 0 or n < count:
        record = ws.save({
            "panel": 1 + n % 2, "delegation": "Member State A", "category": "member_state",
            "questions": "1", "key_points": f"{label} {n}", "rapporteur": label,
        })  # fmt: skip
        if mode == "edit":
            ws.revise(record.id, key_points=f"{label} {n} revised")
            state = "live"
            if n % 4 == 0:
                ws.delete(record.id, by=label)
                state = "deleted"
            say.write(f"{record.id} {state}\n")
        else:
            say.write(f"{record.id}\n")
        say.flush()
        n += 1
    ws.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), *sys.argv[4:5])
