"""The two databases a store can live in, and the few places where their SQL differs.

SQLite is the embedded default: one file per meeting on a local disk. A meeting shared between
laptops lives in PostgreSQL, because SQLite's WAL needs every writer on one host. The store writes
portable SQL with ``?`` and ``:name`` parameters; this module reads each statement once into
psycopg's ``%s``/``%(name)s`` form (quoted text left as it is) and opens connections.
psycopg is used directly rather than through an ORM: the store has a couple of dozen statements and
three dialect differences (placeholders, key generation, the write lock), all of them here.
"""

from __future__ import annotations

import functools
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, quote, unquote, urlsplit, urlunsplit

from ..errors import StoreError

WRITE_LOCK = 7243019  # PostgreSQL advisory lock of a store: exclusive for bulk writes, shared for single saves
ORDER_KEY = -1  # with WRITE_LOCK: the commit-order lock; (WRITE_LOCK, panel id) numbers that panel's seq


@dataclass
class Backend:
    """An open connection plus what differs between databases."""

    kind: str  # "sqlite" or "postgresql"
    connection: Any
    errors: tuple[type[BaseException], ...]
    key: str  # the DDL of an auto-assigned integer primary key
    label: str  # how messages name the store (a path, or a URL without its password)
    ordered: bool = True  # this write already holds the commit order (always, except side-by-side saves)

    def sql(self, statement: str) -> str:
        return statement if self.kind == "sqlite" else postgresql_sql(statement)

    def execute(self, statement: str, params: Any = ()) -> Any:
        return self.connection.execute(self.sql(statement), params)

    def executemany(self, statement: str, rows: Any) -> None:
        cursor = self.connection.cursor()
        cursor.executemany(self.sql(statement), rows)

    def begin_write(self, panels: Iterable[int] | None = None) -> None:
        """Start a transaction that holds the store's write locks until it ends.

        SQLite has one writer at a time. On PostgreSQL a save of one record (``panels`` given: the
        panels whose ``seq`` it may number) takes the store lock shared, so saves from several
        laptops run side by side, and an exclusive lock per panel, so two saves never take the same
        ``seq``; every other write (undo, merge, imports, migrations) takes the store lock exclusive,
        alone as before. History rows are written in commit order (``order_commits``).
        """
        self.ordered = panels is None or self.kind == "sqlite"  # SQLite: one writer, so in order already
        if self.kind == "sqlite":
            self.connection.execute("BEGIN IMMEDIATE")
            return
        self.connection.execute("BEGIN")
        if panels is None:
            self.connection.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
            return
        locks = ["pg_advisory_xact_lock_shared(%s)"] + ["pg_advisory_xact_lock(%s, %s)"] * len(
            wanted := sorted(set(panels))
        )
        params = [WRITE_LOCK] + [v for panel in wanted for v in (WRITE_LOCK, panel)]
        self.connection.execute(f"SELECT {', '.join(locks)}", params)  # one round trip, in a fixed order

    def order_commits(self) -> None:
        """Take the commit-order lock before writing a history row (PostgreSQL saves side by side).

        Live views follow the history by its ``hid`` (``Store.changes_since``): a row numbered 10
        committed after one numbered 11 would be skipped by a view that had already seen 11. Saves
        running side by side therefore number and commit their history one at a time (the lock is
        released with the commit); the rest of the save does not wait for it.
        """
        if not self.ordered:
            self.connection.execute("SELECT pg_advisory_xact_lock(%s, %s)", (WRITE_LOCK, ORDER_KEY))
            self.ordered = True

    def for_update(self) -> str:
        """The clause that locks a row read before it is changed (a side-by-side save's version check)."""
        return "" if self.kind == "sqlite" else " FOR UPDATE"

    def tables(self) -> set[str]:
        if self.kind == "sqlite":
            rows = self.connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
        else:
            rows = self.connection.execute(
                "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()"
            ).fetchall()
        return {r["name"] for r in rows}

    def close(self) -> None:
        self.connection.close()


@functools.lru_cache(maxsize=512)
def postgresql_sql(statement: str) -> str:
    """``statement``'s ``?`` and ``:name`` parameters in psycopg's ``%s`` and ``%(name)s`` form.

    Read once per statement (the store has a few dozen) as SQL's tokens, not by pattern: text in single
    quotes and names in double quotes are copied as they are, a ``::`` cast stays a cast, and every
    literal ``%`` is doubled, because psycopg reads ``%`` anywhere in the string as a parameter.
    """
    out: list[str] = []
    i, end = 0, len(statement)
    while i < end:
        c = statement[i]
        if c in "'\"":
            close = i + 1
            while True:  # a doubled quote inside the quoted text is the quote itself
                close = statement.find(c, close)
                if close == -1:
                    raise ValueError(f"unterminated {c} in SQL statement: {statement!r}")
                if statement.startswith(c * 2, close):
                    close += 2
                    continue
                break
            out.append(statement[i : close + 1].replace("%", "%%"))
            i = close + 1
        elif c == "?":
            out.append("%s")
            i += 1
        elif statement.startswith("::", i):
            out.append("::")
            i += 2
        elif c == ":" and i + 1 < end and (statement[i + 1].isalpha() or statement[i + 1] == "_"):
            name_end = i + 1
            while name_end < end and (statement[name_end].isalnum() or statement[name_end] == "_"):
                name_end += 1
            out.append(f"%({statement[i + 1 : name_end]})s")
            i = name_end
        else:
            out.append("%%" if c == "%" else c)
            i += 1
    return "".join(out)


