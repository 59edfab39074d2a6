"""Every word hlmnotes writes for a category of speaker, in one table.

The codes (``model.CATEGORIES``) are data; these are what a person reads: the app's labels, the
summary's list of speakers, its quantified nouns and participation counts, and the balance table's
rows. They are English, as the rest of the summary's words still are: this table is the one place to
change one, and what a locale for the summary would take over.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CategoryWords:
    """How one category is named in each place (``None``: that place never names it)."""

    label: str  # forms, tables and speakers' lists ("Intergovernmental org.")
    annex: str  # the summary's list of speakers ("Intergovernmental organization")
    noun: tuple[str, str] | None = None  # every voice behind a point is one ("several Member States")
    participants: tuple[str, str] | None = None  # the introduction's counts ("three United Nations entities")
    balance_row: str | None = None  # the balance table's row for them (Member States are counted by region)


CATEGORY_WORDS: dict[str, CategoryWords] = {
    "chair": CategoryWords("Chair", "Chair"),
    "panellist": CategoryWords("Panellist", "Panellist"),
    "member_state": CategoryWords(
        "Member State", "Member State", ("Member State", "Member States"), ("Member State", "Member States")
    ),
    "observer_state": CategoryWords(
        "Observer State", "Observer State", ("observer State", "observer States"),
        ("observer State", "observer States"), "Observer States",
    ),
    "un_entity": CategoryWords(
        "UN entity", "United Nations entity", ("United Nations entity", "United Nations entities"),
        ("United Nations entity", "United Nations entities"), "United Nations entities",
    ),
    "igo": CategoryWords(
        "Intergovernmental org.", "Intergovernmental organization",
        ("intergovernmental organization", "intergovernmental organizations"),
        ("intergovernmental organization", "intergovernmental organizations"), "Intergovernmental organizations",
    ),
    "civil_society": CategoryWords(
        "Civil society", "Civil society", ("civil society representative", "civil society representatives"),
        ("civil society organization", "civil society organizations"), "Civil society",
    ),
    "academia": CategoryWords(
        "Academia", "Academia", ("representative of academia", "representatives of academia"),
        ("academic institution", "academic institutions"), "Others",
    ),
    "private_sector": CategoryWords(
        "Private sector", "Private sector", ("private sector representative", "private sector representatives"),
        ("private sector entity", "private sector entities"), "Others",
    ),
    "media": CategoryWords(
        "Media", "Media", ("media representative", "media representatives"),
        ("media organization", "media organizations"), "Others",
    ),
    "other": CategoryWords("Other", "Other", None, ("other participant", "other participants"), "Others"),
}  # fmt: skip


def labels() -> dict[str, str]:
    """Category → the app's label, in the categories' order."""
    return {code: words.label for code, words in CATEGORY_WORDS.items()}


def annex_labels() -> dict[str, str]:
    """Category → its name in the summary's list of speakers."""
    return {code: words.annex for code, words in CATEGORY_WORDS.items()}


def nouns() -> dict[str, tuple[str, str]]:
    """Category → (singular, plural) for a point whose every voice is of it; only the floor's categories."""
    return {code: words.noun for code, words in CATEGORY_WORDS.items() if words.noun}


def participant_nouns() -> dict[str, tuple[str, str]]:
    """Category → (singular, plural) for the introduction's participation counts."""
    return {code: words.participants for code, words in CATEGORY_WORDS.items() if words.participants}


def balance_rows() -> dict[str, str]:
    """Category → the balance table's row for floor speakers not counted by regional group."""
    return {code: words.balance_row for code, words in CATEGORY_WORDS.items() if words.balance_row}
