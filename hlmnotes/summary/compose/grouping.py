"""Points that say the same thing: proposing groups for a person to accept, and keeping the decision.

A point is one line of an intervention's ``key_points`` or ``recommendations``. The library only
*proposes* groups; a group counts in the summary once a person accepts it (``accept_group``), which
stores it with ``Store.save_point_group``. Members are matched by intervention, kind and exact text,
so a line edited after grouping drops out of its group instead of silently joining it.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ...domain.model import PODIUM, Intervention, saved_id
from ...domain.points import KINDS, Point, PointGroup, PointKey, RejectedGroup, key_of
from ...domain.text import clean_text, fold, lines
from ...errors import HlmnotesError, ProgrammeError, ValidationError

if TYPE_CHECKING:
    from ...domain.programme import Programme
    from ...storage.store import Store

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


@dataclass(frozen=True, slots=True)
class ProposedGroup:
    """Points the library thinks say one thing; ``text`` is the suggested wording, ``score`` 0–100."""

    points: tuple[Point, ...]
    text: str
    score: float

    @property
    def key(self) -> str:
        """A name that stays the same while the same points are proposed together: ``g`` and six hex digits.

        A position in the list of proposals moves with any save in between; this key does not, so
        ``groups accept KEY`` accepts the group its reader saw or refuses."""
        members = sorted(f"{p.intervention}\x1f{p.kind}\x1f{p.text}" for p in self.points)
        return "g" + hashlib.sha256("\x1e".join(members).encode("utf-8")).hexdigest()[:6]


def points_of(records: Iterable[Intervention]) -> list[Point]:
    """Every key point and recommendation line of the floor interventions, in order of speaking."""
    out = []
    for r in records:
        if r.category in PODIUM:
            continue
        for kind, value in (("key_point", r.key_points), ("recommendation", r.recommendations)):
            out += [Point(saved_id(r), kind, line, r.delegation) for line in lines(value)]
    return out


def stored_groups(groups: Iterable[PointGroup]) -> dict[PointKey, PointGroup]:
    """Point key → the first stored group that claims it (a point belongs to one group)."""
    claimed: dict[PointKey, PointGroup] = {}
    for group in groups:
        for key in group.members:
            claimed.setdefault(key, group)
    return claimed


def normalise(text: str) -> str:
    """The words that carry a point's meaning, folded, in order: what similarity is measured on."""
    words = [w for w in _WORD.findall(fold(text)) if w not in _NOISE]
    return " ".join(words) or fold(text)