def advice(exc: BaseException) -> str:
    """What a person can do about a database error: the errors themselves do not say."""
    text = str(exc).lower()
    if any(word in text for word in ("readonly", "read-only", "unable to open", "permission denied")):
        return "check that you may write to the file and its folder"
    if "full" in text:
        return "free some disk space, then try again"
    if "malformed" in text or "corrupt" in text:
        return "the file is damaged: keep a copy of it and restore the latest backup"
    if "not a database" in text:
        return "is it an hlmnotes store?"
    return "try again"


def is_url(target: str) -> bool:
    return "://" in target


_SECRET = re.compile(r"pass|secret|token", re.IGNORECASE)


def store_label(target: str) -> str:
    """How every message and screen names a store: a path as it is, a URL without its secrets.

    The password after ``user:`` (an empty user too) and query parameters such as ``password=`` are
    shown as ``***``; this is the one place that decides, so a new message cannot leak one by mistake.
    """
    if not is_url(target):
        return target
    try:
        parts = urlsplit(target)
    except ValueError:  # malformed (an unclosed [ in the host): say nothing of what follows the scheme
        return target.split("://", 1)[0] + "://***"
    netloc = parts.netloc
    if "@" in netloc:
        userinfo, host = netloc.rsplit("@", 1)
        user, has_password, _ = userinfo.partition(":")
        netloc = f"{user}:***@{host}" if has_password else f"{userinfo}@{host}"
    query = "&".join(
        f"{key}=***" if _SECRET.search(unquote(key)) else f"{key}{sign}{value}"
        for key, sign, value in (item.partition("=") for item in parts.query.split("&"))
    ) if parts.query else ""  # fmt: skip
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


def _secrets(url: str) -> list[str]:
    """The secret values a URL holds, to strip them from a driver's own message."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return []
    found = [unquote(parts.password)] if parts.password else []
    found += [value for key, value in parse_qsl(parts.query) if _SECRET.search(key) and value]
    return sorted(set(found) | {quote(s) for s in found}, key=len, reverse=True)


def open_backend(target: str, *, create: bool, read_only: bool = False) -> Backend:
    """A connection to ``target``; ``read_only`` ones cannot write (SQLite ``mode=ro``, a read-only PostgreSQL session)."""
    if target.startswith("sqlite:///"):
        return _sqlite(target[len("sqlite:///") :], create=create, read_only=read_only)
    if target.startswith(("postgresql://", "postgresql+psycopg://", "postgres://")):
        return _postgresql(target, read_only=read_only)
    if is_url(target):
        scheme = target.split("://", 1)[0]
        raise StoreError(
            f"store {store_label(target)}: unknown kind of store {scheme!r}; use a SQLite file path or a postgresql:// URL"
        )
    return _sqlite(target, create=create, read_only=read_only)


def _sqlite(path: str, *, create: bool, read_only: bool = False) -> Backend:
    if path != ":memory:":
        file = Path(path)
        if file.is_dir():
            raise StoreError(f"store {path} is a folder; name a file such as {file / 'meeting.sqlite'}")
        if not file.exists():
            if not create:
                raise StoreError(f"store {path} does not exist; run `hlmnotes --store {path} init --programme FILE`")
            try:
                file.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"store {path}: cannot create its folder ({exc.strerror})") from exc
    connection = None
    try:
        if read_only:  # SQLite itself refuses every write; the file is never switched to WAL or migrated
            uri = f"file:{quote(str(Path(path).resolve()))}?mode=ro"
            connection = sqlite3.connect(uri, uri=True, timeout=30, isolation_level=None, check_same_thread=False)
        else:
            connection = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
        connection.row_factory = sqlite3.Row
        connection.execute("PRAGMA busy_timeout = 30000")
        # Switching to WAL rewrites the file's header: only for a new file or one of ours, so that a
        # foreign database, refused next, is left exactly as it was.
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not read_only and ("meta" in tables or (create and not tables)):
            connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = FULL")
        connection.execute("PRAGMA foreign_keys = ON")
    except sqlite3.DatabaseError as exc:
        if connection is not None:
            connection.close()
        raise StoreError(f"store {path} cannot be opened: {exc}; {advice(exc)}") from exc
    return Backend("sqlite", connection, (sqlite3.Error,), "INTEGER PRIMARY KEY AUTOINCREMENT", path)


def _postgresql(url: str, *, read_only: bool = False) -> Backend:
    try:
        import psycopg
        from psycopg.rows import dict_row
    except ImportError as exc:  # pragma: no cover - psycopg is a dependency
        raise StoreError("PostgreSQL stores need psycopg; reinstall hlmnotes (`make install`)") from exc
    label = store_label(url)
    try:
        connection = psycopg.connect(
            url.replace("postgresql+psycopg://", "postgresql://", 1),
            autocommit=True,
            row_factory=dict_row,
            connect_timeout=10,
        )
        if read_only:
            try:
                connection.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
            except psycopg.Error:
                connection.close()
                raise
    except psycopg.Error as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        for secret in _secrets(url):
            reason = reason.replace(secret, "***")
        raise StoreError(f"store {label} cannot be opened: {reason}; is the server running and the URL right?") from exc
    return Backend(
        "postgresql", connection, (psycopg.Error,), "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", label
    )
