"""The 2017 programme transcribes the seed, and bad programme files say where they are wrong."""

from __future__ import annotations

import datetime as dt

import pytest

from hlmnotes import ProgrammeError, load_programme
from hlmnotes.domain.programme import parse_programme

from .conftest import PROGRAMME


@pytest.fixture(scope="module")
def programme():
    return load_programme(PROGRAMME)


def test_meeting_and_mandate(programme):
    m = programme.meeting
    assert m.mandate == ("71/287", "64/293")
    assert (m.start_date, m.end_date) == (dt.date(2017, 9, 27), dt.date(2017, 9, 28))
    assert m.body == "General Assembly"


def test_panels_match_the_seed(programme):
    one, two = programme.panels
    assert one.theme.startswith(
        "The Global Plan of Action and effective partnerships for the prevention and prosecution"
    )
    assert one.theme.endswith("also taking into consideration the implementation of the Sustainable Development Goals")
    assert (
        "United Nations Voluntary Trust Fund for Victims of Trafficking in Persons, Especially Women and Children"
        in two.theme
    )
    assert one.chair.name == "Marc Pecsteen de Buytswerve" and one.chair.delegation == "Belgium"
    assert two.chair.name == "Alya Ahmed Saif Al-Thani" and two.chair.delegation == "Qatar"
    assert [p.name for p in one.panellists] == ["Phumzile Mlambo-Ngcuka", "Moussa Oumarou", "Carmen Martinez"]
    assert [p.name for p in two.panellists] == ["Benita Ferrero-Waldner", "Andrew Gilmour", "Joy Ezeilo"]
    assert (one.start, one.end, two.start, two.end) == (dt.time(15), dt.time(16, 30), dt.time(16, 30), dt.time(18))
    assert one.limits.seconds_for("chair") == 300 and one.limits.seconds_for("member_state") == 180


def test_guiding_questions_are_verbatim(programme):
    one, two = programme.panels
    assert len(one.questions) == 6 and len(two.questions) == 5
    assert one.questions[1].text == (
        "What role does the provision of safe, regular and legal pathways play in the prevention of trafficking?"
    )
    assert two.questions[3].text.startswith("At national level, are national referral mechanisms the best approach")
    assert "How can we improve them and ensure that they identify" in two.questions[3].text


def test_provisional_speaker_is_marked(programme):
    opening = next(s for s in programme.segments if s.kind == "opening")
    tbc = [p for p in opening.speakers if p.provisional]
    assert [p.name for p in tbc] == ["Maria Grazia Giammarinaro"]
    assert tbc[0].display.endswith("(TBC)")


def test_panel_in_session_by_the_clock(programme):
    new_york = dt.timezone(dt.timedelta(hours=-4))
    assert programme.panel_at(dt.datetime(2017, 9, 27, 15, 45, tzinfo=new_york)).id == 1
    assert programme.panel_at(dt.datetime(2017, 9, 27, 16, 30, tzinfo=new_york)).id == 2
    assert programme.panel_at(dt.datetime(2017, 9, 27, 12, 0, tzinfo=new_york)) is None


MINIMAL = """
[meeting]
id = "m"
title = "T"
body = "General Assembly"
start_date = 2020-01-01
end_date = 2020-01-01
place = "P"
[[panels]]
id = 1
title = "Panel 1"
theme = "Theme"
date = 2020-01-01
start = 10:00:00
end = 11:00:00
venue = "Room"
[panels.chair]
name = "Chair"
[[panels.questions]]
number = 1
text = "Why?"
"""


def test_minimal_programme_parses():
    programme = parse_programme(MINIMAL)
    assert programme.panel(1).limits.floor == 3


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('text = "Why?"', 'text = ""', "x.toml: panels[1].questions[1].text: needs a non-empty string (got '')"),
        (
            "number = 1",
            "number = 2",
            "x.toml: panels[1].questions[1].number: questions must be numbered 1, 2, 3… in order (expected 1, got 2)",
        ),
        ("end = 11:00:00", "end = 09:00:00", "x.toml: panels[1].end: 09:00:00 is not after start 10:00:00"),
        (
            "date = 2020-01-01\nstart",
            "date = 2020-02-01\nstart",
            "x.toml: panels[1].date: 2020-02-01 is outside the meeting's dates 2020-01-01 to 2020-01-01",
        ),
        ('id = "m"', 'id = "Bad Id"', "x.toml: meeting.id: use lower-case letters, digits and hyphens (got 'Bad Id')"),
        ('place = "P"', "", "x.toml: meeting.place: needs a non-empty string (missing)"),
        (
            "[panels.chair]\nname",
            "[panels.chair]\nnom",
            "x.toml: panels[1].chair.name: needs a non-empty string (missing)",
        ),
        ("id = 1", 'id = "one"', "x.toml: panels[1].id: needs a whole number of 1 or more (got 'one')"),
    ],
)
def test_bad_programme_names_file_key_path_and_problem(old, new, message):
    with pytest.raises(ProgrammeError) as info:
        parse_programme(MINIMAL.replace(old, new, 1), "x.toml")
    assert str(info.value) == message


def test_malformed_toml_names_the_line():
    with pytest.raises(ProgrammeError, match=r"^x.toml: not valid TOML: .*line 3"):
        parse_programme('[meeting]\nid = "m"\ntitle = \n', "x.toml")


def test_a_question_shows_its_short_label_or_its_first_words():
    from hlmnotes.domain.programme import Question

    assert Question(1, "How can the Trust Fund help victims?", short="Trust Fund").label == "Trust Fund"
    assert Question(2, "What role does the provision of safe, regular and legal pathways play?").label == (
        "What role does the provision…"
    )
    assert Question(3, "Why now? And how?").label == "Why now"
