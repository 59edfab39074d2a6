"""One family of errors, so the CLI and the widgets can show any of them as one line.

Every message says where (file, row, field), what was received and what to do; the CLI prints it
after ``error:`` and exits with status 2.
"""

from __future__ import annotations


class HlmnotesError(Exception):
    """Base of every error hlmnotes raises on purpose."""


class ProgrammeError(HlmnotesError):
    """A programme, codebook or reference file is missing, malformed or inconsistent."""


class ValidationError(HlmnotesError):
    """A record (an intervention, a speaker, a row of an import) breaks a rule of the meeting."""

    def __init__(self, message: str, *, field: str | None = None, row: int | None = None):
        super().__init__(message)
        self.field = field
        self.row = row

    @property
    def problem(self) -> str:
        """The message without its leading ``field:``, for callers that name the field their own way."""
        message = str(self)
        return message[len(self.field) + 2 :] if self.field and message.startswith(f"{self.field}: ") else message

    def at(self, source: object, place: str) -> ValidationError:
        """The same error located in a file: ``<file>: row N, column X: <problem>``, the column named once."""
        column = f", column {self.field}" if self.field else ""
        return ValidationError(f"{source}: {place}{column}: {self.problem}", field=self.field, row=self.row)


class StoreError(HlmnotesError):
    """The store cannot be opened or written; nothing was changed."""


class NotFoundError(HlmnotesError):
    """A record the caller named does not exist in the store."""


class ConflictError(HlmnotesError):
    """A change was made against an out-of-date version of a record and was refused."""


class AlreadySaved(ConflictError):
    """The Recorder's entry (by its identity) is already a record: one speech, one record, whatever the tabs.

    ``intervention_id`` is that record; a second save, or a draft written for the saved entry, is refused."""

    def __init__(self, intervention_id: int):
        super().__init__(
            f"Already saved as #{intervention_id} in another tab: nothing was saved again. Edit #{intervention_id}"
            " to add to it (choose it under Earlier, press Edit), or press New entry for the next speaker"
        )
        self.intervention_id = intervention_id


class ProgrammeChanged(StoreError):
    """The programme was updated in the store after this workspace read it: validate again and retry.

    Raised inside a save's transaction, before anything is written; ``version`` is the stored one."""

    def __init__(self, version: int):
        super().__init__(f"the programme was updated (version {version}) since this workspace read it")
        self.version = version
