"""The one entry object: a meeting's programme, codebook and reference lists over its store.

Everything a rapporteur does goes through a ``Workspace`` so that validation, saving and history are
the same from a widget, the CLI or a test.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from ..analysis import coverage
from ..analysis.reconcile import ProgrammeChanges, diff_programmes, mismatch, mismatch_table, mismatches
from ..domain.codebook import Codebook, load_codebook, parse_codebook
from ..domain.context import MeetingContext
from ..domain.model import Intervention, SavedIntervention
from ..domain.programme import Programme, load_programme, parse_programme
from ..domain.reference import Reference, default_reference
from ..errors import HlmnotesError, ProgrammeChanged, ProgrammeError, StoreError, ValidationError
from ..paths import DEFAULT_MEETING, data_dir, default_store
from ..storage.store import Store, Undone
from .drafting_desk import DraftingDesk, store_file
from .speakers_desk import SpeakersDesk

if TYPE_CHECKING:  # pandas costs ~0.2 s to import: only the commands that build a table pay for it
    import pandas as pd

    from ..domain.regions import Regions
    from ..io.interchange import ImportResult
    from ..storage.live import PanelView
    from ..storage.merge import MergeResult


def default_programme_file() -> Path:
    return data_dir() / DEFAULT_MEETING / "programme.toml"


class Exported(NamedTuple):
    """What ``Workspace.export`` wrote: how many interventions, in which format, and the file's bytes."""

    interventions: int
    fmt: str
    data: bytes


