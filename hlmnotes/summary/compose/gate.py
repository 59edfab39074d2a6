"""The editorial gate: which recorded lines may enter sections I–V of a draft as they are.

Rapporteurs write while people speak: a line may be in another language, pasted from a
spreadsheet (``=HYPERLINK(…)``), start with a list mark or an emoji, hold a web address, or be a
long passage pasted whole. The Chair reads the body aloud, so such a line never reaches it
verbatim: ``screen`` says what is wrong, the writer puts a short bracketed placeholder in the body
("[One Member State: point in Chinese to be translated — see comment]"), the staff note lists it
"to rephrase" and the Word comment keeps the original. A leading list mark or an emoji is simply
removed when the rest of the line is clean.

Language: another script is recognised from the characters themselves; a Latin-script line is
checked with ``lingua`` (lingua-language-detector, Apache-2.0, models shipped in the wheel, no
download), restricted to the six official languages of the United Nations and in its low-accuracy
mode, which loads in well under a second. Lines of fewer than four words, or with common English
function words, are taken as English: too short to tell, and rapporteurs' shorthand is English.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from ..locale import ENGLISH, Locale

# A sentence or two of reported speech; beyond this a line is a pasted passage, to be summarised.
MAX_WORDS = 60
MAX_SENTENCES = 2
_REPEAT_WORDS = 6  # the same run of this many words twice: the line repeats itself

_LIST_MARK = re.compile(r"^\s*(?:[-–—•·▪▫●○◦‣⁃∙*>]+|\(?(?:\d{1,2}|[a-z]|[ivx]{1,4})[.)])\s+", re.IGNORECASE)
_FORMULA = re.compile(r"^\s*(?:[=+@]|-(?=\S))|^\s*\w*\|")
_URL = re.compile(r"\b(?:https?://|ftp://|www\.)\S+|\b[\w.-]+\.(?:org|com|net|int|gov|edu)(?:/\S*)?\b", re.IGNORECASE)
# What every address ``_URL`` finds holds: a literal search, far cheaper than ``_URL``'s at every word.
_URL_HINT = re.compile(r"://|www\.|\.(?:org|com|net|int|gov|edu)", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?。！？](?:\s|$)")
_WORD = re.compile(r"[^\W_]+")
_ENGLISH = frozenset(
    "the of and to for in on with that by from their its an as is are was were be this".split()  # noqa: SIM905
)
# Unicode script (the first word of a character's name) → the language a note in it is taken to be in.
_SCRIPTS = {
    "CJK": "Chinese", "ARABIC": "Arabic", "CYRILLIC": "Russian", "HIRAGANA": "Japanese", "KATAKANA": "Japanese",
    "HANGUL": "Korean", "HEBREW": "Hebrew", "GREEK": "Greek", "DEVANAGARI": "Hindi", "THAI": "Thai",
    "BENGALI": "Bengali", "ARMENIAN": "Armenian", "GEORGIAN": "Georgian", "ETHIOPIC": "Amharic", "PERSIAN": "Persian",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Screened:
    """A recorded line after the gate: ``text`` to use (marks removed), or a ``problem`` that keeps it out.

    ``problem`` is "" for a clean line, else what is wrong ("in Chinese", "formula", "url", "long",
    "repeats", "empty"); ``action`` is what staff do ("to be translated", "to be rephrased", "to be
    summarised"); ``trimmed`` says a list mark or emoji was removed. Both are codes: the words the
    draft prints for them are the ``Locale``'s (``problems``, ``actions``).
    """

    text: str
    problem: str = ""
    action: str = ""
    trimmed: bool = False

    @property
    def ok(self) -> bool:
        return not self.problem

    def placeholder(self, who: str, locale: Locale = ENGLISH) -> str:
        """The body's stand-in for the line: "[One Member State: point in Chinese to be translated — see comment]"."""
        return locale.held_back.format(who=who, what=self.what(locale), action=self._action(locale)[0])

    def note(self, locale: Locale = ENGLISH) -> str:
        """The Word comment's instruction to staff, above the recorded original."""
        return locale.held_back_note.format(what=self.what(locale), verb=self._action(locale)[1])

    def line(self, record: str, locale: Locale = ENGLISH) -> str:
        """The staff note's "to rephrase" line for ``record`` ("#12 Belgium"): what is wrong and what to do."""
        return locale.held_back_line.format(record=record, what=self.what(locale), action=self._action(locale)[0])

    def _action(self, locale: Locale) -> tuple[str, str]:
        """What staff do, for the placeholder ("to be translated") and as an instruction ("translate")."""
        return locale.actions.get(self.action) or locale.actions["to be rephrased"]

    def what(self, locale: Locale = ENGLISH) -> str:
        """ "point in Chinese", "point given as a spreadsheet formula", "long note"… (for placeholder and staff note)."""
        if self.problem.startswith("in "):
            language = self.problem.removeprefix("in ")
            return locale.in_language.format(language=locale.languages.get(language, language))
        return locale.problems.get(self.problem, locale.problems[""])


def has_url(text: str) -> bool:
    """Whether the line holds a web address (``_URL``), looked for only in a line that has a ``_URL_HINT``."""
    return _URL_HINT.search(text) is not None and _URL.search(text) is not None


def _is_emoji(ch: str) -> bool:
    code = ord(ch)
    return (
        unicodedata.category(ch) == "So"
        or 0x1F000 <= code <= 0x1FAFF
        or 0x2600 <= code <= 0x27BF
        or code in (0x200D, 0xFE0F, 0xFE0E, 0x20E3)
        or 0x1F3FB <= code <= 0x1F3FF
    )


def strip_marks(text: str) -> str:
    """``text`` without leading list marks and without emoji (a rapporteur's bullets and smileys)."""
    out = text if text.isascii() else "".join(ch for ch in text if not _is_emoji(ch))
    while mark := _LIST_MARK.match(out):
        out = out[mark.end() :]
    out = " ".join(out.split())
    return text if out == text else out  # the line itself when nothing changed: a summary keeps no copy of it


def script_language(text: str) -> str:
    """The language a line in a non-Latin script is taken to be in ("Chinese"), or "" for Latin script.

    A line counts as in another script when at least a fifth of its letters are.
    """
    if text.isascii():
        return ""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return ""
    scripts: dict[str, int] = {}
    for ch in letters:
        if ch.isascii():
            continue
        name = unicodedata.name(ch, "")
        first = name.split(" ", 1)[0]
        if first in _SCRIPTS:
            scripts[first] = scripts.get(first, 0) + 1
    if not scripts:
        return ""
    script, count = max(scripts.items(), key=lambda item: item[1])
    return _SCRIPTS[script] if count * 5 >= len(letters) else ""


@functools.cache
def _detector():
    """lingua's detector for the six official UN languages, built once (a missing package is an
    ImportError: ``make install``, never a silently different draft)."""
    from lingua import Language, LanguageDetectorBuilder

    languages = (
        Language.ENGLISH,
        Language.FRENCH,
        Language.SPANISH,
        Language.ARABIC,
        Language.CHINESE,
        Language.RUSSIAN,
    )
    return LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()


def words_of(text: str) -> list[str]:
    """The line's words, casefolded: what ``repeats`` and ``latin_language`` look at (found once per line).

    An ASCII line is casefolded whole first: lower-casing ASCII changes no word boundary, so the words
    are the same, found without a call per word."""
    if text.isascii():
        return _WORD.findall(text.casefold())
    return [w.casefold() for w in _WORD.findall(text)]


def latin_language(text: str, words: Sequence[str]) -> str:
    """ "French" or "Spanish" for a Latin-script line in one of them, else "" (English or too short to tell).

    ``words`` are the line's ``words_of``."""
    if len(words) < 4 or _ENGLISH.intersection(words):
        return ""
    found = _detector().compute_language_confidence_values(text)
    if not found:
        return ""
    best = found[0]
    name = best.language.name.capitalize()
    return name if name != "English" and best.value >= 0.75 else ""


def repeats(words: Sequence[str]) -> bool:
    """True when the line (its ``words_of``) says the same thing twice: a sentence, or a run of words, occurs
    more than once. A run repeated puts at least ``_REPEAT_WORDS`` words a second time, so a line with
    fewer repeated words is let through without looking at its runs."""
    if len(words) < 2 * _REPEAT_WORDS or len(words) - len(set(words)) < _REPEAT_WORDS:
        return False
    seen = set()
    for i in range(len(words) - _REPEAT_WORDS + 1):
        run = tuple(words[i : i + _REPEAT_WORDS])
        if run in seen:
            return True
        seen.add(run)
    return False


@functools.lru_cache(maxsize=65536)
def screen(text: str) -> Screened:
    """What the gate makes of one recorded line (see the module's docstring for the rules)."""
    raw = " ".join(text.split())
    raw = text if raw == text else raw  # the recorded line itself, not a copy, in the common case
    if _FORMULA.match(raw) and not _LIST_MARK.match(raw):
        return Screened(raw, "formula", "to be rephrased")
    # strip_marks, but an ASCII line without a list mark is already as it would make it (no emoji; spaces joined)
    clean = raw if raw.isascii() and not _LIST_MARK.match(raw) else strip_marks(raw)
    trimmed = clean != raw
    if not _WORD.search(clean):
        return Screened(clean, "empty", "to be rephrased", trimmed)
    if _FORMULA.match(clean):
        return Screened(clean, "formula", "to be rephrased", trimmed)
    language = script_language(clean)
    if language:
        return Screened(clean, f"in {language}", "to be translated", trimmed)
    if has_url(clean):
        return Screened(clean, "url", "to be rephrased", trimmed)
    words = words_of(clean)
    if repeats(words):
        return Screened(clean, "repeats", "to be summarised", trimmed)
    # Words are single-spaced here: a line shorter than 2 × MAX_WORDS characters cannot have more.
    wordy = len(clean) >= 2 * MAX_WORDS and len(clean.split()) > MAX_WORDS
    if wordy or len(_SENTENCE_END.findall(clean)) > MAX_SENTENCES:
        return Screened(clean, "long", "to be summarised", trimmed)
    language = latin_language(clean, words)
    if language:
        return Screened(clean, f"in {language}", "to be translated", trimmed)
    return Screened(clean, trimmed=trimmed)