def similarity(texts: Sequence[str], threshold: float, block: int = 1000) -> list[dict[int, float]]:
    """For each normalised text, the texts scoring at least ``threshold`` (0–100) against it, with the score.

    Why rapidfuzz: rapporteurs word the same point differently ("called for stronger referral
    mechanisms" / "stressed that referral mechanisms should be strengthened"), in any order and with
    extra qualifiers. rapidfuzz is a maintained, MIT-licensed C++ library (already a dependency) that
    scores in native code, deterministically and without model weights, so a proposal can be
    explained to staff as "these share most of their words". ``token_set_ratio`` ignores word order
    and extra words; alone it scores 100 whenever one point's words are a subset of another's
    ("called for data" vs a long point about data and funding), so it is averaged with
    ``token_sort_ratio``, which penalises the unmatched words. Both are whole numbers (as
    ``cdist(dtype="uint8")`` rounds them) and a score under the cut-off both must pass counts as 0.

    Why not every pair: scoring all n² pairs took 9 s at 4,000 points and grew fourfold with each
    doubling. At the default threshold and above only the pairs ``candidate_pairs`` finds (they
    share word stems) are scored, in native code on all cores: ``token_sort_ratio`` first, as a plain
    ratio of the presorted words, and ``token_set_ratio`` only for the pairs above the cut-off. A
    lower threshold also pairs points that share few words, so there every pair is still scored,
    ``block`` rows at a time (memory follows the matches, not the square of the points).

    The candidate search is approximate. Every pair it finds has the score every-pair scoring gives
    it, and rewordings that keep each word's first five letters (word order, words added or dropped,
    inflections) are all found; but a stem is those five letters, so two points whose words differ
    within them ("labour"/"labor", a typo) share fewer stems and a pair of them may be missed. On
    rewordings with such changes it finds 99.7% of the pairs every-pair scoring finds at 80 (25,189
    of 25,255 over ten sets of 400 points; ``tests/test_grouping_pairs.py`` holds it at 99.5%).
    """
    import numpy as np
    from rapidfuzz import fuzz, process

    cutoff = max(0.0, 2 * threshold - 100)  # a pair whose mean reaches the threshold has both scores above this
    if threshold < CANDIDATES_FROM:
        return _every_pair(texts, threshold, cutoff, block)
    near: list[dict[int, float]] = [{} for _ in texts]
    for i, text in enumerate(texts):  # a text against itself, as every pair scored it
        own = (_whole(fuzz.token_set_ratio(text, text, score_cutoff=cutoff)) + _whole(fuzz.token_sort_ratio(text, text, score_cutoff=cutoff))) / 2  # fmt: skip
        if own >= threshold:
            near[i][i] = own
    left, right = candidate_pairs(texts)
    if left.size:
        ordered = np.array([" ".join(sorted(t.split())) for t in texts], dtype=object)
        plain = np.array(texts, dtype=object)
        length = np.array([len(t) for t in ordered], dtype=np.int64)
        shorter, longer = np.minimum(length[left], length[right]), np.maximum(length[left], length[right])
        reach = 200 * shorter >= cutoff * (shorter + longer)  # a ratio is at most 200·shorter/(both lengths)
        left, right = left[reach], right[reach]
        first = process.cpdist(
            ordered[left], ordered[right], scorer=fuzz.ratio, dtype="uint8", score_cutoff=cutoff, workers=-1
        )
        keep = first >= cutoff
        left, right, first = left[keep], right[keep], first[keep].astype("uint16")
        second = process.cpdist(
            plain[left], plain[right], scorer=fuzz.token_set_ratio, dtype="uint8", score_cutoff=cutoff, workers=-1
        ).astype("uint16")
        mean = (first + second) / 2
        found = mean >= threshold
        for i, j, score in zip(left[found].tolist(), right[found].tolist(), mean[found].tolist(), strict=True):
            near[i][j] = near[j][i] = score
    return [dict(sorted(row.items())) for row in near]


def _every_pair(texts: Sequence[str], threshold: float, cutoff: float, block: int) -> list[dict[int, float]]:
    from rapidfuzz import fuzz, process

    near: list[dict[int, float]] = []
    for start in range(0, len(texts), block):
        rows = texts[start : start + block]
        scores = [
            process.cdist(rows, texts, scorer=scorer, dtype="uint8", score_cutoff=cutoff, workers=-1).astype("uint16")
            for scorer in (fuzz.token_set_ratio, fuzz.token_sort_ratio)
        ]
        mean = (scores[0] + scores[1]) / 2
        for row in mean:
            columns = (row >= threshold).nonzero()[0]
            near.append(dict(zip(columns.tolist(), row[columns].tolist(), strict=True)))
    return near


def _whole(score: float) -> int:
    """A 0–100 score as ``cdist(dtype="uint8")`` gives it: rounded half up."""
    return int(score + 0.5)


CANDIDATES_FROM = 80.0  # thresholds from which only candidate pairs are scored (approximate: see ``similarity``)
_STEM = 5  # characters of a word that make its key: "trafficked"/"trafficking", "victim"/"victims"
_SHARED = 0.5  # the least share of the shorter text's stems that two texts saying the same thing have in common


