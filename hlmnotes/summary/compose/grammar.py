"""English verb forms for the draft's reported speech, from lemminflect's lexicon.

A rapporteur types "need more funding", "built national capacity" or "ratify and implement the
Protocol"; the draft needs "needed more funding", "built national capacity" and "called for ratifying
and implementing the Protocol". Which words are verbs, in which form, and what their past and
gerund are comes from lemminflect (MIT): its lexicon is the NIH SPECIALIST Lexicon's, shipped inside
the package, nothing downloaded. ``verb(word)`` says what lemminflect knows about one word; the rules
that use it (which word of a fragment is its verb, when a word is a noun instead) are ``language``'s.

lemminflect's tables take about 0.2 s to load, a fifth of a 2,000-intervention summary command.
The few hundred words a meeting's fragments open with come back in every draft, so each answer is
kept in the user's cache folder (``HLMNOTES_CACHE``, else XDG's), in a file named after this module's
source and lemminflect's data files: a draft whose words were all seen before never loads lemminflect,
and an upgrade of either starts a new file. An unreadable or unwritable cache only costs the time.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import json
import os
from dataclasses import dataclass
from pathlib import Path

from ...paths import cache_dir

VERB_TAGS = ("VB", "VBP", "VBZ", "VBD", "VBN", "VBG")  # Penn Treebank tags, as lemminflect names the forms
_LIMIT = 50_000  # words kept in the cache file; beyond it the file starts again


@dataclass(frozen=True, slots=True)
class Verb:
    """What the lexicon says of a word as a verb.

    ``lemma`` is "" when the word is no form of a verb the lexicon knows; ``tags`` are the forms the
    word is ("VBD", "VBN" for "built"); ``past`` and ``gerund`` are the lemma's ("built",
    "building"). ``noun`` and ``adjective`` say the word is also a noun ("need", "support",
    "visit") or an adjective or adverb ("better", "secure", "free"), so that only its neighbours can
    tell which it is; ``known`` is false for a word the lexicon does not have at all.
    """

    lemma: str = ""
    tags: frozenset[str] = frozenset()
    past: str = ""
    gerund: str = ""
    noun: bool = False
    adjective: bool = False
    known: bool = False

    @property
    def base(self) -> bool:
        """The infinitive or a present form other than the third person ("need", "ratify")."""
        return bool(self.tags & {"VB", "VBP"})


NOT_A_VERB = Verb()


@functools.lru_cache(maxsize=8192)
def verb(word: str) -> Verb:
    """What the lexicon says of ``word`` (lower-cased; a word with other than letters, hyphens and
    apostrophes is no verb)."""
    word = word.lower()
    if not word or not word.replace("-", "").replace("'", "").isalpha():
        return NOT_A_VERB
    memo = _memo()
    known = memo.words.get(word)
    if known is None:
        known = memo.words[word] = _lookup(word)
        memo.new += 1
    lemma, tags, past, gerund, pos = known
    pos = str(pos)
    return Verb(str(lemma), frozenset(str(tags).split()), str(past), str(gerund), "N" in pos, "A" in pos, "K" in pos)


@functools.lru_cache(maxsize=8192)
def readings(word: str) -> frozenset[str]:
    """The parts of speech the lexicon gives ``word`` as written ("NOUN", "VERB", "ADJ"…, as lemminflect's
    ``getAllLemmas`` names them; empty for a word it does not have), kept in the same cache as ``verb``."""
    if not word:
        return frozenset()
    memo = _memo()
    key = "\0" + word  # no verb() key holds a NUL
    known = memo.words.get(key)
    if known is None:
        import lemminflect

        known = memo.words[key] = [" ".join(sorted(lemminflect.getAllLemmas(word))), "", "", "", ""]
        memo.new += 1
    return frozenset(known[0].split())


def _lookup(word: str) -> list[str]:
    """lemminflect's answer for ``word`` as the cache keeps it: lemma, tags, past, gerund and its other
    parts of speech ("N" noun, "A" adjective or adverb, "K" known to the lexicon at all)."""
    import lemminflect

    lemmas: dict[str, tuple[str, ...]] = lemminflect.getAllLemmas(word)
    pos = ("K" if lemmas else "") + ("N" if "NOUN" in lemmas else "") + ("A" if {"ADJ", "ADV"} & set(lemmas) else "")
    for lemma in lemmas.get("VERB", ()) + lemmas.get("AUX", ()):
        forms: dict[str, tuple[str, ...]] = lemminflect.getAllInflections(lemma, upos="VERB")
        tags = [t for t in VERB_TAGS if word in forms.get(t, ())]
        if "VBD" in tags and "VBN" not in tags and not forms.get("VBN"):
            tags.insert(tags.index("VBD") + 1, "VBN")  # the lexicon leaves out a participle like the past
        if tags:
            past = _first(lemminflect.getInflection(lemma, tag="VBD"))
            gerund = _first(lemminflect.getInflection(lemma, tag="VBG"))
            return [lemma, " ".join(tags), past, gerund, pos]
    return ["", "", "", "", pos]


def _first(spellings: tuple[str, ...]) -> str:
    """The spelling United Nations English uses when the lexicon has several: a final l doubled
    ("labelled", "travelling", as the Oxford spelling the UN follows has it), else the lexicon's first."""
    doubled = [s for s in spellings if "ll" in s and s.replace("ll", "l", 1) in spellings]
    return doubled[0] if doubled else spellings[0] if spellings else ""


@dataclass
class _Memo:
    path: Path | None
    words: dict[str, list[str]]
    new: int = 0


@functools.cache
def _memo() -> _Memo:
    path = _path()
    words: dict[str, list[str]] = {}
    if path is not None:
        try:
            loaded = json.loads(path.read_text(encoding="utf-8"))
            if isinstance(loaded, dict):
                words = {str(k): [str(x) for x in v] for k, v in loaded.items() if isinstance(v, list) and len(v) == 5}
        except (OSError, ValueError):
            pass
    return _Memo(path, words)


def _path() -> Path | None:
    """The cache file for this module's source and lemminflect's data, or None without lemminflect's files."""
    spec = importlib.util.find_spec("lemminflect")  # finds the package without importing it
    if spec is None or not spec.submodule_search_locations:
        return None
    digest = hashlib.sha256(Path(__file__).read_bytes())
    resources = Path(next(iter(spec.submodule_search_locations))) / "resources"
    try:
        for name in sorted(os.listdir(resources)):
            stat = (resources / name).stat()
            digest.update(f"{name} {stat.st_size} {stat.st_mtime_ns}".encode())
    except OSError:
        return None
    return cache_dir() / "grammar" / f"verbs-{digest.hexdigest()[:24]}.json"


def remember() -> None:
    """Keep the answers looked up since the cache was read (called once a draft is built)."""
    memo = _memo()
    if not memo.new or memo.path is None:
        return
    words = memo.words if len(memo.words) <= _LIMIT else {}
    try:
        memo.path.parent.mkdir(parents=True, exist_ok=True)
        partial = memo.path.with_name(f"{memo.path.name}.{os.getpid()}.tmp")
        partial.write_text(json.dumps(words, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        os.replace(partial, memo.path)  # whole or not at all, whoever writes it at the same time
        memo.new = 0
    except OSError:
        pass
