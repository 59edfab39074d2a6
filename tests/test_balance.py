"""The balance of the floor by regional group: group statements counted once, every floor voice on one row.

Records use placeholder names ("Member State A"), placed in regional groups made for the test, so no
words are put in a real delegation's mouth.
"""

from __future__ import annotations

import csv
import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hlmnotes import Workspace
from hlmnotes.analysis.balance import GROUPS_ROW, UNPLACED_ROW, tally
from hlmnotes.app.workspace import default_programme_file
from hlmnotes.cli import main
from hlmnotes.domain.model import Intervention
from hlmnotes.domain.reference import Group, Reference, default_reference
from hlmnotes.domain.regions import REGION_NAMES, Region, Regions
from hlmnotes.storage.store import Store
from hlmnotes.summary.compose.discussion import panel_voices

PLACED = {  # region → placeholder Member States
    "African States": ("Member State A", "Member State B"),
    "Asia-Pacific States": ("Member State C",),
    "Eastern European States": ("Member State D",),
    "Latin American and Caribbean States": ("Member State E",),
    "Western European and other States": ("Member State F",),
}


def _reference() -> Reference:
    base = default_reference()
    made_up = (
        Group("Group A", members=("Member State A", "Member State B")),  # all in one region
        Group("Group C", members=("Member State A", "Member State C")),  # across two regions
    )
    return Reference(base.delegations, base.groups + made_up)


def _regions(reference: Reference) -> Regions:
    return Regions(tuple(Region(name, name, PLACED[name]) for name in REGION_NAMES), reference)


def _workspace() -> Workspace:
    store = Store(":memory:")
    Workspace._initialise(store, default_programme_file())
    reference = _reference()
    return Workspace(store, reference, _regions(reference))


FLOOR = {"panel": 1, "category": "member_state", "rapporteur": "R1"}


def _record(ws: Workspace, delegation: str, seconds: int, **fields) -> Intervention:
    return ws.save(FLOOR | {"delegation": delegation, "duration_s": seconds} | fields)


def _panel(ws: Workspace) -> None:
    ws.save({"panel": 1, "category": "chair", "delegation": "Belgium", "key_points": "opened the panel"})
    _record(ws, "Member State A", 120, questions="1", key_points="called for stronger referral mechanisms")
    _record(ws, "Member State B", 180, on_behalf_of="Group A", questions="2", key_points="stressed better data")
    _record(ws, "Member State C", 100, on_behalf_of="Group C", questions="2", key_points="noted low convictions")
    _record(ws, "Member State C", 60, questions="1", key_points="described awareness campaigns")
    _record(ws, "Member State D", 90, questions="3", recommendations="train judges and prosecutors")
    _record(ws, "Member State F", 30, questions="3", key_points="welcomed regional partnerships")
    _record(ws, "Member State F", 20, questions="3", key_points="warned of online recruitment")
    _record(ws, "Observer State A", 40, category="observer_state", questions="1", key_points="noted progress")
    _record(ws, "UN entity A", 60, category="un_entity", questions="2", key_points="offered technical assistance")
    _record(ws, "Civil society organization A", 50, category="civil_society", key_points="urged survivor inclusion")
    _record(ws, "University A", 50, category="academia", key_points="pointed to research gaps")


def _rows(table):
    return {r.region: r for r in table.rows}


def test_a_group_statement_counts_once_for_its_region_or_on_a_row_of_its_own():
    ws = _workspace()
    _panel(ws)
    rows = _rows(ws.drafting.balance(1))
    african = rows["African States"]
    assert african.names == ("Member State A", "Group A (Member State B)")  # not B again, nor A through the group
    assert (african.speakers, african.speaking_time_s) == (2, 300)
    assert rows[GROUPS_ROW].names == ("Group C (Member State C)",)
    assert rows["Asia-Pacific States"].names == ("Member State C",)  # its national statement still counts
    assert (
        rows["Western European and other States"].speakers,
        rows["Western European and other States"].interventions,
    ) == (1, 2)
    assert rows["Latin American and Caribbean States"].speakers == 0
    assert rows["Observer States"].speakers == rows["United Nations entities"].speakers == 1
    assert rows["Civil society"].speakers == 1 and rows["Others"].names == ("University A",)
    assert "Belgium" not in {n for r in rows.values() for n in r.names}  # the Chair is not the floor


def test_points_and_section_iii_citations_come_from_the_draft():
    ws = _workspace()
    _panel(ws)
    table = ws.drafting.balance(1)
    rows = _rows(table)
    # Member State A's "called for…" is read once, as a recommendation in section IV: one sentence.
    assert rows["African States"].points == 2 and rows["African States"].cited_in_iii
    eastern = rows["Eastern European States"]  # spoke, but only a recommendation: section IV, not III
    assert (eastern.points, eastern.cited_in_iii) == (1, False)
    assert table.uncited() == ["Eastern European States"]
    assert abs(sum(r.share_of_time for r in table.rows) - 1) < 1e-9
    assert round(rows["African States"].share_of_time, 3) == round(300 / 800, 3)


