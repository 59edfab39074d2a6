"""The read-out version of a summary: sections I–V within N minutes at 120 words a minute.

The full draft and the read-out version are two products of the same records (docs/design.md): the
read-out version refers to the guiding questions instead of reading them out, keeps each
panellist's first sentence, every divergent or minority view, the recommendations most widely
supported first and the most widely supported views of section III (``shorten``). What
it leaves out stays in the full draft, and the note for staff says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ...domain.reference import Reference
from ..blocks import Heading, Paragraph, Sentence
from ..locale import ENGLISH, Locale
from . import language as lang
from .points import Unit
from .staff import WORDS_PER_MINUTE


def budget(minutes: float) -> int:
    """The words sections I–V may hold to be read in ``minutes``."""
    return int(minutes * WORDS_PER_MINUTE)


def body_words(blocks: Sequence[Heading | Paragraph]) -> int:
    """What the Chair reads out: the words of the body paragraphs and their sub-items."""
    return sum(
        len(p.text.split()) + sum(len(i.text.split()) for i in p.items)
        for p in blocks
        if isinstance(p, Paragraph) and p.role == "body"
    )


def introduction(paragraphs: Sequence[Paragraph], questions: int, locale: Locale = ENGLISH) -> list[Paragraph]:
    """Section I with the guiding questions referred to, not read out ("guided by the six questions …")."""
    out = []
    for p in paragraphs:
        if p.items:
            p = Paragraph((Sentence(locale.questions_referred.format(count=lang.number(questions, locale))),), 0)
        out.append(p)
    return out


def presentations(paragraphs: Sequence[Paragraph]) -> list[Paragraph]:
    """Section II with each panellist's first sentence (the rest stays in the full draft)."""
    return [replace(p, sentences=p.sentences[:1]) if p.role == "body" else p for p in paragraphs]


def note(minutes: float, words: int, left_out: int, dropped_presentation: bool, locale: Locale = ENGLISH) -> str:
    """The staff's note on what the read-out version left out."""
    points = lang.counted_pair(left_out, locale.point, locale)
    parts = [locale.left_out_points.format(points=points) if left_out else ""]
    if dropped_presentation:
        parts.append(locale.left_out_presentations)
    parts.append(locale.left_out_questions)
    said = lang.join([p for p in parts if p], locale=locale)
    return locale.readout_note.format(minutes=minutes, words=words, kept=said)


def _words(unit: Unit) -> int:
    """About how many words ``unit`` adds when read out: its predicate and a quantifier."""
    return len(lang.predicate(unit.fragment, unit.kind)[0].split()) + 3


def shorten(views: list[Unit], calls: list[Unit], budget: int, reference: Reference) -> tuple[list[Unit], list[Unit], int]:
    """The units a read-out version of sections III and IV keeps within ``budget`` words, and how many it leaves out.

    Section IV keeps the recommendations most widely supported first, up to half the budget (at least
    one); section III keeps every divergent or minority view, then each question's most widely
    supported view, then the others by support, leaving out those already read as a recommendation.
    Held-back raw notes are left for the full draft.
    """

    def rank(u: Unit) -> tuple[int, int]:
        return (-len(u.voices(reference)[0]), u.first_seq)

    used = 10  # section IV's lead-in
    kept_calls: list[Unit] = []
    for u in sorted(calls, key=rank):
        if kept_calls and used + _words(u) > budget // 2:
            break
        kept_calls.append(u)
        used += _words(u)
    read = {id(u) for u in kept_calls}
    kept = [u for u in views if u.divergent and u.screened is None]
    used += sum(_words(u) for u in kept)
    candidates = sorted((u for u in views if not u.divergent and u.screened is None and id(u) not in read), key=rank)
    # Each question's most widely supported view first, then the others by support, while words remain.
    firsts: dict[int | None, Unit] = {}
    for u in candidates:
        firsts.setdefault(u.question, u)
    leading = {id(u) for u in firsts.values()}
    for u in [*firsts.values(), *(u for u in candidates if id(u) not in leading)]:
        if used + _words(u) > budget:
            continue
        kept.append(u)
        used += _words(u)
    read |= {id(u) for u in kept}
    left_out = len({id(u) for u in (*views, *calls)} - read)
    return [u for u in views if id(u) in {id(x) for x in kept}], kept_calls, left_out
