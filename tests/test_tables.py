"""pandas tables: one dtype schema, long forms and coverage that the review and the summary rely on."""

from __future__ import annotations

import pandas as pd

from hlmnotes.analysis import tables

from .conftest import DATA


def _loaded(ws):
    ws.import_interventions(DATA / "interventions-60.csv")
    return ws.records()


def test_interventions_frame_has_the_schema(ws):
    frame = tables.interventions(_loaded(ws))
    assert list(frame.columns) == list(tables.INTERVENTIONS)
    assert frame["category"].dtype == tables.CATEGORY
    assert frame["started_at"].dtype == tables.WHEN
    assert frame["duration_s"].dtype == "Int64"
    assert len(frame) == 60


def test_interventions_frame_holds_each_records_contract_row(ws):
    """Each row is the record's contract-2 row (lists joined by ";"), its times the record's own instants."""
    ws.save({"panel": 2, "delegation": "Member State B", "questions": "3;1", "flags": "quote;divergent"})
    records = ws.records() + _loaded(ws)
    for record, row in zip(records, tables.interventions(records).to_dict("records"), strict=True):
        expected = record.to_row()
        for column, value in row.items():
            if column in ("started_at", "ended_at"):
                assert (None if value is pd.NaT else value) == getattr(record, column), column
            else:
                assert (None if value is pd.NA else value) == expected[column], column
    assert any(r.questions for r in records) and any(r.flags for r in records) and any(r.started_at for r in records)


def test_empty_tables_keep_their_dtypes(ws):
    empty = tables.interventions([])
    full = tables.interventions(_loaded(ws))
    both = pd.concat([empty, full])
    assert dict(both.dtypes) == dict(full.dtypes)
    assert dict(tables.points([]).dtypes) == dict(tables.points(ws.records()).dtypes)


def test_points_one_row_per_line(ws):
    ws.save({"panel": 1, "delegation": "Member State A", "key_points": "a\n\n b \nc", "recommendations": "r1"})
    frame = tables.points(ws.records())
    assert frame["text"].tolist() == ["a", "b", "c", "r1"]
    assert frame["kind"].tolist() == ["key_point"] * 3 + ["recommendation"]
    assert frame["line"].tolist() == [1, 2, 3, 1]


def test_coverage_tables(ws):
    ws.save({"panel": 1, "delegation": "Member State A", "questions": "1;2", "themes": "children",
             "started_at": "2017-09-27T15:10:00-04:00", "ended_at": "2017-09-27T15:14:00-04:00"})  # fmt: skip
    ws.save({"panel": 1, "delegation": "Member State B", "questions": "2", "duration_s": 100})
    records = ws.records()
    per_question = tables.speakers_per_question(records, ws.programme)
    assert per_question.query("panel == 1")["interventions"].tolist() == [1, 2, 0, 0, 0, 0]
    gaps = tables.unaddressed_questions(records, ws.programme)
    assert gaps.query("panel == 1")["question"].tolist() == [3, 4, 5, 6]
    assert len(gaps.query("panel == 2")) == 5
    matrix = tables.theme_by_question(records, ws.programme, ws.codebook, 1)
    assert matrix.loc["children", 1] == 1 and matrix.loc["children", 2] == 1 and int(matrix.to_numpy().sum()) == 2
    over = tables.overruns(records, ws.programme)
    assert over[["delegation", "limit_s", "over_s"]].values.tolist() == [["Member State A", 180, 60]]
    by_category = tables.time_by_category(records)
    assert by_category.values.tolist() == [[1, "member_state", 2, 340]]


def test_question_and_theme_tags_long_form(ws):
    ws.save(
        {
            "panel": 2,
            "delegation": "Member State A",
            "questions": "1;4",
            "themes": "TRUST-FUND;Remedies and compensation",
        }
    )
    assert tables.question_tags(ws.records())["question"].tolist() == [1, 4]
    assert tables.theme_tags(ws.records())["theme"].tolist() == ["trust-fund", "remedies"]


def test_theme_by_question_counts_every_tag_pair_like_the_long_forms(ws):
    records = _loaded(ws)
    themes, questions = tables.theme_tags(records), tables.question_tags(records)
    pairs = themes.merge(questions, on=["intervention_id", "panel"]).query("panel == 1")
    expected = pairs.groupby(["theme", "question"]).size()
    matrix = tables.theme_by_question(records, ws.programme, ws.codebook, 1)
    assert set(matrix.dtypes.astype(str)) == {"int64"} and list(matrix.index) == list(ws.codebook.ids)
    assert {k: v for k, v in matrix.stack().items() if v} == {(t, int(q)): n for (t, q), n in expected.items()}


def test_time_by_category_is_the_interventions_frame_grouped(ws):
    """Summed without building a frame of every intervention, it must equal grouping that frame."""
    records = _loaded(ws) + [ws.save({"panel": 2, "delegation": "Member State Z", "category": "civil_society"})]
    frame = tables.interventions(records)
    grouped = frame.groupby(["panel", "category"], observed=True)["duration_s"]
    expected = pd.DataFrame({"interventions": grouped.size(), "seconds": grouped.sum(min_count=1)}).reset_index()
    expected = expected.astype({"interventions": "Int64", "seconds": "Int64"})
    pd.testing.assert_frame_equal(tables.time_by_category(records), expected)
    pd.testing.assert_frame_equal(tables.time_by_category([]), expected.iloc[:0].reset_index(drop=True))


def test_times_are_moments_in_utc_and_missing_ones_nat(ws):
    ws.save({"panel": 1, "delegation": "Member State A", "started_at": "2017-09-27T15:10:00.250-04:00",
             "ended_at": "2017-09-27T15:14:00-04:00"})  # fmt: skip
    ws.save({"panel": 1, "delegation": "Member State B"})
    frame = tables.interventions(ws.records())
    assert frame["started_at"].tolist()[0] == pd.Timestamp("2017-09-27T19:10:00.250Z")
    assert frame["ended_at"].tolist()[0] == pd.Timestamp("2017-09-27T19:14:00Z")
    assert frame["started_at"].isna().tolist() == [False, True]
    assert frame["category"].tolist() == ["member_state", "member_state"]


def test_a_coverage_table_prints_as_pandas_prints_its_frame(ws):
    """``hlmnotes stats`` prints without pandas; its text must be what ``to_string(index=False)`` gives."""
    from hlmnotes.analysis import coverage

    table = coverage.Table(
        {"panel": coverage.NUMBER, 2: coverage.COUNT, "category": coverage.CATEGORY, "text": coverage.TEXT},
        [(1, 10, "member_state", "a\tb\nc"), (None, 7, None, None), (12, 0, "chair", "longer text, é")],
    )
    assert table.text() == tables.frame(table).to_string(index=False)
    _loaded(ws)
    report = ws.stats_report()
    for title, frame in ws.stats().items():  # the questions' texts are cut in the report
        if not frame.empty and "text" not in frame:
            assert f"{title.capitalize()}:\n{frame.to_string(index=False)}\n" in report, title
