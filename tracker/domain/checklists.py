"""Visa, immunization, document and travel checklist items."""

from dataclasses import dataclass
from enum import StrEnum

from tracker.domain.checks import DATE, LONG_TEXT, REQUIRED_NAME, SHORT_TEXT, Check


class ChecklistCategory(StrEnum):
    VISA = "visa"
    IMMUNIZATION = "immunization"
    DOCUMENT = "document"
    TRAVEL = "travel"


@dataclass(frozen=True)
class ChecklistItem:
    id: int | None = None
    category: str = ChecklistCategory.DOCUMENT
    title: str = ""
    rotation_id: int | None = None
    due_on: str | None = None
    done_on: str | None = None
    valid_until: str | None = None
    rule_id: str = ""
    notes: str = ""

    @property
    def done(self) -> bool:
        return self.done_on is not None


# Field checks, the same for forms, imports and the store.
ITEM_CHECKS: dict[str, tuple[Check, ...]] = {
    "title": REQUIRED_NAME,
    "due_on": DATE,
    "done_on": DATE,
    "valid_until": DATE,
    "rule_id": SHORT_TEXT,
    "notes": LONG_TEXT,
}
