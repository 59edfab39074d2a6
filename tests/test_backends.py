"""Each statement of the store written out for each database and accepted by it as written: nothing rewrites it."""

from __future__ import annotations

import pytest

from hlmnotes.storage.backends import open_backend
from hlmnotes.storage.sql import POSTGRESQL, SQLITE, STATEMENTS


def _statements(kind: str) -> dict[str, str]:
    return {name: text for name, text in vars(STATEMENTS[kind]).items() if isinstance(text, str)}


def test_each_dialect_has_every_statement_with_its_own_parameter_mark():
    sqlite, postgresql = _statements("sqlite"), _statements("postgresql")
    assert sqlite.keys() == postgresql.keys()
    for name in sqlite:
        assert sqlite[name].count("?") == postgresql[name].count("%s"), name
        assert "%s" not in sqlite[name] and "?" not in postgresql[name], name
        assert "%" not in postgresql[name].replace("%s", ""), name  # psycopg would read a literal % as a mark
    assert STATEMENTS["sqlite"].dialect is SQLITE and STATEMENTS["postgresql"].dialect is POSTGRESQL


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_every_statement_is_one_the_database_accepts(kind, tmp_path, request):
    """Each statement is prepared by the database itself (SQLite: EXPLAIN; PostgreSQL: PREPARE) on a store's tables."""
    from hlmnotes.storage.store import Store

    target = str(tmp_path / "m.sqlite") if kind == "sqlite" else request.getfixturevalue("postgres_store")
    Store(target).close()
    backend = open_backend(target, create=False)
    try:
        for text in _statements(kind).values():
            if kind == "sqlite":
                backend.execute(f"EXPLAIN {text}", (None,) * text.count("?"))
            elif not text.startswith("PRAGMA"):
                parts = text.split("%s")
                numbered = parts[0] + "".join(f"${n}{part}" for n, part in enumerate(parts[1:], 1))
                backend.execute(f"PREPARE checked AS {numbered}")
                backend.execute("DEALLOCATE checked")
    finally:
        backend.close()
