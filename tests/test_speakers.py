"""The speakers' list: importing it as secretariats write it, and following the Chair through it."""

from __future__ import annotations

from pathlib import Path

import pytest

from hlmnotes.domain.model import CATEGORIES, CATEGORY_LABELS
from hlmnotes.errors import ValidationError
from hlmnotes.io.speakers import category_code


@pytest.mark.parametrize(
    ("written", "code"),
    [("igo", "igo"), ("Intergovernmental organization", "igo"), ("Intergovernmental org.", "igo"),
     ("INTERGOVERNMENTAL ORG", "igo"), ("member state", "member_state"), ("Member_State", "member_state"),
     ("UN entity", "un_entity"), ("  civil   Society ", "civil_society"), ("", "")],
)  # fmt: skip
def test_a_category_may_be_written_as_code_or_label_in_any_case(written, code):
    assert category_code(written) == code


def test_every_label_the_app_shows_is_accepted():
    assert [category_code(CATEGORY_LABELS[c].upper()) for c in CATEGORIES] == list(CATEGORIES)


def test_an_unknown_category_names_the_values_to_use():
    with pytest.raises(
        ValidationError,
        match=r"unknown category 'government'; use one of chair \(Chair\),.*igo \(Intergovernmental org\.\)",
    ):
        category_code("government")


def test_a_list_written_with_labels_imports(ws, tmp_path: Path):
    path = tmp_path / "speakers.csv"
    path.write_text(
        "order,delegation,speaker,category\n1,UNODC,,UN Entity\n2,Belgium,,MEMBER STATE\n3,OIF,,Intergovernmental organization\n",
        encoding="utf-8",
    )
    assert [(s.delegation, s.category) for s in ws.speakers.import_file(path, 1)] == [
        ("UNODC", "un_entity"), ("Belgium", "member_state"), ("International Organization of la Francophonie", "igo"),
    ]  # fmt: skip
