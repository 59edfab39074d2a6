"""SQL as each database reads it: the store's ``?``/``:name`` parameters in psycopg's form, text untouched."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hlmnotes.storage.backends import open_backend, postgresql_sql


def test_parameters_become_psycopgs_and_casts_stay():
    statement = "UPDATE t SET a = :a_1, b = ? WHERE c::text = :c AND d LIKE 'x%'"
    assert postgresql_sql(statement) == "UPDATE t SET a = %(a_1)s, b = %s WHERE c::text = %(c)s AND d LIKE 'x%%'"


@given(st.text(alphabet=st.sampled_from("ab?:%' _x1"), max_size=30))
def test_quoted_text_is_never_read_as_a_parameter(text):
    """A literal holding ``?``, ``:word`` or ``%`` (the old pattern rewrite changed the first two)."""
    quoted = "'" + text.replace("'", "''") + "'"
    assert postgresql_sql(f"SELECT {quoted} WHERE id = ?") == f"SELECT {quoted.replace('%', '%%')} WHERE id = %s"
    assert (
        postgresql_sql(f'SELECT 1 AS "{text.replace(chr(34), "")}"')
        == f'SELECT 1 AS "{text.replace(chr(34), "").replace("%", "%%")}"'
    )


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_a_statement_with_question_marks_and_colons_in_its_text_runs_on_both(kind, tmp_path, request):
    target = str(tmp_path / "m.sqlite") if kind == "sqlite" else request.getfixturevalue("postgres_store")
    backend = open_backend(target, create=True)
    try:
        positional = backend.execute("SELECT 'why? :sure 100%' AS said, ? AS n", (5,)).fetchone()
        named = backend.execute("SELECT 'why? :sure' AS said, :n AS n", {"n": 6}).fetchone()
    finally:
        backend.close()
    assert (positional["said"], positional["n"], named["said"], named["n"]) == ("why? :sure 100%", 5, "why? :sure", 6)
