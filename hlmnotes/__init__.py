"""hlmnotes: record a UN meeting's interventions by panel question and draft the Chair's summary."""

from .app.workspace import Workspace
from .domain.model import CATEGORIES, COLUMNS, FLAGS, Intervention, SavedIntervention
from .domain.programme import Programme, load_programme
from .errors import ConflictError, HlmnotesError, NotFoundError, ProgrammeError, StoreError, ValidationError

__all__ = [
    "CATEGORIES", "COLUMNS", "FLAGS", "ConflictError", "HlmnotesError", "Intervention", "NotFoundError",
    "ProgrammeError", "Programme", "SavedIntervention", "StoreError", "ValidationError", "Workspace",
    "load_programme",
]  # fmt: skip
__version__ = "0.1.0"
