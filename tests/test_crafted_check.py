"""Issue 23, probes 13 and 14: `check` names the Chair and panellists a draft presents that the programme
no longer lists, and a quantifier whose range holds no count of the panel says which wording fits."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from hlmnotes.cli import main
from hlmnotes.summary.locale import ENGLISH
from hlmnotes.summary.verify.claims import claims

from . import crafted
from .conftest import DATA, PROGRAMME, ROOT

AS_HELD = ROOT / "data" / "hlm2017" / "programme-as-held.toml"


@pytest.fixture(scope="module")
def updated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A draft made from the provisional programme; then the programme as held (panel 1's panellists changed)."""
    store, draft = crafted.meeting(tmp_path_factory.mktemp("updated"), PROGRAMME, DATA / "interventions-60.csv")
    assert main(["--store", str(store), "programme", "update", str(AS_HELD)]) == 0
    return store, draft


def test_check_names_the_panellists_the_programme_no_longer_lists(updated, capsys):
    """Before: the draft still presented Ms. Mlambo-Ngcuka and Ms. Martinez; `check` found nothing."""
    store, draft = updated
    capsys.readouterr()
    assert main(["--store", str(store), "check", str(draft)]) == 1
    lines = capsys.readouterr().out.splitlines()[:-1]
    listed = (
        "(H.E. Mr. Marc Pecsteen de Buytswerve, Chair; Dr. Purna Sen, panellist; Mr. Moussa Oumarou, panellist;"
        " Ms. Rani Hong, panellist): it may have changed since the draft was made; present the people it lists, or"
        " update the programme"
    )
    assert lines == [
        f"panel 1, para. {para}: programme: “{name}”: “{name}” is not among the people the programme lists for"
        f" panel 1 {listed}"
        for para, name in (
            (2, "Phumzile Mlambo-Ngcuka"),
            (2, "Carmen Martinez"),
            (5, "Phumzile Mlambo-Ngcuka"),
            (7, "Carmen Martinez"),
        )  # fmt: skip
    ]


def test_the_same_draft_is_clean_against_the_programme_it_was_made_from(updated, tmp_path, capsys):
    _, draft = updated
    store, _ = crafted.meeting(tmp_path, PROGRAMME, DATA / "interventions-60.csv", draft=False)
    assert main(["--store", str(store), "check", str(draft)]) == 0


def test_a_quantifier_whose_range_holds_no_count_says_which_wording_fits():
    """Before: "“Several Member States” is for 5 ≤ k < N/3" with N = 14, a range no count reaches."""
    (claim,) = claims("Several Member States stressed the need for data.", ENGLISH)
    voices = [SimpleNamespace(category="member_state", group="")] * 2
    assert claim.problem(2, 14, voices, ENGLISH) == (
        "the comment's sources give k = 2 of N = 14 floor speakers (“two Member States”); “Several Member States”"
        " fits no count of N = 14 (5 ≤ k < N/3): write “two Member States”"
    )
    # with N = 30 the range is 5 to 9, and the finding says so as before
    assert claim.problem(2, 30, voices, ENGLISH).endswith("; “Several Member States” is for 5 ≤ k < N/3")
