"""Illustrative interventions for demos, tests and benchmarks.

Every floor speaker is a placeholder ("Member State A", "Civil society organization B"): the words
are invented, so they are never put in the mouth of a real delegation. Panellists and chairs keep
their programme names but get neutral, procedural key points only.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
import string
from collections.abc import Iterator
from typing import Any
from zoneinfo import ZoneInfo

from ..domain.model import PODIUM
from ..domain.programme import Programme

# (theme ids, key point, recommendation or "") — generic reported speech, not anyone's statement.
_POINTS = [
    (
        ("referral-mechanisms",),
        "called for stronger national referral mechanisms",
        "establish national referral mechanisms with clear roles",
    ),
    (
        ("data-evidence",),
        "stressed the need for better data disaggregated by sex and age",
        "invest in disaggregated data collection",
    ),
    (
        ("prosecution", "capacity-building"),
        "noted persistently low conviction rates",
        "train judges and prosecutors on trafficking cases",
    ),
    (
        ("financial-flows",),
        "highlighted the role of financial intelligence in dismantling networks",
        "follow the money in every investigation",
    ),
    (
        ("supply-chains",),
        "underlined due diligence in public procurement and supply chains",
        "require supply-chain due diligence of companies",
    ),
    (("labour-recruitment",), "called for the elimination of recruitment fees charged to workers", ""),
    (
        ("non-punishment",),
        "stressed that victims should not be punished for crimes they were compelled to commit",
        "enshrine the non-punishment principle in law",
    ),
    (
        ("survivor-centred",),
        "emphasised a survivor-centred, human-rights-based approach",
        "involve survivors in policy design",
    ),
    (("children",), "expressed concern about unaccompanied children on the move", ""),
    (
        ("technology",),
        "warned of online recruitment through social media",
        "work with technology companies to detect online exploitation",
    ),
    (("trust-fund",), "announced a contribution to the UN Voluntary Trust Fund", ""),
    (
        ("partnership",),
        "welcomed cooperation through ICAT and regional partnerships",
        "strengthen cross-border cooperation between police",
    ),
    (("migration",), "underlined safe and regular pathways as a form of prevention", ""),
    (("root-causes",), "pointed to poverty and inequality as root causes of vulnerability", ""),
    (("awareness",), "described awareness-raising campaigns in schools", ""),
    (
        ("identification",),
        "stressed early identification of victims by frontline officials",
        "train frontline officials in identification",
    ),
]
_CATEGORIES = [("member_state", "Member State", 14), ("observer_state", "Observer State", 1), ("un_entity", "UN entity", 2),
               ("igo", "Organization", 1), ("civil_society", "Civil society organization", 3), ("academia", "University", 1)]  # fmt: skip


def _letters() -> Iterator[str]:
    for size in (1, 2):
        for combo in itertools.product(string.ascii_uppercase, repeat=size):
            yield "".join(combo)


def demo_rows(
    programme: Programme, per_panel: int = 25, *, seed: int = 2017, rapporteur: str = "Rapporteur 1"
) -> list[dict[str, Any]]:
    """Contract-2 rows for every panel: the Chair, each panellist, then ``per_panel`` floor speakers."""
    rng = random.Random(seed)
    zone = ZoneInfo(programme.meeting.timezone)
    rows: list[dict[str, Any]] = []
    for panel in programme.panels:
        clock = dt.datetime.combine(panel.date, panel.start, zone) + dt.timedelta(minutes=1)
        names = {kind: _letters() for _, kind, _ in _CATEGORIES}

        def add(panel: Any = panel, **row: Any) -> None:
            nonlocal clock
            limit = panel.limits.seconds_for(row["category"])
            seconds = rng.randint(limit - 60, limit + 30)
            # The podium gets procedural notes only: nothing is put in a real person's mouth.
            theme_sets = [] if row["category"] in PODIUM else rng.sample(_POINTS, k=rng.randint(1, 3))
            rows.append(row | {
                "panel": panel.id, "questions": ";".join(str(q) for q in sorted(rng.sample(range(1, len(panel.questions) + 1), k=rng.randint(1, 2)))),
                "themes": ";".join(dict.fromkeys(t for p in theme_sets for t in p[0])),
                "key_points": row.get("key_points") or "\n".join(p[1] for p in theme_sets),
                "recommendations": row.get("recommendations", "\n".join(p[2] for p in theme_sets if p[2])),
                "started_at": clock.isoformat(), "ended_at": (clock + dt.timedelta(seconds=seconds)).isoformat(),
                "rapporteur": rapporteur,
            })  # fmt: skip
            clock += dt.timedelta(seconds=seconds + rng.randint(5, 40))

        add(category="chair", speaker=panel.chair.name, delegation=panel.chair.delegation,
            key_points="opened the panel and introduced the guiding questions", recommendations="")  # fmt: skip
        for person in panel.panellists:
            add(category="panellist", speaker=person.name, delegation=person.delegation or person.organization,
                key_points="presented the work of the organization (illustrative)", recommendations="")  # fmt: skip
        weights = [w for _, _, w in _CATEGORIES]
        for _ in range(per_panel):
            category, kind, _ = rng.choices(_CATEGORIES, weights=weights)[0]
            row = {"category": category, "delegation": f"{kind} {next(names[kind])}"}
            if category == "member_state" and rng.random() < 0.1:
                row["on_behalf_of"] = "Group A"
            add(**row)
    return rows