class Workspace:
    """A meeting's store with the programme and codebook it was initialised with.

    Its use cases: here opening, the programme, recording, import and export, unsaved drafts and
    tables; the speakers' list is ``ws.speakers`` (a ``SpeakersDesk``), groups of points, the summary, its check and the
    balance are ``ws.drafting`` (a ``DraftingDesk``). Widgets and the CLI call these, never the store.
    """

    def __init__(self, store: Store, reference: Reference | None = None, regions: Regions | None = None):
        self.store = store
        self.reference = reference or default_reference()
        self._regions = regions
        programme_text = store.db.meta("programme")
        codebook_text = store.db.meta("codebook")
        if programme_text is None or codebook_text is None:
            raise StoreError(
                f"store {store.label} has no programme yet; run `hlmnotes --store {store.label} init --programme FILE`"
            )
        # A programme stored before control characters and bidi controls were refused still opens (``warnings``).
        self.programme: Programme = parse_programme(programme_text, f"{store.label} (stored programme)", strict=False)
        self.codebook: Codebook = parse_codebook(codebook_text, f"{store.label} (stored codebook)")
        # The programme's version this workspace read (``follow_programme``): a save checks it in its
        # transaction, so a kernel opened before an update never saves against the old programme.
        self.programme_version = int(store.db.meta("programme_version") or 1)

    @property
    def store_id(self) -> str:
        """The store's identity, made once with it: a new store at the same path has another one
        (the browser's copy of unsaved text is kept under it). A store too old to have one: its label."""
        return self.store.db.meta("store_id") or self.store.label

    def follow_programme(self) -> bool:
        """Read the programme (and codebook) again if another process updated it since; True when it did."""
        version = int(self.store.db.meta("programme_version") or 1)
        if version == self.programme_version:
            return False
        label = self.store.label
        self.programme = parse_programme(self.store.db.meta("programme") or "", f"{label} (stored programme)", strict=False)
        self.codebook = parse_codebook(self.store.db.meta("codebook") or "", f"{label} (stored codebook)")
        self.programme_version = version
        return True

    @property
    def warnings(self) -> list[str]:
        """What a user is told once on opening: a stored programme whose text holds characters now refused."""
        stripped = self.programme.stripped
        if not stripped:
            return []
        more = f" and {len(stripped) - 1} other field{'s' if len(stripped) > 2 else ''}" if len(stripped) > 1 else ""
        return [
            f"{self.label}: the stored programme holds control characters, terminal escapes or bidi overrides in"
            f" {stripped[0]}{more}; they are left out of what is shown and written. Remove them from the programme"
            " file and run `hlmnotes programme update FILE`"
        ]

    @property
    def context(self) -> MeetingContext:
        """The programme, codebook and reference lists as one value: what the lower modules check records against."""
        return MeetingContext(self.programme, self.codebook, self.reference)

    @property
    def regions(self) -> Regions:
        """The five UN regional groups the floor is counted by (``data/reference/regional_groups.toml``)."""
        from ..domain.regions import default_regions  # read only by what counts by region

        return self._regions or default_regions()

    # -- its parts: each made over the store and the meeting as they stand ---------------------------
    # A part is a small object made on each use, as sqlite-utils makes a Table for ``db[name]``: the
    # programme can be replaced (``update_programme``) and the reference lists set, and a part never
    # holds an older one.

    @property
    def speakers(self) -> SpeakersDesk:
        """The speakers' list: ``ws.speakers.queue(panel)``, ``import_file``, ``next``, ``mark_absent``, ``add_late``."""
        return SpeakersDesk(self.store, self.context)

    @property
    def drafting(self) -> DraftingDesk:
        """Groups of points, the summary, its check, the balance: ``ws.drafting.summary(panels)``, ``check``…"""
        return DraftingDesk(self.store, self.context, self.regions)

    # -- opening ------------------------------------------------------------------------------

    @classmethod
    def open(cls, target: str | Path | None = None, *, create: bool | None = None) -> Workspace:
        """Open ``target`` (a path, ``sqlite:///`` URL or ``:memory:``); default: ``HLMNOTES_STORE`` or the 2017 meeting.

        A new store is initialised with the embedded 2017 meeting when ``create`` is true (the default
        when no target is named), so the workbench starts with nothing to configure.
        """
        named = target is not None
        target = str(target) if named else default_store()
        if create is None:
            create = not named or target == ":memory:"
        store = Store(target, create=create)
        if store.db.meta("programme") is None:
            if not create:
                store.close()
                raise StoreError(
                    f"store {store.label} has no programme yet; run `hlmnotes --store {store.label} init --programme FILE`"
                )
            cls._initialise(store, default_programme_file())
        return cls(store)

    @classmethod
    def init(cls, target: str | Path, programme_file: str | Path, codebook_file: str | Path | None = None) -> Workspace:
        """Create a store for the meeting in ``programme_file``; refuses to re-initialise a store with records."""
        meeting = cls._meeting(Path(programme_file), codebook_file)  # a bad file leaves no empty store behind
        store = Store(str(target), create=True)
        held = store.records.count()
        if held or store.records.all_records():
            store.close()
            raise StoreError(
                f"store {store.label} already holds {held} interventions; use `hlmnotes programme update FILE`"
                " to change its programme"
            )
        store.db.set_meta(meeting)
        return cls(store)

    @classmethod
    def _initialise(cls, store: Store, programme_file: Path, codebook_file: str | Path | None = None) -> None:
        store.db.set_meta(cls._meeting(programme_file, codebook_file))

    @staticmethod
    def _meeting(programme_file: Path, codebook_file: str | Path | None = None) -> dict[str, str]:
        """The store's meta entries for a meeting, read and checked from its files."""
        programme = load_programme(programme_file)
        codebook_path = Path(codebook_file) if codebook_file else programme_file.parent / "codebook.toml"
        if not codebook_path.exists() and codebook_file is None:
            codebook_path = default_programme_file().parent / "codebook.toml"
        codebook = load_codebook(codebook_path)
        return {"programme": programme.text, "codebook": codebook.text, "meeting": programme.meeting.id}

    # -- the store, as screens and messages name it ---------------------------------------------

    @property
    def label(self) -> str:
        """The store as people see it: a path, or a URL with its password shown as ``***``."""
        return self.store.label

    @property
    def target(self) -> str:
        """The store as it was opened (path, URL or ``:memory:``), secrets included: a key, never shown."""
        return self.store.db.target

    @property
    def store_file(self) -> Path | None:
        """The SQLite file that holds the records; None for a PostgreSQL or in-memory store (no file to mind)."""
        return store_file(self.store)

    def count(self) -> int:
        """How many interventions are recorded (deleted ones not counted)."""
        return self.store.records.count()

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the programme ------------------------------------------------------------------------

    def programme_changes(self, programme_file: str | Path) -> ProgrammeChanges:
        """What replacing the programme by ``programme_file`` would change, which records each change
        touches, and why an update would be refused, without changing anything (``hlmnotes programme diff``)."""
        new = load_programme(programme_file)
        return diff_programmes(self.programme, new, self.records(), kept=self.store.records.all_records())

    def update_programme(self, programme_file: str | Path) -> ProgrammeChanges:
        """Replace the programme, refusing any change that would orphan a stored record (deleted ones
        included: an undo must not bring back a record of a panel or question that no longer exists).

        Returns what changed and the podium records the new programme does not list, so the update
        can say so: the records are kept as recorded (they say who actually spoke).
        """
        changes = self.programme_changes(programme_file)
        if changes.refused:
            raise ProgrammeError(f"{programme_file}: not applied: {changes.refusal}")
        with self.store.db.transaction():  # the version read and raised under the lock every save checks
            version = int(self.store.db.meta("programme_version") or 1) + 1
            self.store.db.set_meta(
                {"programme": changes.new.text, "meeting": changes.new.meeting.id, "programme_version": str(version)}
            )
        self.programme, self.programme_version = changes.new, version
        return changes

    def mismatch(self, record: Intervention) -> str | None:
        """The warning line for a chair or panellist record that names someone the programme does not list."""
        return mismatch(record, self.programme)

    def mismatches(self, records: Sequence[Intervention] | None = None) -> list[str]:
        """Warning lines for every podium record (of ``records``, default all) that disagrees with the programme."""
        return [line for _, line in self.mismatched(records)]

    def mismatched(self, records: Sequence[Intervention] | None = None) -> list[tuple[Intervention, str]]:
        """The podium records (of ``records``, default all) that disagree with the programme, each with its warning."""
        return mismatches(self.records() if records is None else records, self.programme)

    # -- recording ----------------------------------------------------------------------------

    def validate(self, data: Mapping[str, Any]) -> Intervention:
        return self.context.validate(data)

    def save(
        self,
        data: Mapping[str, Any],
        *,
        expected_version: int | None = None,
        inscribed: int | None = None,
        draft: str | None = None,
        entry: str | None = None,
    ) -> SavedIntervention:
        """Validate and commit one intervention: new when it has no id, else a new version of that id.

        ``inscribed`` marks that speakers'-list position as spoken and ``draft`` clears that unsaved
        draft, both in the save's own transaction. ``entry`` is the Recorder's entry's identity: one
        entry makes one record, whatever the tabs (``AlreadySaved``). The record is validated against
        the programme the store holds when the save commits: if another process updated it since this
        workspace read it, the programme is read again and the record validated again (refused or
        warned exactly as by a workspace opened now), then saved.
        """
        for attempt in (1, 2):
            record = self.validate(data)
            version = self.programme_version
            try:
                if record.id is None:
                    return self.store.records.insert(
                        record, inscribed=inscribed, draft=draft, entry=entry, programme=version
                    )
                return self.store.records.update(
                    record, expected_version=expected_version, draft=draft, programme=version
                )
            except ProgrammeChanged:
                if attempt == 2:
                    raise
                self.follow_programme()
        raise AssertionError("unreachable")  # the loop returns or raises

    def revise(self, intervention_id: int, **changes: Any) -> SavedIntervention:
        """Change some fields of a saved intervention, keeping the rest."""
        current = self.store.records.get(intervention_id).to_row()
        unknown = set(changes) - set(current)
        if unknown:
            raise ValidationError(f"cannot change {', '.join(sorted(unknown))}: not an intervention field")
        return self.save(current | changes)

    def tag(
        self, ids: Sequence[int], *, add: Sequence[str] = (), remove: Sequence[str] = (), by: str = ""
    ) -> list[SavedIntervention]:
        """Add and remove themes (ids or labels) on many interventions in one transaction; returns those changed."""
        self.follow_programme()  # validated against the programme the store holds (checked again as it commits)
        if not ids:
            raise ValidationError("choose one or more records first", field="records")
        add_ids = [self.codebook.resolve(t) for t in add]
        remove_ids = {self.codebook.resolve(t) for t in remove}
        updates = []
        for record in (self.store.records.get(int(i)) for i in ids):
            themes = [t for t in record.themes if t not in remove_ids]
            themes += [t for t in add_ids if t not in themes]
            if tuple(themes) != record.themes:
                updates.append(self.validate(record.to_row() | {"themes": ";".join(themes)}))
        return self.store.records.apply([], updates, by=by, programme=self.programme_version) if updates else []

    def delete(self, intervention_id: int, *, by: str = "") -> SavedIntervention:
        return self.store.records.delete(intervention_id, by=by)

    def undo(self, *, by: str = "") -> str:
        return self.store.history.undo(by=by)

    def undo_entry(self, *, by: str = "") -> Undone:
        return self.store.history.undo_entry(by=by)

    def record(self, intervention_id: int, *, deleted: bool = False) -> SavedIntervention:
        """One stored intervention by id (``deleted=True`` also finds a deleted one)."""
        return self.store.records.get(intervention_id, deleted=deleted)

    def export(self, output: str | Path | None = None, *, fmt: str | None = None, panel: int | None = None) -> Exported:
        """The live records (of ``panel``, default all) as CSV, XLSX or JSON, written to ``output`` when given.

        ``fmt`` defaults to ``output``'s extension, else csv; a name that says another format, an unknown
        extension, the store's own file, a folder, a device or a pipe is refused before anything is read.
        The file is written beside ``output`` and renamed over it, so a failed export leaves no half file.
        """
        from ..io import formats, interchange

        named = Path(output).suffix.lstrip(".").lower() if output else ""
        if fmt and named in formats.FORMATS and named != fmt:
            raise HlmnotesError(f"{output}: the name ends in .{named} but --format is {fmt}; make them agree")
        fmt = fmt or (formats.format_of(output) if output and named else "csv")
        if output:
            # a device, pipe, folder or the store's own files are refused before any work
            interchange.output_file(output, interchange.kept_files(self.store_file), "export")
        records = self.records(panel)
        data = interchange.write_interventions(records, fmt)
        if output:
            interchange.write_file(data, output)
        return Exported(len(records), fmt, data)

    def import_interventions(self, path: str | Path, *, rapporteur: str = "", as_new: bool = False) -> ImportResult:
        """Validate every row of a CSV, XLSX or JSON file, then save them all in one transaction (see
        ``interchange.import_interventions``); ``rapporteur`` fills rows that name none."""
        from ..io import interchange

        self.follow_programme()  # rows validated against the programme the store holds now
        return interchange.import_interventions(self.store, self.context, path, rapporteur=rapporteur, as_new=as_new)

    def merge(self, source: Store | str | Path, *, by: str = "merge") -> MergeResult:
        """Bring another store's records and accepted groups of this meeting into this one, in one
        transaction; conflicting edits are listed, not applied. A store named by path or URL is opened
        read-only for the merge (never migrated or written)."""
        from ..storage.merge import merge_store

        if isinstance(source, Store):
            return merge_store(self.store, self.context, source, by=by)
        with closing(Store(str(source), create=False, read_only=True)) as other:
            return merge_store(self.store, self.context, other, by=by)

    # -- unsaved drafts -------------------------------------------------------------------------

    def draft(self, key: str) -> dict[str, Any] | None:
        """What a rapporteur typed but did not save under ``key``, or None."""
        return self.store.drafts.get(key)

    def keep_draft(self, key: str, data: dict[str, Any], *, entry: str | None = None) -> None:
        """Keep an unsaved draft; refused (``AlreadySaved``) when ``entry`` (the Recorder's entry) is a record."""
        self.store.drafts.save(key, data, entry=entry)

    def saved_as(self, entry: str) -> int | None:
        """The record the Recorder's entry ``entry`` was saved as, from this tab or any other, or None."""
        return self.store.drafts.saved_as(entry)

    def clear_draft(self, key: str) -> None:
        self.store.drafts.clear(key)

    def remembered_rapporteur(self) -> str:
        """The rapporteur's name last typed in this store ("" if none): the views offer it next time."""
        saved = self.store.settings.get("rapporteur") or {}
        return str(saved.get("name", ""))

    def remember_rapporteur(self, name: str) -> None:
        self.store.settings.set("rapporteur", {"name": " ".join(name.split())})

    # -- following the room (the Chair's view, live screens) ------------------------------------

    def revision(self) -> int:
        """A number that grows with every saved change: poll it to see anyone's saves."""
        return self.store.history.revision()

    def panel_view(self, panel: int | None) -> PanelView:
        """The panel's records (None: every panel's), kept current incrementally (``refresh()`` after a
        ``revision`` change)."""
        from ..storage.live import PanelView  # pandas: only for the screens that show a table

        return PanelView(self.store, panel)

    # -- tables -------------------------------------------------------------------------------

    def records(self, panel: int | None = None) -> list[SavedIntervention]:
        return self.store.records.interventions(panel)

    def interventions(self, panel: int | None = None) -> pd.DataFrame:
        from ..analysis import tables

        return tables.interventions(self.records(panel))

    def points(self, panel: int | None = None) -> pd.DataFrame:
        from ..analysis import tables

        return tables.points(self.records(panel))

    def stats(self) -> dict[str, pd.DataFrame]:
        """The coverage tables a rapporteur checks before handing notes to the Chair's staff, as frames."""
        from ..analysis import tables

        return {title: tables.frame(table) for title, table in self._coverage(self.records()).items()}

    def stats_report(self) -> str:
        """What ``hlmnotes stats`` prints: the same tables as text, without importing pandas."""
        records = self.records()
        return coverage.report(self.programme.meeting.id, len(records), self._coverage(records))

    def _coverage(self, records: Sequence[Intervention]) -> dict[str, coverage.Table]:
        matrices = {
            f"themes by question, panel {p.id}": coverage.tagged(
                coverage.theme_by_question(records, self.programme, self.codebook, p.id)
            )
            for p in self.programme.panels
        }
        per_question = coverage.speakers_per_question(records, self.programme)
        return {
            "speakers per question": per_question,
            **matrices,
            "time by category": coverage.time_by_category(records),
            "overruns": coverage.overruns(records, self.programme),
            "questions nobody addressed": coverage.unaddressed(per_question),
            "open mismatches with the programme": mismatch_table(records, self.programme),
        }