def test_the_staff_note_counts_each_region_and_names_the_uncited_one():
    ws = _workspace()
    _panel(ws)
    notes = ws.drafting.summary(1).panels[0].notes
    assert (
        "[Note for staff. Floor: African States 2, Asia-Pacific States 1, Eastern European States 1,"
        " Latin American and Caribbean States 0, Western European and other States 1;"
        " no sentence of section III cites Eastern European States.]"
    ) in notes


def test_the_staff_note_when_every_region_that_spoke_is_cited():
    ws = _workspace()
    _record(ws, "Member State A", 60, questions="1", key_points="stressed stronger referral mechanisms")
    _record(ws, "Member State E", 60, questions="1", key_points="stressed better data")
    note = ws.drafting.summary(1).panels[0].notes[-1]
    assert note.endswith("Western European and other States 0; section III cites every group that spoke.]")


def test_cli_csv_has_the_contract_columns_and_one_row_per_regional_group(store_path, capsys):
    ws = Workspace.open(store_path)
    ws.save(FLOOR | {"delegation": "Member State A", "duration_s": 60, "questions": "1", "key_points": "noted X"})
    ws.close()
    assert main(["--store", str(store_path), "balance", "--panel", "1", "--format", "csv"]) == 0
    out = capsys.readouterr().out
    rows = list(csv.DictReader(io.StringIO(out)))
    assert out.startswith("region,speakers,speaking_time_s,points,")
    assert [r["region"] for r in rows[:5]] == list(REGION_NAMES)
    assert all(r["speakers"] == "0" for r in rows[:5])
    # a placeholder is on no regional list: it is still counted, on a row that says so
    assert rows[5]["region"] == UNPLACED_ROW and rows[5]["speakers"] == "1" and rows[5]["speaking_time_s"] == "60"


def test_cli_text_and_bad_panel(store_path, capsys):
    assert main(["--store", str(store_path), "balance"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Balance of the floor by regional group, all panels")
    assert "Western European and other States" in out and "No regional group spoke from the floor." in out
    assert main(["--store", str(store_path), "balance", "--panel", "9"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "panel" in err and len(err.splitlines()) == 1


_speakers = st.sampled_from(
    [("Member State A", "", "member_state"), ("Member State B", "Group A", "member_state"),
     ("Member State C", "Group C", "member_state"), ("Member State C", "", "member_state"),
     ("Member State Q", "", "member_state"), ("Member State E", "Group Z", "member_state"),
     ("Observer State A", "", "observer_state"), ("Organization A", "", "igo"), ("Media outlet A", "", "media"),
     ("Panellist A", "", "panellist")]
)  # fmt: skip
_floor = st.lists(st.tuples(_speakers, st.integers(0, 400)), max_size=25)


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(_floor)
def test_no_floor_voice_is_lost_or_counted_twice(rows):
    reference = _reference()
    records = [
        Intervention(id=i, panel=1, seq=i, delegation=d, on_behalf_of=g, category=c, duration_s=s)
        for i, ((d, g, c), s) in enumerate(rows, 1)
    ]
    table = tally(records, reference, regions=_regions(reference))
    floor = [r for r in records if r.category != "panellist"]
    assert sum(r.speakers for r in table.rows) == len(panel_voices(floor))
    assert sum(r.speaking_time_s for r in table.rows) == table.floor_s == sum(r.duration_s for r in floor)
    assert sum(r.interventions for r in table.rows) == len(floor)
    assert [r.region for r in table.regions()] == list(REGION_NAMES)


def test_the_reviews_balance_tab_shows_the_table_verdict_and_chart():
    from matplotlib.colors import to_hex

    from hlmnotes.analysis import plots
    from hlmnotes.domain.timing import COLOURS
    from hlmnotes.widgets import Review

    ws = _workspace()
    _panel(ws)
    review = Review(ws, rapporteur="R1")
    review.panel.value = 1
    review.tabs.selected_index = 3  # "Balance": counted when the tab opens
    assert review.tabs.titles[3] == "Balance"
    assert "No sentence of section III cites Eastern European States." in review.balance.verdict.value
    assert "<td>Group statements across regions</td>" in review.balance.table_html.value
    assert bytes(review.balance.chart.value).startswith(b"\x89PNG")
    assert review.status.text == "Floor counted by regional group for panel 1"
    review.close()

    ax = plots.floor_balance(review.balance.table).axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[:5] == list(REGION_NAMES) and "Latin American and Caribbean States" in labels  # silent, still shown
    bars = dict(zip(labels, ax.patches, strict=True))
    assert to_hex(bars["Eastern European States"].get_facecolor()) == COLOURS["over"]
    assert to_hex(bars["African States"].get_facecolor()) == "#0072b2"
    assert round(bars["African States"].get_width(), 1) == round(100 * 300 / 800, 1)
