"""Form fields for a checklist item, with the domain's checks."""

from tracker.domain.checklists import (
    ITEM_CHECKS,
    STATUS_LABELS,
    VALIDITY_LABELS,
    ChecklistCategory,
)
from tracker.ui.format import label
from tracker.ui.modals.form import Field

ITEM_FIELDS = [
    Field("title", "Item *", ITEM_CHECKS["title"]),
    Field("category", "Category", choices=tuple((label(c), c.value) for c in ChecklistCategory)),
    Field("status", "Status", choices=tuple((text, s.value) for s, text in STATUS_LABELS.items())),
    Field("due_on", "Due", ITEM_CHECKS["due_on"], placeholder="YYYY-MM-DD"),
    Field("done_on", "Done on", ITEM_CHECKS["done_on"], placeholder="YYYY-MM-DD"),
    Field("valid_until", "Valid until", ITEM_CHECKS["valid_until"], placeholder="YYYY-MM-DD"),
    Field(
        "validity",
        "Must be valid",
        choices=tuple((text, value) for value, text in VALIDITY_LABELS.items()),
    ),
    Field("scan_path", "Scan (file path)", ITEM_CHECKS["scan_path"], placeholder="~/Documents/…"),
    Field("rule_id", "Rule", ITEM_CHECKS["rule_id"], placeholder="e.g. D1"),
    Field("notes", "Notes", ITEM_CHECKS["notes"]),
]
