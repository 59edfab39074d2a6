"""The two databases a store can live in: opening a connection, and how each one takes its write locks.

SQLite is the embedded default: one file per meeting on a local disk. A meeting shared between
laptops lives in PostgreSQL, because SQLite's WAL needs every writer on one host. Each statement is
written out for both in ``sql.py``; a backend carries its own set (``Backend.sql``), so nothing is
rewritten when it runs. psycopg is used directly rather than through an ORM: the store has a few
dozen statements.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, quote, unquote, urlsplit, urlunsplit

from ..errors import StoreError
from .sql import STATEMENTS, Statements

WRITE_LOCK = 7243019  # PostgreSQL advisory lock of a store: exclusive for bulk writes, shared for single saves
# (WRITE_LOCK, panel id): numbering that panel's seq


@dataclass
class Backend:
    """An open connection plus what differs between databases."""

    kind: str  # "sqlite" or "postgresql"
    connection: Any
    errors: tuple[type[BaseException], ...]
    label: str  # how messages name the store (a path, or a URL without its password)
    beside: bool = False  # this write is a save running beside others (PostgreSQL's single saves)

    @property
    def sql(self) -> Statements:
        return STATEMENTS[self.kind]

    def execute(self, statement: str, params: Any = None) -> Any:
        return self.connection.execute(statement, params) if params is not None else self.connection.execute(statement)

    def executemany(self, statement: str, rows: Any) -> None:
        cursor = self.connection.cursor()
        cursor.executemany(statement, rows)

    def first_row(self, cursor: Any) -> Callable[[], Any]:
        """How to read ``cursor``'s first row: SQLite's now (a statement left unread holds its commit back),
        PostgreSQL's when asked, which may be after a save's commit (``writing``)."""
        if self.kind == "sqlite":
            row = cursor.fetchone()
            return lambda: row
        return cursor.fetchone

    def begin_write(self, save: bool) -> None:
        """Start a transaction that holds the store's write lock until it ends.

        SQLite has one writer at a time. On PostgreSQL every write but a save of one record (undo,
        merge, imports, migrations) takes the store lock exclusive, alone; a save takes it shared
        (``writing``), so that saves from several laptops run side by side, and commit in any order
        (the live views follow them by transaction: ``sql.Dialect.settled``).
        """
        self.beside = save and self.kind == "postgresql"  # SQLite: one writer at a time
        if self.kind == "sqlite":
            self.connection.execute("BEGIN IMMEDIATE")
        elif save:  # its own round trip: a connection found lost here is opened again, nothing yet sent
            self.connection.execute("BEGIN")
        else:
            self.connection.execute(f"BEGIN; SELECT pg_advisory_xact_lock({WRITE_LOCK})")  # one round trip

    @contextmanager
    def writing(self, save: bool) -> Iterator[None]:
        """The statements of a write up to and with its ``COMMIT``: a PostgreSQL save sends them together.

        In psycopg's pipeline the server runs them one after the other without waiting for this
        process between them, so the locks a save takes are held for the server's work only; the
        answers are read at the end (a statement whose rows are needed before is answered then).
        """
        if self.kind == "sqlite" or not save:
            yield
            return
        with self.connection.pipeline():
            self.connection.execute("SELECT pg_advisory_xact_lock_shared(%s)", (WRITE_LOCK,))
            yield

    def number_in(self, panel: int) -> None:
        """Take ``panel``'s lock before numbering a ``seq`` in it (PostgreSQL saves side by side).

        Two saves numbering the same panel at once would both take its last ``seq`` + 1; saves in
        other panels go on. Released with the commit.
        """
        if self.beside:
            self.connection.execute("SELECT pg_advisory_xact_lock(%s, %s)", (WRITE_LOCK, panel))

    def tables(self) -> set[str]:
        return {r["name"] for r in self.connection.execute(self.sql.dialect.tables).fetchall()}

    def close(self) -> None:
        self.connection.close()


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
    return Backend("sqlite", connection, (sqlite3.Error,), path)


OLDEST_POSTGRESQL = 130000  # pg_current_xact_id() and pg_snapshot_xmin(), used by schema 5, came in 13


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
    version = connection.info.server_version  # e.g. 150018 for 15.18
    if version < OLDEST_POSTGRESQL:
        connection.close()
        raise StoreError(
            f"store {label}: PostgreSQL {version // 10000} is too old; hlmnotes needs PostgreSQL"
            f" {OLDEST_POSTGRESQL // 10000} or newer (its history rows carry their transaction's id)"
        )
    return Backend("postgresql", connection, (psycopg.Error,), label)
