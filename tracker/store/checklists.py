"""Checklist items (visa, immunization, document, travel)."""

from tracker.domain.checklists import ITEM_CHECKS, ChecklistItem
from tracker.store import rows
from tracker.store.db import Database


def add_item(db: Database, item: ChecklistItem) -> int:
    return rows.insert(db, "checklist_items", item, ITEM_CHECKS)


def open_items_due_by(db: Database, horizon: str) -> list[ChecklistItem]:
    """Items not done whose due date is on or before horizon (Today's agenda)."""
    return rows.select(
        db,
        ChecklistItem,
        "SELECT * FROM checklist_items WHERE done_on IS NULL AND due_on <= ? ORDER BY due_on",
        [horizon],
    )


def list_items(db: Database, limit: int | None = None, offset: int = 0) -> list[ChecklistItem]:
    # Open items first, soonest due first; undated open items after dated ones.
    return rows.select(
        db,
        ChecklistItem,
        """SELECT * FROM checklist_items
           ORDER BY done_on IS NOT NULL, coalesce(due_on, '9999'), category, title, id""",
        limit=limit,
        offset=offset,
    )


def count_items(db: Database) -> int:
    return rows.count(db, "checklist_items")
