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
