"""Text as rapporteurs paste it, made safe for Word and Excel.

python-docx and openpyxl raise on XML-illegal characters after half-writing an element, so text is
cleaned once, at record time, and everything downstream can trust it.
"""

from __future__ import annotations

import re
import unicodedata

# Vertical tab and form feed come from Word's manual line and page breaks: keep them as line breaks.
_BREAKS = re.compile(r"\r\n|[\r\x0b\x0c\u2028\u2029]")
# Characters XML 1.0 cannot hold, plus the non-characters U+FFFE/U+FFFF and lone surrogates.
_ILLEGAL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")


def clean_text(value: object) -> str:
    """Return ``value`` as a string Word and Excel can hold; ``None`` becomes ``""``.

    Line breaks are normalised to ``\\n``; other control characters are dropped. Clean text is
    returned unchanged, so cleaning twice is the same as cleaning once.
    """
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    return _ILLEGAL.sub("", _BREAKS.sub("\n", text))


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