def candidate_pairs(texts: Sequence[str]) -> tuple[Any, Any]:
    """The pairs (i < j, as two index arrays) worth scoring: those sharing enough word stems.

    Two points that say the same thing share at least half the stems of the shorter one
    (``_SHARED``: a reworded point sharing fewer does not reach a score of 80), a stem being a word's
    first ``_STEM`` letters: a word spelt otherwise within them is another stem (``similarity`` says
    what that costs). Texts are indexed
    shortest first by only their rarest stems, all but ``ceil(half) - 1`` of them (the prefix filter
    of set-similarity joins: a text sharing that many stems with it must share one of those), and
    each longer text looks up all its stems. So the commonest stems of a meeting ("traff", "victi")
    pair texts only when they are most of what a text says, and the work grows with the matches,
    not with the square of the points. A text with no stem (only short words or numbers) is paired
    with every other.
    """
    import numpy as np

    n = len(texts)
    keys = [{w[:_STEM] for w in t.split() if len(w) >= 3 and not w.isdigit()} for t in texts]
    rank = np.empty(n, dtype=np.int64)  # texts in order of how many stems they have, fewest first
    rank[sorted(range(n), key=lambda i: (len(keys[i]), i))] = np.arange(n)
    frequency: dict[str, int] = {}
    for row in keys:
        for key in row:
            frequency[key] = frequency.get(key, 0) + 1
    having: dict[str, list[int]] = {}
    indexed: dict[str, list[int]] = {}
    for i, row in enumerate(keys):
        rarest = sorted(row, key=lambda k: (frequency[k], k))
        for key in rarest:
            having.setdefault(key, []).append(i)
        for key in rarest[: len(rarest) - math.ceil(_SHARED * len(rarest)) + 1]:
            indexed.setdefault(key, []).append(i)
    chunks = [np.zeros(0, dtype=np.int64)]
    for key, short in indexed.items():
        a, b = np.array(short, dtype=np.int64), np.array(having[key], dtype=np.int64)
        earlier = rank[a][:, None] < rank[b][None, :]  # the shorter text is indexed, the longer looks it up
        ia, ib = earlier.nonzero()
        chunks.append(np.minimum(a[ia], b[ib]) * n + np.maximum(a[ia], b[ib]))
    for i in (i for i, row in enumerate(keys) if not row):
        others = np.arange(n, dtype=np.int64)
        others = others[others != i]
        chunks.append(np.minimum(i, others) * n + np.maximum(i, others))
    pairs = np.sort(np.concatenate(chunks))  # a pair found through several stems is scored once
    pairs = pairs[np.concatenate(([True], pairs[1:] != pairs[:-1]))] if pairs.size else pairs
    return pairs // n, pairs % n


def propose_groups(
    store: Store, programme: Programme, panel: int, threshold: float = DEFAULT_THRESHOLD, *, kinds: Sequence[str] = KINDS
) -> list[ProposedGroup]:
    """Groups of similar points of ``panel`` not yet in an accepted group, largest first.

    Each proposal is a "star": the point most similar to others (its wording is the suggested
    ``text``) with every ungrouped point scoring at least ``threshold`` against it. Stars rather than
    chains, so A~B and B~C never drag unrelated A and C together. A proposal joins points from at
    least two interventions; nothing is stored until ``accept_group``.
    """
    _panel(programme, panel)
    if not 0 <= threshold <= 100:
        raise ValidationError(f"threshold: expected 0 to 100, got {threshold}", field="threshold")
    found = proposals(store.interventions(panel), store.point_groups(panel), store.rejected_groups(panel), threshold)
    return [g for g in found if g.points[0].kind in kinds]


def proposals(
    records: Sequence[Intervention],
    accepted: Iterable[PointGroup],
    rejected: Iterable[RejectedGroup],
    threshold: float = DEFAULT_THRESHOLD,
) -> list[ProposedGroup]:
    """``propose_groups`` over one panel's records and the staff's decisions on them, read beforehand."""
    claimed = stored_groups(accepted)
    grouped = {key.text for key in claimed}  # a plain lookup first: most lines are in no group
    refused = [frozenset(g.members) for g in rejected]
    every = points_of(records)
    found: list[ProposedGroup] = []
    for kind in KINDS:
        points = [p for p in every if p.kind == kind and (p.text not in grouped or p.key not in claimed)]
        found += [g for g in _stars(points, threshold) if not (refused and _refused(g, refused))]
    return sorted(found, key=lambda g: (-len(g.points), -g.score))


def _refused(group: ProposedGroup, refused: Sequence[frozenset[PointKey]]) -> bool:
    """Whether a person rejected these points together, or more of them than these."""
    keys = _keys(group.points)
    return any(keys <= r for r in refused)


def _keys(points: Iterable[Point | PointKey]) -> frozenset[PointKey]:
    return frozenset(key_of(p) for p in points)


