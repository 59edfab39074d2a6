"""Points that say the same thing: proposing groups for a person to accept, and keeping the decision.

A point is one line of an intervention's ``key_points`` or ``recommendations``. The library only
*proposes* groups; a group counts in the summary once a person accepts it (``accept_group``), which
stores it with ``Store.save_point_group``. Members are matched by intervention, kind and exact text,
so a line edited after grouping drops out of its group instead of silently joining it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import ProgrammeError, ValidationError
from ..model import PODIUM, Intervention
from ..text import clean_text, fold, lines

KINDS = ("key_point", "recommendation")
DEFAULT_THRESHOLD = 80.0

# Words that carry no meaning for "do these two points say the same thing": reporting verbs (one
# rapporteur writes "stressed", another "underlined") and function words.
_NOISE = frozenset(
    "a an the of for to in on and or with by as at from that this these those its their be is are was were "  # noqa: SIM905 -- a word list reads best as words
    "called stressed noted underlined underscored emphasised emphasized highlighted said stated urged "
    "recommended welcomed expressed pointed described mentioned also need needs importance role "
    "further strongly".split()
)  # fmt: skip
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


@dataclass(frozen=True)
class ProposedGroup:
    """Points the library thinks say one thing; ``text`` is the suggested wording, ``score`` 0–100."""

    points: list[dict[str, Any]]
    text: str
    score: float


def point_key(intervention: int, kind: str, text: str) -> tuple[int, str, str]:
    return (int(intervention), kind, text)


def points_of(records: Iterable[Intervention]) -> list[dict[str, Any]]:
    """Every key point and recommendation line of the floor interventions, in order of speaking."""
    out = []
    for r in records:
        if r.category in PODIUM:
            continue
        for kind, value in (("key_point", r.key_points), ("recommendation", r.recommendations)):
            out += [
                {"intervention": r.id, "kind": kind, "text": line, "delegation": r.delegation} for line in lines(value)
            ]
    return out


def stored_groups(groups: Sequence[Mapping[str, Any]]) -> dict[tuple[int, str, str], Mapping[str, Any]]:
    """Point key → the first stored group that claims it (a point belongs to one group)."""
    claimed: dict[tuple[int, str, str], Mapping[str, Any]] = {}
    for group in groups:
        for m in group["members"]:
            claimed.setdefault(point_key(m["intervention"], m["kind"], m["text"]), group)
    return claimed


def normalise(text: str) -> str:
    """The words that carry a point's meaning, folded, in order: what similarity is measured on."""
    words = [w for w in _WORD.findall(fold(text)) if w not in _NOISE]
    return " ".join(words) or fold(text)


def similarity(texts: Sequence[str], threshold: float, block: int = 1000) -> list[dict[int, float]]:
    """For each normalised text, the texts scoring at least ``threshold`` (0–100) against it, with the score.

    Why rapidfuzz: rapporteurs word the same point differently ("called for stronger referral
    mechanisms" / "stressed that referral mechanisms should be strengthened"), in any order and with
    extra qualifiers. rapidfuzz is a maintained, MIT-licensed C++ library (already a dependency) whose
    ``cdist`` scores every pair in native code, deterministically and without model weights, so a
    proposal can be explained to staff as "these share most of their words". ``token_set_ratio``
    ignores word order and extra words; alone it scores 100 whenever one point's words are a subset
    of another's ("called for data" vs a long point about data and funding), so it is averaged with
    ``token_sort_ratio``, which penalises the unmatched words.

    Rows are scored ``block`` at a time as bytes, keeping only pairs above the cut-off, so memory
    stays proportional to the matches, not to the square of the number of points.
    """
    from rapidfuzz import fuzz, process

    cutoff = max(0.0, 2 * threshold - 100)  # a pair whose mean reaches the threshold has both scores above this
    near: list[dict[int, float]] = []
    for start in range(0, len(texts), block):
        rows = texts[start : start + block]
        scores = [
            process.cdist(rows, texts, scorer=scorer, dtype="uint8", score_cutoff=cutoff, workers=1).astype("uint16")
            for scorer in (fuzz.token_set_ratio, fuzz.token_sort_ratio)
        ]
        mean = (scores[0] + scores[1]) / 2
        for row in mean:
            columns = (row >= threshold).nonzero()[0]
            near.append(dict(zip(columns.tolist(), row[columns].tolist(), strict=True)))
    return near


def propose_groups(
    workspace: Any, panel: int, threshold: float = DEFAULT_THRESHOLD, *, kinds: Sequence[str] = KINDS
) -> list[ProposedGroup]:
    """Groups of similar points of ``panel`` not yet in an accepted group, largest first.

    Each proposal is a "star": the point most similar to others (its wording is the suggested
    ``text``) with every ungrouped point scoring at least ``threshold`` against it. Stars rather than
    chains, so A~B and B~C never drag unrelated A and C together. A proposal joins points from at
    least two interventions; nothing is stored until ``accept_group``.
    """
    _panel(workspace, panel)
    if not 0 <= threshold <= 100:
        raise ValidationError(f"threshold: expected 0 to 100, got {threshold}", field="threshold")
    claimed = stored_groups(workspace.store.point_groups(panel))
    rejected = [_keys(g["members"]) for g in workspace.store.rejected_groups(panel)]
    proposals = []
    for kind in kinds:
        points = [
            p for p in points_of(workspace.records(panel))
            if p["kind"] == kind and point_key(p["intervention"], kind, p["text"]) not in claimed
        ]  # fmt: skip
        proposals += [g for g in _stars(points, threshold) if not any(_keys(g.points) <= r for r in rejected)]
    return sorted(proposals, key=lambda g: (-len(g.points), -g.score))


