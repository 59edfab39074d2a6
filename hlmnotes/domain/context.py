"""What a meeting's records are checked against: its programme, codebook and reference lists.

The ``Workspace`` holds these over a store; the modules below it (import, speakers' list, summary)
take them as one typed value rather than the workspace, so they never reach back into the store.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .codebook import Codebook
from .model import Intervention, validate
from .programme import Programme
from .reference import Reference


@dataclass(frozen=True)
class MeetingContext:
    """A meeting's programme, codebook and reference lists, as one value."""

    programme: Programme
    codebook: Codebook
    reference: Reference

    def validate(self, data: Mapping[str, Any]) -> Intervention:
        """One intervention checked against the programme, codebook and lists (``ValidationError`` names the field)."""
        return validate(data, self.programme, self.codebook, self.reference)
