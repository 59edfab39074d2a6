"""The durable store: every save committed before it returns, history kept, deletions soft.

By default one SQLite file per meeting, in WAL mode with ``synchronous=FULL``; writes take the single
write lock (``BEGIN IMMEDIATE``) and wait on a busy timeout, so several rapporteurs' kernels can write
one file without "database is locked", and what the screen confirms survives a crash. A meeting
shared between laptops uses a PostgreSQL URL instead (``backends.py``), with the same behaviour.
"""

from .drafts import DraftsAndSettings
from .history import History, Undone
from .point_groups import PointGroups
from .speakers_list import SpeakersList

__all__ = ["Store", "Undone"]


class Store(History, SpeakersList, PointGroups, DraftsAndSettings):
    """Interventions, their history, speakers' queues, point groups and unsaved drafts of one meeting.

    Each part is a class of its own over one ``database.Database``: ``records.Records`` (interventions),
    ``history.History`` (undo, changes, merge states), ``speakers_list``, ``point_groups``, ``drafts``.
    """
