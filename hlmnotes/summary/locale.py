"""Every word and format a Chair's summary writes, as data: ``Locale``, and ``ENGLISH``, the default.

Another language or a house style is a changed copy, ``dataclasses.replace(ENGLISH, sections=…)``,
passed to ``build_summary(…, locale=…)``: the summary keeps it (``Summary.locale``) and every writer
(Word, Markdown, HTML, the read-out version, the notes for staff) takes its words from it;
``hlmnotes check`` reads the quantifiers, numbers, dates and times of a draft with the same one.
Formats are ``str.format`` templates whose ``{fields}`` are named where they are defined. The
grammar that turns a rapporteur's English fragment into reported speech stays in ``language``; the
words of a category come from ``domain.categories``, the one table the app and the summary share.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction

from ..domain import categories


@dataclass(frozen=True)
class Quantifier:
    """One row of the quantifier table.

    ``applies(k, n)`` is true when ``k`` voices out of ``n`` floor speakers fall in this row. The
    row's ``phrases`` are interchangeable wordings (used in turn so a long summary does not repeat
    "several speakers" twenty times); ``{noun}`` is "speakers" or, when ``qualify`` is true and every
    voice is of one category, that category ("Member States"). A phrase without ``{noun}`` is a
    sentence opening of its own ("Speakers broadly").
    """

    label: str
    min_k: int = 1
    max_k: int | None = None
    min_share: Fraction = Fraction(0)
    max_share: Fraction | None = None
    phrases: tuple[str, ...] = ("{noun}",)
    qualify: bool = True
    whole: bool = False  # only when every floor speaker made the point (k = N)

    def applies(self, k: int, n: int) -> bool:
        if k < self.min_k or (self.max_k is not None and k > self.max_k):
            return False
        if self.whole:
            return k == n
        # k / n compared with the bounds in whole numbers: exact, and far cheaper than Fractions
        low, high = self.min_share, self.max_share
        return k * low.denominator >= low.numerator * n and (high is None or k * high.denominator < high.numerator * n)


# The house convention of docs/design.md, row by row; k = distinct floor voices behind a point (a group
# statement counts once), N = distinct floor voices in the panel. Rows are tried in order and the
# first that applies wins, so "1", "2" and "3–4" hold whatever N is. The table's "speakers broadly
# agreed" is written "Speakers broadly <verb>…" ("Speakers broadly stressed…"): the sentence keeps
# the speakers' own verb, and "agreed" is avoided because the editorial rules reserve it for
# negotiated text. A locale with other rows or wordings changes the convention; ``quantify`` reads it.
QUANTIFIERS: tuple[Quantifier, ...] = (
    Quantifier("k = 1", max_k=1, phrases=("one {noun1}",)),
    Quantifier("k = 2", min_k=2, max_k=2, phrases=("two {noun}",)),
    Quantifier("k = 3–4", min_k=3, max_k=4, phrases=("some {noun}", "a few {noun}")),
    Quantifier("k = N", min_k=5, whole=True, phrases=("all speakers",), qualify=False),
    Quantifier("5 ≤ k < N/3", min_k=5, max_share=Fraction(1, 3), phrases=("several {noun}", "a number of {noun}")),
    Quantifier("N/3 ≤ k < N/2", min_k=5, min_share=Fraction(1, 3), max_share=Fraction(1, 2),
               phrases=("many speakers",), qualify=False),
    Quantifier("N/2 ≤ k < 0.9 N", min_k=5, min_share=Fraction(1, 2), max_share=Fraction(9, 10),
               phrases=("most speakers",), qualify=False),
    Quantifier("k ≥ 0.9 N", min_k=5, min_share=Fraction(9, 10), phrases=("speakers broadly",), qualify=False),
)  # fmt: skip

# UN short names read with "the" in running text ("the representative of the Netherlands").
_WITH_THE = frozenset({
    "bahamas", "central african republic", "comoros", "congo", "czech republic", "democratic people's republic of korea",
    "democratic republic of the congo", "dominican republic", "gambia", "holy see", "lao people's democratic republic",
    "maldives", "marshall islands", "netherlands", "niger", "philippines", "republic of korea", "republic of moldova",
    "russian federation", "solomon islands", "state of palestine", "sudan", "syrian arab republic",
    "united arab emirates", "united kingdom", "united states", "united kingdom of great britain and northern ireland", "united republic of tanzania",
    "united states of america", "former yugoslav republic of macedonia",
})  # fmt: skip
_THE_PREFIXES = (
    "united nations", "international", "office ", "council ", "organization ", "organisation ", "european ",
    "african union", "league ", "inter-", "special rapporteur", "special representative", "group of",
    "nordic ", "executive office", "economic community", "southern african", "sovereign order", "association of",
    "latin american", "african group", "president of",
)  # fmt: skip


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: checks cache their patterns per locale
class Locale:
    """The words and formats of a summary; the defaults are the UN English of docs/design.md."""

    # -- numbers, dates, times, lists ---------------------------------------------------------------
    language: str = "en-GB"  # the Word file's language (core properties)
    numbers: tuple[str, ...] = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
    months: tuple[str, ...] = ("January", "February", "March", "April", "May", "June", "July", "August",
                               "September", "October", "November", "December")  # fmt: skip
    date: str = "{day} {month} {year}"  # "27 September 2017"
    morning: str = "a.m."
    afternoon: str = "p.m."
    time: str = "{hour}{minutes} {half}"  # "3 p.m.", "4.30 p.m."
    minutes: str = ".{minute:02d}"
    time_range: str = "{start} to {end}"  # "3 to 4.30 p.m."
    conjunction: str = "and"  # "A, B and C"
    alternative: str = "or"  # "question 2 or 3"
    plural: str = "{0}s"  # a noun's plural when none is given ("point" → "points")
    indefinite: tuple[str, str] = ("a", "an")  # "a Member State", "an intergovernmental organization"
    consonant_sounds: tuple[str, ...] = ("uni", "use", "usu", "eu", "one", "once")  # "a United Nations entity"

    # -- the quantifiers, and how a run of alike sentences varies them ------------------------------
    quantifiers: tuple[Quantifier, ...] = QUANTIFIERS
    speaker: tuple[str, str] = ("speaker", "speakers")  # the noun when the voices are of several categories
    another: str = "another {rest}"  # "another speaker"
    other: str = "{count} other {rest}"  # "two other Member States"
    further_one: str = "a further {rest}"  # "a further speaker"
    further: str = "a further {count} {rest}"  # "a further two Member States"
    banned: tuple[str, ...] = ("consensus", "agreed")  # words for negotiated text, never in a Chair's summary

    # -- what ``hlmnotes check`` reads in an edited draft besides the words above ----------------------
    generic_nouns: tuple[str, ...] = ("speakers", "speaker", "delegations", "delegation", "participants", "participant",
                                      "representatives", "representative", "States", "State", "countries", "country")  # fmt: skip
    short_months: tuple[str, ...] = ("Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec")
    ordinals: tuple[str, ...] = ("st", "nd", "rd", "th")  # "27th of September" is not the house style
    of: str = "of"
    per_cent: tuple[str, ...] = ("per cent", "percent", "%")  # "5 per cent" keeps its figure
    # A figure under 10 after these words is a reference, not a count ("question 3", "para. 4").
    figure_after: tuple[str, ...] = (
        "question", "questions", "panel", "discussion", "paragraph", "paragraphs", "para.", "target", "targets",
        "resolution", "article", "goal", "sdg", "section", "annex", "table", "page", "no.", "chapter", "item", "group",
        "member state", "segment", "part",
    )  # fmt: skip
    numbered: tuple[str, ...] = ("Question", "question", "panel discussion", "Panel")  # "Question 3" is a name
    # Abbreviations after which a full stop does not end a sentence.
    abbreviations: tuple[str, ...] = ("Mr.", "Ms.", "Mrs.", "Dr.", "H.E.", "No.", "St.", "Prof.", "a.m.", "p.m.",
                                      "e.g.", "i.e.", "U.S.")  # fmt: skip

    # -- categories (codes of ``domain.model.CATEGORIES``) ---------------------------------------------
    category_labels: Mapping[str, str] = field(default_factory=categories.annex_labels)  # the list of speakers
    category_nouns: Mapping[str, tuple[str, str]] = field(default_factory=categories.nouns)  # "several Member States"
    participant_nouns: Mapping[str, tuple[str, str]] = field(default_factory=categories.participant_nouns)

    # -- names in running text ------------------------------------------------------------------------
    article: str = "the {name}"
    # Placeholder names that never take it ("Member State B", "Group A"): such a word, a space, one or two letters.
    placeholder_names: tuple[str, ...] = ("group", "member state", "observer state", "un entity", "organization",
                                          "civil society organization", "university", "company", "media outlet")  # fmt: skip
    with_the: frozenset[str] = _WITH_THE  # names read with the article (folded)
    the_prefixes: tuple[str, ...] = _THE_PREFIXES  # names starting so read with it
    honorifics_dropped: tuple[str, ...] = ("h.e", "he", "excellency", "his", "her")  # "H.E. Mr." → "Mr." in the body
    she: str = "She"
    he: str = "He"
    female: tuple[str, ...] = ("Ms", "Mrs", "Madam")  # honorifics, without their full stop
    male: tuple[str, ...] = ("Mr", "Sir")

    # -- what a point is about (``compose.topics``) ---------------------------------------------------
    # The language's function words: never the term a topic is keyed by, however rare in a meeting's records.
    function_words: frozenset[str] = frozenset(["a", "about", "above", "across", "after", "against", "all", "along", "also", "although", "among", "an", "and", "another", "any", "are", "as", "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did", "do", "does", "during", "each", "either", "else", "every", "few", "for", "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers", "him", "his", "how", "however", "i", "if", "in", "into", "is", "it", "its", "itself", "many", "may", "might", "more", "most", "much", "must", "my", "neither", "no", "nor", "not", "of", "off", "on", "once", "one", "only", "onto", "or", "other", "others", "our", "ours", "out", "over", "own", "per", "same", "several", "shall", "she", "should", "so", "some", "such", "than", "that", "the", "their", "theirs", "them", "themselves", "then", "there", "these", "they", "this", "those", "though", "through", "throughout", "to", "too", "toward", "towards", "under", "unless", "until", "upon", "us", "very", "via", "was", "we", "well", "were", "what", "whatever", "when", "where", "whether", "which", "while", "who", "whom", "whose", "why", "will", "with", "within", "without", "would", "yet", "you", "your", "despite", "beyond", "amid", "amongst"])  # fmt: skip

    # -- reported speech -----------------------------------------------------------------------------
    calls_for: str = "called for {0}"  # a recommendation: "called for establishing referral mechanisms"
    made_point: str = "made the following point: {0}"  # a fragment that is not reported speech
    # Reporting verbs put in place of one another so that a paragraph does not repeat one (``variety``):
    # each family takes the same complements, and no member is longer in words than the first ("called
    # for" has none: "called for the principle to be enshrined" has no other verb).
    reporting_verbs: tuple[tuple[str, ...], ...] = (
        ("stressed", "emphasized", "underlined", "highlighted"), ("noted", "observed"), ("described", "outlined"),
    )  # fmt: skip
    # UN spelling and typography of the rapporteurs' words (``spelling.edit``); False leaves them as typed.
    un_spelling: bool = True
    quotes: tuple[str, str, str, str] = ("“", "”", "‘", "’")  # opening, closing; within a quotation
    united_nations: str = "United Nations"  # "the UN" in running text
    # The closed word classes the grammar reads a fragment by (``language.reported``); the open ones
    # (verbs, nouns, adjectives) are lemminflect's. Adverbs may open a fragment before its verb.
    adverbs: frozenset[str] = frozenset(
        "also further furthermore strongly again particularly especially firmly fully repeatedly equally".split()  # noqa: SIM905
    )
    determiners: frozenset[str] = frozenset(
        "a an the this that these those their its his her our your my all every each more most some any no other"  # noqa: SIM905
        " such both several many few fewer less much further greater".split()
    )
    prepositions: frozenset[str] = frozenset(
        "for of to in on at by with from about against among between into through within without across"  # noqa: SIM905
        " towards toward under over via as per".split()
    )
    # A word that is a noun or a verb reads as a verb before these ("work with", "focus on", "invest in"),
    # as a noun before the other prepositions ("support for", "access to", "the need of").
    verb_prepositions: frozenset[str] = frozenset(
        "with on in against into across towards toward through within".split()  # noqa: SIM905
    )
    coordinators: frozenset[str] = frozenset({"and", "or"})
    # After these, a verb belongs to another clause ("to protect and assist", "that States adopt"),
    # not to the fragment's list of calls.
    subordinators: frozenset[str] = frozenset({"to", "that", "which", "who", "whose", "where", "when", "whether", "if"})
    # Reported speech puts a that-clause's tense back a step ("noted that the law has promoted…" → "had
    # promoted"): these auxiliaries by this table, a verb in the third person by its past form.
    clause: str = "that"
    backshift: Mapping[str, str] = field(default_factory=lambda: {
        "has": "had", "have": "had", "is": "was", "are": "were", "will": "would", "can": "could", "may": "might",
        "shall": "should", "does": "did", "do": "did", "cannot": "could not", "won't": "would not",
        "can't": "could not", "isn't": "was not", "aren't": "were not", "hasn't": "had not", "haven't": "had not",
    })  # fmt: skip

    # -- titles, masthead, section headings ----------------------------------------------------------
    summary_title: str = "Draft Chair’s summary: {panel}"
    summaries_title: str = "Draft Chairs’ summaries: interactive panel discussions {panels}"
    panel_title: str = "Summary of {panel}: “{theme}”"
    closing: str = "{segment}, {date}, {venue}"  # the preface when several summaries are read out together
    masthead: tuple[str, str, str] = ("Chair", "Date", "Place")
    masthead_chair: str = "{name}, {title}"
    masthead_date: str = "{date}, {time}"
    masthead_place: str = "{venue}, {place}"
    sections: tuple[tuple[str, str], ...] = (
        ("I.", "Introduction"), ("II.", "Panellists’ presentations"), ("III.", "Interactive discussion"),
        ("IV.", "Recommendations and the way forward"), ("V.", "Chair’s concluding observations"),
    )  # fmt: skip
    chair_placeholder: str = "[To be completed by the Chair.]"

    # -- section I: the introduction ---------------------------------------------------------------
    held: str = "{panel} of the {meeting} was held on {date} in the {venue}, {place}"
    pursuant: str = ", pursuant to {body} resolution {symbol}"
    appraise: str = ", to appraise the {instrument} adopted in resolution {symbol}"
    instrument: str = "instrument"  # what the meeting appraises when its title does not say
    appraised: str = r"appraisal of (?:the )?(.+)$"  # a pattern: the meeting's title ends by naming what it appraises
    appraised_symbol: str = " (resolution {symbol})"  # after that name: "… Trafficking in Persons (resolution 64/293)"
    theme: str = "Its theme was “{theme}”."
    chaired: str = "The panel was chaired by {chair}, {title}"
    panellists: str = "The panellists were {panellists}"
    the_chair: str = "The Chair"  # who a Chair's own recorded point is reported from
    questions_lead: str = "The discussion was guided by the following questions:"
    no_floor: str = "[No statements from the floor have been recorded for this panel.]"
    floor: str = "Statements from the floor were made by {counts}"
    on_behalf: str = ", including {statements} on behalf of {groups}"
    statement: tuple[str, str] = ("statement", "statements")
    counted: str = "Counted: distinct delegations from the floor, by category."
    counted_category: str = "{category} ({count}): {names}"
    spelling: str = "“{name}” repeats “{word}”, as the programme does: confirm the spelling of the name."

    # -- section II: the panellists ------------------------------------------------------------------
    panellist: str = "{name}, {title}"
    provisional: str = " (TBC)"
    # A panellist's further sentences open with these in turn, so that no two in a row open "She also…";
    # a format not opening with {who} has the pronoun in lower case ("In addition, she…").
    follow_ons: tuple[str, ...] = ("{who} also", "{who} further", "In addition, {who}")
    nothing_presented: str = "[Summary of the presentation by {name} to be added: nothing was recorded.]"
    recorded_instead: str = (
        "recorded as {recorded}; the programme lists {name} for {organization} — check before the Chair reads this"
    )
    not_in_programme: str = (
        "{label} was recorded as a panellist but is not in the programme for panel {panel}:"
        " presented from the record — check before the Chair reads this"
    )
    panellists_note: str = "[Note for staff. Panellists: {note}.]"
    programme_note: str = "Programme: {note}."

    # -- a recorded line the editorial gate keeps out of the body (``gate.Screened``) -------------------
    held_back: str = "[{who}: {what} {action} — see comment]"  # the body's placeholder
    held_back_note: str = "The recorded {what} is not in the body: {verb} it and replace the bracketed text."
    held_back_line: str = "{record}: {what} {action}"  # the staff note's "to rephrase" line
    in_language: str = "point in {language}"
    languages: Mapping[str, str] = field(default_factory=dict)  # "Chinese" → its name in the locale, if not that
    problems: Mapping[str, str] = field(default_factory=lambda: {
        "formula": "point given as a spreadsheet formula", "url": "point given as a web address", "long": "long note",
        "repeats": "note that repeats itself", "empty": "point given only as marks or symbols", "": "point",
        "unreported": "point the grammar could not put in reported speech (written after “made the following point:”)",
    })  # fmt: skip
    actions: Mapping[str, tuple[str, str]] = field(default_factory=lambda: {  # what staff do: (placeholder, instruction)
        "to be translated": ("to be translated", "translate"), "to be rephrased": ("to be rephrased", "rephrase"),
        "to be summarised": ("to be summarised", "summarise"),
    })  # fmt: skip

    # -- sections III and IV: the floor -----------------------------------------------------------------
    question_heading: str = "Question {number}: {text}"  # section III by question: "Question 3: How can…?"
    other_issues: str = "Other issues raised"  # section III: points under no question or theme
    reflected_under: str = "Points made on this question are reflected under {questions}."
    question: str = "question {0}"
    questions: str = "questions {0}"  # "questions 1, 4 and 5"
    called_under: str = "Recommendations made on this question are set out in section IV."
    merged_elsewhere: str = "These points belong to topics raised mostly under another question, and are written there."
    no_views: str = "[No views from the floor have been recorded for this panel.]"
    no_floor_at_all: str = "[No interventions from the floor have been recorded for this panel.]"
    recommendations_lead: str = "In the course of the discussion, the following recommendations were made:"
    no_recommendations: str = "[No recommendations from the floor have been recorded.]"
    # A topic's paragraph whose heading and first point do not say what it is about opens with its
    # subject, in these words in turn under one heading (``discussion.topic_lead``).
    topic_leads: tuple[str, ...] = ("On {subject},", "Turning to {subject},", "With regard to {subject},")
    however: str = "{subject}, however,"  # a divergent view, right after the topic it qualifies
    # A lone speaker's pronouns in a sentence about several (``language.of_one``): "its" → "their", "itself"
    # after a verb → "themselves"; an "it" that is a reported clause's agent is that one speaker within the
    # group: "one of them" (named style: its name), with a note asking staff to confirm whom it meant.
    their: str = "their"
    themselves: str = "themselves"
    singular: tuple[str, str, str] = ("it", "its", "itself")
    one_of_them: str = "one of them"
    infinitive: str = "to"  # "it" is the agent of the verb after this ("allowed it to open")
    # "it" is a clause's agent after these ("noted that it had adopted", "explained how it had set up") …
    clause_openers: frozenset[str] = frozenset(
        "that how whether because since as when where while if although once until".split()  # noqa: SIM905
    )
    # … before these auxiliaries or a past tense, unless the verb is one of "it was important", "it had
    # become clear", "it took years": an expletive "it", which stays.
    auxiliaries: frozenset[str] = frozenset("had has have would could will can should might may must did does".split())  # noqa: SIM905
    expletive_verbs: frozenset[str] = frozenset(
        "be been being become became take took taken seem seemed appear appeared remain remained mean meant"  # noqa: SIM905
        " matter mattered happen happened is was were are".split()
    )
    one_of_them_note: str = (
        "“{pronoun}” in one speaker’s words is written “{one}” in this sentence about several: check that it"
        " meant the speaker."
    )
    among_others: str = "{0}, among others"  # a section IV item's last call read, when it has more than four
    topic_term: str = (
        "Topic: these points share {terms}, distinctive of this meeting's records (the first is in {used} of its"
        " {points} floor points)."
    )
    quoted: str = "“{0}”"
    topic_theme: str = "Topic: these points share the codebook theme “{theme}” (its cues are in their own words)."
    same_words: str = "These points are the same point in the same words (after case, function words and inflection)."
    also_predicate: str = "also {0}"  # the same speakers' further points: "It also called for…"
    also_predicates: tuple[str, ...] = ("also {0}", "further {0}")  # in turn: no two "It also…" in a row
    they: str = "They"  # the same several speakers again
    it: str = "It"  # the same delegation or group again
    the_representative: str = "The representative"  # the same representative again (named style)
    representative_of: str = "The representative of {name}"  # named style, civil society and others
    speaking_for: str = "{name}, for {group},"  # named style: "Egypt, for the African Group,"
    named_for: str = "{name} (for {group})"  # named style, in a list of names
    including: str = "{phrase}, including {names},"  # named style, more names than it lists
    group_statement: str = "One delegation, speaking on behalf of a group of States,"  # anonymous style
    same_speakers: tuple[str, str] = ("The same speaker", "The same speakers")  # before a held-back point
    quantifier_row: str = "{phrase} (row {row})"  # the Word comment's "→ several speakers (row 5 ≤ k < N/3)"
    same_as_before: str = (
        "“{pronoun}”: the same speakers as the sentence before ({subject}); name them again if the sentences are separated."
    )
    not_counted_again: str = "{delegation} is not counted again: member of {group}, whose statement is counted."
    please_rephrase: str = "Not written as a reported-speech fragment (e.g. “called for …”); please rephrase."
    accepted_group: str = "Accepted point group #{group}."
    accepted_group_by: str = "Accepted point group #{group} (by {by})."
    unaddressed: str = "[Note for staff: {parts}.]"
    no_intervention_on: str = "no recorded intervention addressed question {questions}"
    addressed_by: str = "{questions} addressed by {who}, not from the floor"
    question_was: str = "question {0} was"
    questions_were: str = "questions {0} were"
    podium: tuple[str, str, str] = ("the panellists", "the Chair", "the Chair and the panellists")

    # -- the annex ----------------------------------------------------------------------------------
    annex: str = "Annex"
    annex_title: str = "List of speakers in {panel}"
    annex_columns: tuple[str, ...] = ("No.", "Delegation", "On behalf of", "Category", "Speaker")

    # -- the sources behind a sentence (Word comments, HTML tooltips) -----------------------------------
    source_quantifier: str = "k = {k} of N = {n} floor speakers → {quantifier}"
    source_podium: str = "From the panellist’s or Chair’s record:"
    source_line: str = "#{id} {who}, seq {seq}, {when}{used}{by}: “{text}”"  # "#id" first: ``model.source_ids``
    # Prefixes, not formats: a draft has a source line per recorded point, and str.format would cost
    # the Word writer a tenth of its time at 2,000 interventions.
    source_on_behalf: str = " on behalf of "  # before the group
    source_untimed: str = "time not recorded"
    source_minutes: str = "min"  # after the time used, "3:05 min"
    source_by: str = ", recorded by "  # before the rapporteur

    # -- the Word file and the previews --------------------------------------------------------------
    draft_banner: str = "DRAFT — for the Chair’s review"
    generated: str = "Generated {date}, {time} UTC from {interventions} interventions"  # the page header
    document_category: str = "Draft Chair’s summary"
    document_keywords: str = "Chair’s summary; draft; hlmnotes"
    document_comments: str = (
        "Drafted by hlmnotes from {interventions} recorded interventions; attribution {attribution},"
        " discussion by {by}. For the Chair’s review."
    )

    # -- notes for staff ---------------------------------------------------------------------------
    to_rephrase: str = (
        "[Note for staff: to rephrase before the Chair reads the draft ({notes};"
        " the body holds a bracketed placeholder or the words as recorded, the comment keeps what was recorded):]"
    )
    to_rephrase_line: str = "[To rephrase: {line}.]"
    note: tuple[str, str] = ("note", "notes")
    minute: tuple[str, str] = ("minute", "minutes")
    reading: str = (
        "[Note for staff: read aloud, sections I to V take about {minutes} ({words} words at {pace} words a minute)"
    )
    too_long: str = (
        "; the closing segment allows a few minutes for each summary: to bring it under {limit}, shorten"
        " section III, or refer to the guiding questions instead of reading them out (hlmnotes summary"
        " --minutes N writes that version)"
    )
    note_end: str = ".]"
    too_many_to_propose: str = (
        "[Note for staff: this record is too large to look for similar points with every draft; run"
        " hlmnotes groups propose to see the proposals still waiting.]"
    )
    waiting: str = (
        "[Note for staff: {count} {waiting} still waiting to group similar points (Review, or"
        " hlmnotes groups propose); accepting {them} would merge sentences of {paragraphs}.]"
    )
    waiting_one: tuple[str, str] = ("proposal is", "it")
    waiting_many: tuple[str, str] = ("proposals are", "them")
    floor_note: str = "[Note for staff. Floor: {counts}{unplaced}; {verdict}.]"  # the balance of the floor by region
    unplaced: tuple[str, str] = (
        "; {count} Member State voice not on the regional lists", "; {count} Member State voices not on the regional lists"
    )
    cites_every_group: str = "section III cites every group that spoke"
    no_group_spoke: str = "no regional group spoke from the floor"
    cites_no_sentence: str = "no sentence of section III cites {groups}"
    # An anonymous summary's sentences whose words name or point at their speaker (``anonymity``).
    anonymity_lead: str = (
        "[Note for staff: this summary is anonymous, but {sentences} name or point at the speaker; a neutral"
        " wording to consider follows each (the body keeps the words as recorded):]"
    )
    pointer: tuple[str, str] = ("passage", "passages")
    anonymity_line: str = "[{where}: “{said}” ({record}) → “{neutral}”.]"
    neutral: Mapping[str, str] = field(default_factory=lambda: {
        "country": "[the country]", "capital": "[the capital]", "demonym": "[national]",
        "organization": "[the organization]", "group": "[the group]",
    })  # fmt: skip
    paragraph: str = "paragraph {0}"
    paragraphs: str = "paragraphs {0}"

    # -- the read-out version ----------------------------------------------------------------------
    readout_chaired: str = "{panel} was chaired by {chair}"  # the read-out version's first sentence
    readout_panellists: str = ", with presentations by {panellists}"
    readout_questions: str = ", on the questions of {labels}"  # after the floor's counts
    readout_label: str = "“{label}”"  # a guiding question by its short label
    readout_minimum: str = (
        "minutes: the read-out version of panel {panel} needs at least {minutes:g} minutes ({words} words: its"
        " introduction, the panellists' first sentences and the headings of sections IV and V); give --minutes"
        " {minutes:g} or more"
    )
    readout_over: str = (
        "[Note for staff: the read-out version runs {over} words over {minutes:g} minutes to keep every divergent"
        " view; shorten another paragraph if the slot is strict.]"
    )
    single_speaker: str = (
        "[Note for staff: {single} of {sentences} sentences of sections III and IV cite one speaker ({share} per cent);"
        " the others gather several.]"
    )
    questions_referred: str = "The discussion was guided by the {count} questions set out in the concept note."
    readout_note: str = (
        "[Note for staff: read-out version for {minutes:g} minutes ({words:,} words): it keeps the most widely"
        " supported points, every divergent view and the recommendations; the full draft (hlmnotes summary"
        " without --minutes) keeps {kept}.]"
    )
    point: tuple[str, str] = ("point", "points")
    left_out_points: str = "{points} of section III or IV"
    left_out_presentations: str = "the panellists' further points"
    left_out_questions: str = "the text of the guiding questions"


ENGLISH = Locale()
