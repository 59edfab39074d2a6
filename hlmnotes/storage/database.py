"""A store's connection: opening it, its schema and migrations, transactions and reads.

Every write runs in one short transaction under the write lock (``write``): SQLite's single writer
(WAL, ``synchronous=FULL``, ``BEGIN IMMEDIATE`` with a busy timeout), or on PostgreSQL the locks
``backends.Backend.begin_write`` takes. A lost PostgreSQL connection is opened again by the next
action. The tables' own operations are objects that each hold this one (``store.Store`` composes them).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any, TypeVar

from ..errors import StoreError
from .backends import Backend, advice, open_backend
from .schema import SCHEMA_VERSION
from .sql import Statements

T = TypeVar("T")


class Database:
    """One open store: the connection, its transactions and the reads every table shares."""

    def __init__(self, target: str | Path = ":memory:", *, create: bool = True, read_only: bool = False):
        """Open the store at ``target``; only ``create=True`` (what ``init`` does) may create its tables.

        Without it an empty file or database is refused rather than given a schema: a read command
        pointed at the wrong PostgreSQL database (``template1``, say) must leave it as it was.
        ``read_only`` (a store being merged from) opens it so that nothing can write to it: an older
        schema is read as it is, never migrated.
        """
        self.target = str(target)
        self.read_only = read_only
        self._backend: Backend = open_backend(self.target, create=create and not read_only, read_only=read_only)
        self._db = self._backend.connection
        self._lock = threading.RLock()
        self._depth = 0  # nesting of write: writes inside transaction() join its one transaction
        try:
            self._prepare(create and not read_only)
        except self._backend.errors as exc:
            self._backend.close()
            raise StoreError(f"store {self.label} cannot be opened: {exc}; {advice(exc)}") from exc
        except StoreError:
            self._backend.close()
            raise
        journal = self.sql.dialect.journal_mode
        self.journal_mode = self.scalar(journal) if journal else "postgresql"

    @property
    def kind(self) -> str:
        return self._backend.kind

    @property
    def label(self) -> str:
        return self._backend.label

    @property
    def sql(self) -> Statements:
        """The store's statements in its database's dialect."""
        return self._backend.sql

    def _prepare(self, create: bool) -> None:
        tables = self._backend.tables()
        if not tables and not create:
            raise StoreError(
                f"store {self.label} is empty: it has no hlmnotes tables; create them with"
                f" `hlmnotes --store {self.label} init --programme FILE`, or name another store"
            )
        if not tables:
            with self.write() as db:
                if "meta" not in self._backend.tables():  # another process may have just created it
                    self._run(db, db.sql.schema)
                    db.execute(db.sql.first_version)
        elif "meta" not in tables or "interventions" not in tables:
            raise StoreError(f"store {self.label} is a database but not an hlmnotes store; name another store")
        version = int(self.meta("schema_version") or 0)
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"store {self.label} has schema version {version}, newer than this hlmnotes ({SCHEMA_VERSION});"
                " upgrade hlmnotes to open it"
            )
        self.schema_version = version
        if version < SCHEMA_VERSION and not self.read_only:
            self._migrate()
            self.schema_version = SCHEMA_VERSION

    def _run(self, db: Backend, statements: Sequence[str]) -> None:
        for statement in statements:
            db.execute(statement)

    def _migrate(self) -> None:
        """Bring an older store up to this version, all steps in one transaction (all or nothing)."""
        with self.write() as db:
            # Read again under the write lock: another rapporteur's kernel may have migrated it meanwhile.
            version = int(db.execute(db.sql.meta, ("schema_version",)).fetchone()["value"])
            for step in range(version + 1, SCHEMA_VERSION + 1):
                self._run(db, db.sql.migrations[step])
            db.execute(db.sql.set_meta, ("schema_version", str(max(version, SCHEMA_VERSION))))

    def close(self) -> None:
        self._backend.close()

    # -- transactions -------------------------------------------------------------------------

    def _lost(self) -> bool:
        """True when the PostgreSQL connection is gone (a server restart, a network cut): psycopg marks it closed."""
        return self.kind == "postgresql" and bool(self._backend.connection.closed)

    def _connected(self) -> Backend:
        """The backend, re-opened first if its connection was lost: the next action after a server
        restart works again, without restarting the kernel or the command."""
        if self._lost():
            with suppress(Exception):
                self._backend.close()
            self._backend = open_backend(self.target, create=False, read_only=self.read_only)
            self._db = self._backend.connection
        return self._backend

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Several writes (and the reads that decide them) as one: all committed when the block ends, or none.

        The write lock is held throughout, so another process's writes wait and see the result.
        """
        with self.write():
            yield

    @contextmanager
    def write(self, *, save: bool = False) -> Iterator[Backend]:
        """One short transaction under the write lock: it commits entirely or leaves the store untouched.

        ``save``: a save of one record, which may run beside others on PostgreSQL (``Backend.writing``).
        """
        with self._lock:
            if self._depth:  # inside transaction(): part of its one transaction
                self._depth += 1
                try:
                    yield self._backend
                finally:
                    self._depth -= 1
                return
            db = self._connected()
            try:
                db.begin_write(save)
            except db.errors as exc:
                if not self._lost():
                    raise StoreError(f"store {self.label}: cannot start a write ({exc}); try again") from exc
                db = self._connected()  # lost before anything was written: open again and start over
                try:
                    db.begin_write(save)
                except db.errors as again:
                    raise StoreError(f"store {self.label}: cannot start a write ({again}); try again") from again
            self._depth = 1
            try:
                with db.writing(save):
                    yield db
                    db.execute("COMMIT")
            except db.errors as exc:
                self._rollback()
                raise StoreError(
                    f"store {self.label}: the write failed and was undone ({exc}); nothing was saved; {advice(exc)}"
                ) from exc
            except BaseException:
                self._rollback()
                raise
            finally:
                self._depth = 0

    def _rollback(self) -> None:
        # SQLite has already rolled back after some errors (a full disk): ROLLBACK would then fail and
        # hide the real error.
        with suppress(*self._backend.errors):
            self._backend.execute("ROLLBACK")

    def _unreadable(self, exc: BaseException) -> StoreError:
        return StoreError(f"store {self.label} cannot be read: {exc}; {advice(exc)}")

    def read(self, sql: str, params: Sequence[Any] | None = None) -> list[Any]:
        """The rows of one statement, read under the lock (see ``reading``)."""
        return self.reading(lambda db: db.execute(sql, params).fetchall())

    def reading(self, read: Callable[[Backend], T]) -> T:
        """``read(db)`` under the lock; repeated once on a fresh connection if the first one was lost."""
        with self._lock:
            try:
                return read(self._connected())
            except self._backend.errors as exc:
                if not self._lost():
                    raise self._unreadable(exc) from exc
            try:  # a read is safe to repeat
                return read(self._connected())
            except self._backend.errors as exc:
                raise self._unreadable(exc) from exc

    def scalar(self, sql: str, params: Sequence[Any] | None = None) -> Any:
        """The first column of the statement's first row, or None when it returns no row."""
        rows = self.read(sql, params)
        return next(iter(dict(rows[0]).values())) if rows else None

    # -- meta ---------------------------------------------------------------------------------

    def meta(self, key: str) -> str | None:
        return self.scalar(self.sql.meta, (key,))

    def set_meta(self, values: dict[str, str]) -> None:
        with self.write() as db:
            db.executemany(db.sql.set_meta, list(values.items()))

    def integrity(self) -> str:
        check = self.sql.dialect.integrity
        return self.scalar(check) if check else "ok"
