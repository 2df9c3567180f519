"""Checklist items (visa, immunization, document, travel)."""

from sqlite_utils import Database

from tracker.domain.checklists import ITEM_CHECKS, ChecklistItem
from tracker.store import rows


def add_item(db: Database, item: ChecklistItem) -> int:
    return rows.insert(db, "checklist_items", item, ITEM_CHECKS)


def list_items(db: Database) -> list[ChecklistItem]:
    # Open items first, soonest due first; undated open items after dated ones.
    return rows.select(
        db,
        ChecklistItem,
        """SELECT * FROM checklist_items
           ORDER BY done_on IS NOT NULL, coalesce(due_on, '9999'), category, title""",
    )
