"""The meeting view, headless: programme tables, importing a speakers' list, remembering the rapporteur."""

from __future__ import annotations

import datetime as dt

from hlmnotes.widgets import MeetingView, meeting_summary, programme_tables, remembered_rapporteur


def upload(view: MeetingView, name: str, content: bytes) -> None:
    view.upload.value = ({"name": name, "type": "text/csv", "size": len(content), "content": memoryview(content),
                          "last_modified": dt.datetime(2017, 9, 27, tzinfo=dt.UTC)},)  # fmt: skip


def test_the_programme_as_tables(ws):
    tables = programme_tables(ws.programme)
    assert list(tables["panels"]["panel"]) == [1, 2]
    assert tables["panels"].loc[0, "start"] == "15:00" and "floor 3" in tables["panels"].loc[0, "limits (min)"]
    assert len(tables["questions"]) == 11 and tables["questions"]["text"].dtype == "string"
    assert "Ms. Carmen Martinez" in set(tables["panellists"]["name"])  # the seed's misprint corrected in print


def test_the_meeting_in_two_lines(ws):
    assert meeting_summary(ws).splitlines()[1] == (
        "27–28 September 2017, United Nations Headquarters, New York (provisional programme); 2 panels"
    )


def test_importing_a_speakers_list_from_an_upload(ws):
    view = MeetingView(ws)
    view.panel.value = 2
    upload(view, "speakers.csv", b"order,delegation,speaker,category,on_behalf_of\n1,Qatar,,,\n2,UK,,,\n")
    view.import_button.click()
    assert [s.delegation for s in ws.speakers.queue(2)] == ["Qatar", "United Kingdom of Great Britain and Northern Ireland"]
    assert view.status.text == "Imported 2 speakers from speakers.csv into panel 2"
    assert "Qatar" in view.queue_html.value


def test_a_bad_speakers_list_names_the_uploaded_file_and_row(ws):
    view = MeetingView(ws)
    upload(view, "list.csv", b"order,delegation,speaker,category,on_behalf_of\n1,Qatar,,,\n2,Belgum,,member_state,\n")
    view.import_button.click()
    assert view.status.text.startswith("⚠ list.csv: row 3") and "did you mean 'Belgium'" in view.status.text
    assert ws.speakers.queue(1) == []


def test_import_without_a_file_says_so(ws):
    view = MeetingView(ws)
    view.import_button.click()
    assert view.status.text == "Choose a speakers' list file first"


def test_the_rapporteurs_name_is_remembered_for_the_recorder(ws, monkeypatch):
    monkeypatch.delenv("HLMNOTES_RAPPORTEUR", raising=False)
    view = MeetingView(ws)
    view.remember_button.click()
    assert view.status.text == "Type your name first"
    view.rapporteur.value = "Ana Silva"
    view.remember_button.click()
    assert remembered_rapporteur(ws) == "Ana Silva"


def test_the_confirmation_shows_under_the_buttons_not_below_the_list(ws):
    view = MeetingView(ws)
    children = list(view.widget.children)
    buttons = next(i for i, c in enumerate(children) if view.import_button in getattr(c, "children", ()))
    assert children.index(view.status.label) == buttons + 1
    assert children.index(view.status.label) < children.index(view.queue_html)


def test_the_log_keeps_the_meetings_time_and_says_which_once(ws):
    from zoneinfo import ZoneInfo

    view = MeetingView(ws)
    view.remember()  # any message: it goes to the log with its time
    heading, log = view.status.log_box.children
    assert "times in America/New_York" in heading.value
    stamp = log.outputs[-1]["text"][:8]
    there = dt.datetime.now(ZoneInfo("America/New_York"))
    assert stamp[:5] in {f"{there:%H:%M}", f"{there - dt.timedelta(minutes=1):%H:%M}"}, (stamp, there)