def _keys(points: Iterable[Mapping[str, Any]]) -> frozenset[tuple[int, str, str]]:
    return frozenset(point_key(p["intervention"], p["kind"], p["text"]) for p in points)


def reject_group(workspace: Any, panel: int, points: Sequence[Mapping[str, Any]], by: str = "") -> int:
    """Keep a person's decision that ``points`` do not say one thing: that proposal, or any part of
    it, is not proposed again (a new similar point makes a new proposal). Returns the decision's id."""
    _panel(workspace, panel)
    members = [{"intervention": k[0], "kind": k[1], "text": k[2]} for k in sorted(_keys(points))]
    if len(members) < 2:
        raise ValidationError("points: a rejected proposal has at least two points", field="points")
    return workspace.store.reject_point_group(panel, members, by=by)


def _stars(points: list[dict[str, Any]], threshold: float) -> list[ProposedGroup]:
    """Star groups over the distinct wordings (identical lines are one text), expanded back to points."""
    order = {id(p): i for i, p in enumerate(points)}
    by_text: dict[str, list[dict[str, Any]]] = {}
    for p in points:
        by_text.setdefault(normalise(p["text"]), []).append(p)
    texts = list(by_text)
    if len(points) < 2:
        return []
    near = similarity(texts, threshold)
    weight = [sum(len(by_text[texts[j]]) for j in row) for row in near]  # how many points each text would gather
    taken = [False] * len(texts)
    out = []
    for centre in sorted(range(len(texts)), key=lambda i: (-weight[i], i)):
        if taken[centre]:
            continue
        members = [j for j in near[centre] if not taken[j]]
        chosen = [p for j in members for p in by_text[texts[j]]]
        if len({p["intervention"] for p in chosen}) < 2:
            continue
        for j in members:
            taken[j] = True
        others = [j for j in members if j != centre]
        score = sum(near[centre][j] for j in others) / len(others) if others else 100.0
        chosen.sort(key=lambda p: order[id(p)])
        out.append(ProposedGroup([dict(p) for p in chosen], by_text[texts[centre]][0]["text"], round(score, 1)))
    return out


def accept_group(
    workspace: Any, panel: int, points: Sequence[Mapping[str, Any]], text: str | None = None, by: str = ""
) -> int:
    """Store a person's decision that ``points`` say one thing, worded as ``text``; returns the group id.

    ``points`` are dicts with ``intervention``, ``kind`` and ``text`` (a ``ProposedGroup``'s points
    as they are). ``text`` defaults to the first point's wording. A single point may be "grouped" to
    reword it. Refused, with nothing stored, when a point is not a line of that panel's floor
    interventions or already belongs to a group.
    """
    _panel(workspace, panel)
    if not points:
        raise ValidationError("points: a group needs at least one point", field="points")
    available = {point_key(p["intervention"], p["kind"], p["text"]): p for p in points_of(workspace.records(panel))}
    claimed = stored_groups(workspace.store.point_groups(panel))
    members: list[dict[str, Any]] = []
    seen: set[tuple[int, str, str]] = set()
    for number, point in enumerate(points, 1):
        try:
            key = point_key(point["intervention"], point["kind"], point["text"])
        except (KeyError, TypeError, ValueError):
            raise ValidationError(
                f"points[{number}]: needs intervention (an id), kind and text, got {dict(point)!r}", field="points"
            ) from None
        if key[1] not in KINDS:
            raise ValidationError(
                f"points[{number}]: kind must be key_point or recommendation, got {key[1]!r}", field="points"
            )
        if key not in available:
            raise ValidationError(
                f"points[{number}]: #{key[0]} in panel {panel} has no {key[1].replace('_', ' ')} {key[2]!r};"
                " it may have been edited since; propose the groups again",
                field="points",
            )
        if key in claimed:
            raise ValidationError(
                f"points[{number}]: {key[2]!r} of #{key[0]} is already in group #{claimed[key]['id']};"
                " delete that group first to regroup it",
                field="points",
            )
        if key not in seen:
            seen.add(key)
            members.append({"intervention": key[0], "kind": key[1], "text": key[2]})
    wording = " ".join(clean_text(text if text is not None else members[0]["text"]).split())
    if not wording:
        raise ValidationError("text: the group's wording is empty; give the sentence it should read as", field="text")
    return workspace.store.save_point_group(panel, wording, members, by=by)


def _panel(workspace: Any, panel: int) -> None:
    try:
        workspace.programme.panel(panel)
    except ProgrammeError as exc:
        raise ValidationError(str(exc), field="panel") from None