def find_proposal(proposals: Sequence[ProposedGroup], chosen: str, panel: int) -> ProposedGroup:
    """The proposal named by its ``key`` (as `groups propose` prints it), or by its number in the list,
    which still works but counts in a list that any save in between can change."""
    listing = f"list them with `hlmnotes groups propose --panel {panel}`"
    by_key = {group.key: group for group in proposals}
    if chosen.strip().lower() in by_key:
        return by_key[chosen.strip().lower()]
    if not chosen.strip().isdigit():
        raise HlmnotesError(
            f"there is no proposal {chosen} for panel {panel} now (its points were grouped, edited or deleted"
            f" since, or the key is mistyped); {listing}"
        )
    number = int(chosen)
    if not 1 <= number <= len(proposals):
        raise HlmnotesError(f"there is no proposal {number} for panel {panel} (there are {len(proposals)}); {listing}")
    return proposals[number - 1]


def reject_group(
    store: Store, programme: Programme, panel: int, points: Sequence[Point | PointKey], by: str = ""
) -> int:
    """Keep a person's decision that ``points`` do not say one thing: that proposal, or any part of
    it, is not proposed again (a new similar point makes a new proposal). Returns the decision's id."""
    _panel(programme, panel)
    members = sorted(_keys(points))
    if len(members) < 2:
        raise ValidationError("points: a rejected proposal has at least two points", field="points")
    return store.reject_point_group(panel, members, by=by)


def _stars(points: list[Point], threshold: float) -> list[ProposedGroup]:
    """Star groups over the distinct wordings (identical lines are one text), expanded back to points."""
    by_text: dict[str, list[int]] = {}  # normalised wording -> the points' places in ``points``
    for i, p in enumerate(points):
        by_text.setdefault(normalise(p.text), []).append(i)
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
        chosen = sorted(i for j in members for i in by_text[texts[j]])
        if len({points[i].intervention for i in chosen}) < 2:
            continue
        for j in members:
            taken[j] = True
        others = [j for j in members if j != centre]
        score = sum(near[centre][j] for j in others) / len(others) if others else 100.0
        wording = points[by_text[texts[centre]][0]].text
        out.append(ProposedGroup(tuple(points[i] for i in chosen), wording, round(score, 1)))
    return out


def accept_group(
    store: Store,
    programme: Programme,
    panel: int,
    points: Sequence[Point | PointKey],
    text: str | None = None,
    by: str = "",
) -> int:
    """Store a person's decision that ``points`` say one thing, worded as ``text``; returns the group id.

    ``points`` are a ``ProposedGroup``'s points as they are, or ``PointKey``s of any lines of the
    panel's floor. ``text`` defaults to the first point's wording. A single point may be "grouped" to
    reword it. Refused, with nothing stored, when a point is not a line of that panel's floor
    interventions or already belongs to a group.
    """
    _panel(programme, panel)
    if not points:
        raise ValidationError("points: a group needs at least one point", field="points")
    available = {p.key for p in points_of(store.interventions(panel))}
    claimed = stored_groups(store.point_groups(panel))
    members: dict[PointKey, None] = {}  # in the order given, each once
    for number, point in enumerate(points, 1):
        key = key_of(point)
        if key.kind not in KINDS:
            raise ValidationError(
                f"points[{number}]: kind must be key_point or recommendation, got {key.kind!r}", field="points"
            )
        if key not in available:
            raise ValidationError(
                f"points[{number}]: #{key.intervention} in panel {panel} has no {key.kind.replace('_', ' ')}"
                f" {key.text!r}; it may have been edited since; propose the groups again",
                field="points",
            )
        if key in claimed:
            raise ValidationError(
                f"points[{number}]: {key.text!r} of #{key.intervention} is already in group #{claimed[key].id};"
                " delete that group first to regroup it",
                field="points",
            )
        members[key] = None
    wording = " ".join(clean_text(text if text is not None else next(iter(members)).text).split())
    if not wording:
        raise ValidationError("text: the group's wording is empty; give the sentence it should read as", field="text")
    return store.save_point_group(panel, wording, list(members), by=by)


def _panel(programme: Programme, panel: int) -> None:
    try:
        programme.panel(panel)
    except ProgrammeError as exc:
        raise ValidationError(str(exc), field="panel") from None
