"""Text as rapporteurs paste it, made safe for Word and Excel.

python-docx and openpyxl raise on XML-illegal characters after half-writing an element, so text is
cleaned once, at record time, and everything downstream can trust it.
"""

from __future__ import annotations

import re
import unicodedata

# Vertical tab and form feed come from Word's manual line and page breaks: keep them as line breaks.
_BREAKS = re.compile(r"\r\n|[\r\x0b\x0c\u2028\u2029]")
# Characters XML 1.0 cannot hold, plus the non-characters U+FFFE/U+FFFF and lone surrogates; the C1
# controls (U+0080-U+009F: a terminal reads U+009B as an escape); and the bidi embeddings, overrides and
# isolates (U+202A-U+202E, U+2066-U+2069), which reorder what a reader sees ("Trojan Source"): a
# delegation's name or a key point can be made to read otherwise than it is stored. The marks
# (U+200E, U+200F, U+061C) only steer punctuation and stay.
_ILLEGAL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff\ud800-\udfff]")
# What programme text may not hold (``programme.py`` refuses it): control characters but tab and line
# ends, terminal escapes, and the bidi controls above.
UNSAFE = re.compile(r"\r(?!\n)|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def clean_text(value: object) -> str:
    """Return ``value`` as a string Word and Excel can hold; ``None`` becomes ``""``.

    Line breaks are normalised to ``\\n``; other control characters are dropped. Clean text is
    returned unchanged, so cleaning twice is the same as cleaning once.
    """
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    return _ILLEGAL.sub("", _BREAKS.sub("\n", text))


def removed_by_cleaning(value: object) -> int:
    """How many characters ``clean_text`` drops from ``value`` (line breaks it only normalises not counted):
    what the Recorder's status line notes after a save, since nothing typed may vanish unsaid."""
    if not isinstance(value, str):
        return 0
    return len(_ILLEGAL.findall(value))


def unsafe_character(text: str) -> str | None:
    """The first character of ``text`` that programme text may not hold, as "U+001B", or None."""
    found = UNSAFE.search(text)
    return f"U+{ord(found.group()[0]):04X}" if found else None


def lines(value: str) -> list[str]:
    """The non-blank lines of a multi-line field, stripped: one key point or recommendation each."""
    return [line.strip() for line in value.split("\n") if line.strip()]


def fold(value: str) -> str:
    """A matching key: case, accents, punctuation spacing and runs of spaces do not matter."""
    if value.isascii():  # nothing to decompose: the common case, at a fraction of the cost
        return " ".join(value.casefold().split())
    decomposed = unicodedata.normalize("NFKD", value)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = plain.replace("’", "'").replace("‘", "'")
    return " ".join(plain.casefold().split())


# Honorifics a rapporteur may type before a name ("Ms. Phumzile Mlambo-Ngcuka"): not part of the name.
_HONORIFIC = re.compile(r"^(?:(?:h\.?\s?e\.?|mr|mrs|ms|miss|dr|prof|sir|dame|ambassador|madam|mme|m)\.?\s+)+")


def bare_name(name: str) -> str:
    """A person's name as a matching key: ``fold`` without a leading honorific ("H.E. Mr.", "Dr.")."""
    return _HONORIFIC.sub("", fold(name)).strip()
