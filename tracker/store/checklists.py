"""Checklist items (visa, immunization, document, travel, other), grouped by the rotation
they serve or the user's own list, and the templates applied to either."""

from collections import Counter
from dataclasses import dataclass, replace
from datetime import date

from tracker.domain.checklist_templates import TEMPLATES, items_for
from tracker.domain.checklists import (
    CLOSED_STATUSES,
    ITEM_CHECKS,
    BlockDates,
    ChecklistItem,
    ItemStatus,
    is_overdue,
)
from tracker.domain.text import fold
from tracker.store import rows
from tracker.store.db import Database
from tracker.store.programs import PLACE

_SETTLED = "status IN ('done', 'not_needed')"
# The user's own documents and vaccines: one of each, shown in every block's list and
# judged there against that block's dates.
_SHARED = "(rotation_id IS NULL AND category IN ('document', 'immunization'))"
_UNDER_WAY = "('preparing', 'applied', 'waitlisted', 'offered', 'accepted')"


@dataclass(frozen=True)
class Group:
    """The user's own items (rotation_id None) or one rotation's, with their progress."""

    rotation_id: int | None
    name: str
    starts_on: str | None
    ends_on: str | None
    rotation_status: str
    total: int
    settled: int
    overdue: int
    decision_on: str | None = None

    @property
    def key(self) -> str:
        return str(self.rotation_id) if self.rotation_id else "mine"

    @property
    def block(self) -> BlockDates | None:
        """What its items' due dates depend on (None: the user's own list)."""
        if self.rotation_id is None:
            return None
        return BlockDates(self.rotation_status, self.starts_on, self.ends_on, self.decision_on)


def groups(db: Database, today: str) -> list[Group]:
    """The user's own list first, then each rotation that has items or is under way
    (preparing to accepted), soonest block first. A block counts the user's own
    documents and vaccines with its items (its list shows them)."""
    counts = {
        rotation_id: (total, settled or 0)
        for rotation_id, total, settled in db.execute(
            f"""SELECT rotation_id, count(*), sum({_SETTLED})
                FROM checklist_items GROUP BY rotation_id"""
        )
    }
    shared_total, shared_settled = db.execute(
        f"SELECT count(*), coalesce(sum({_SETTLED}), 0) FROM checklist_items WHERE {_SHARED}"
    ).fetchone()
    found = [Group(None, "Mine", None, None, "", *counts.get(None, (0, 0)), 0)]
    for rotation_id, name, starts_on, ends_on, status, decided in db.execute(
        f"""SELECT rotations.id, {PLACE}, rotations.starts_on, rotations.ends_on,
                   rotations.status, rotations.decision_on
            FROM rotations JOIN programs ON programs.id = rotations.program_id
            WHERE rotations.status IN {_UNDER_WAY}
               OR rotations.id IN (SELECT rotation_id FROM checklist_items)
            ORDER BY rotations.starts_on IS NULL, rotations.starts_on, rotations.id"""
    ):
        total, settled = counts.get(rotation_id, (0, 0))
        found.append(
            Group(
                rotation_id,
                name,
                starts_on,
                ends_on,
                status,
                total + shared_total,
                settled + shared_settled,
                0,
                decided,
            )
        )
    # Overdue as the domain says (a block that is over asks nothing; an accepted one
    # moves its passed application items to its first day): only the late items are read.
    late = rows.select(
        db,
        ChecklistItem,
        f"SELECT * FROM checklist_items WHERE NOT {_SETTLED} AND due_on < ?",
        [today],
    )
    day = date.fromisoformat(today)
    blocks = {group.rotation_id: group.block for group in found}
    overdue = Counter(
        item.rotation_id for item in late if is_overdue(item, day, blocks.get(item.rotation_id))
    )
    shared = [item for item in late if is_shared(item)]  # a few: counted in each block too
    for group in found[1:]:
        overdue[group.rotation_id] += sum(is_overdue(i, day, group.block) for i in shared)
    return [replace(group, overdue=overdue[group.rotation_id]) for group in found]


def is_shared(item: ChecklistItem) -> bool:
    """One of the user's own documents or vaccines, shown in every block's list."""
    return item.rotation_id is None and item.category in ("document", "immunization")


def _where(rotation_id: int | None, missing_only: bool, text: str) -> tuple[str, list[object]]:
    where = ["rotation_id IS ?" if rotation_id is None else f"(rotation_id = ? OR {_SHARED})"]
    params: list[object] = [rotation_id]
    if missing_only:
        where.append(f"NOT {_SETTLED}")
    if text.strip():
        where.append("(fold(title) LIKE ? OR fold(notes) LIKE ? OR fold(category) LIKE ?)")
        pattern = f"%{fold(text.strip())}%"
        params += [pattern] * 3
    return " AND ".join(where), params


def list_items(
    db: Database,
    rotation_id: int | None,
    missing_only: bool = False,
    text: str = "",
    limit: int | None = None,
    offset: int = 0,
) -> list[ChecklistItem]:
    """One group's items by category, open ones first, soonest due first."""
    where, params = _where(rotation_id, missing_only, text)
    return rows.select(
        db,
        ChecklistItem,
        f"""SELECT * FROM checklist_items WHERE {where}
            ORDER BY CASE category WHEN 'visa' THEN 0 WHEN 'document' THEN 1
                WHEN 'immunization' THEN 2 WHEN 'travel' THEN 3 ELSE 4 END,
                {_SETTLED}, due_on IS NULL, due_on, title, id""",
        params,
        limit=limit,
        offset=offset,
    )


def count_items(
    db: Database, rotation_id: int | None, missing_only: bool = False, text: str = ""
) -> int:
    where, params = _where(rotation_id, missing_only, text)
    return int(
        db.execute(f"SELECT count(*) FROM checklist_items WHERE {where}", params).fetchone()[0]
    )


def every_item(db: Database) -> list[ChecklistItem]:
    """All items of every group (for exports and for checking keyed queries)."""
    return rows.select(db, ChecklistItem, "SELECT * FROM checklist_items ORDER BY id")


def cv_scan_path(db: Database) -> str | None:
    """Where the CV's scan is, from the checklist item for it (for the letter packet)."""
    found = db.execute(
        "SELECT scan_path FROM checklist_items WHERE title LIKE 'CV%' AND scan_path != '' LIMIT 1"
    ).fetchone()
    return str(found[0]) if found else None


def add_item(db: Database, item: ChecklistItem) -> int:
    return rows.insert(db, "checklist_items", item, ITEM_CHECKS)


def update_item(db: Database, item: ChecklistItem) -> None:
    rows.update(db, "checklist_items", item, ITEM_CHECKS)


def get_item(db: Database, item_id: int) -> ChecklistItem | None:
    found = rows.select(db, ChecklistItem, "SELECT * FROM checklist_items WHERE id = ?", [item_id])
    return found[0] if found else None


def delete_item(db: Database, item_id: int) -> None:
    with db.atomic():
        db.execute("DELETE FROM checklist_items WHERE id = ?", [item_id])


def toggle_done(db: Database, item_id: int, today: str) -> ChecklistItem | None:
    """Done (stamped today) <-> to do; one transaction; the item as stored after."""
    with db.atomic():
        item = get_item(db, item_id)
        if item is None:
            return None
        if item.done:
            item = replace(item, status=ItemStatus.TODO, done_on=None)
        else:
            item = replace(item, status=ItemStatus.DONE, done_on=today)
        update_item(db, item)
    return item


def apply_templates(db: Database, names: list[str], rotation_id: int | None) -> int:
    """Add the templates' items to a rotation (due dates from its deadline and start) or
    to the user's own list; titles already there are left out. The person's items go to
    the user's own list once; one there and still open becomes due by the earlier of
    its date and this block's. Returns how many were added."""
    with db.atomic():
        block = db.execute(
            "SELECT starts_on, deadline_on, ends_on FROM rotations WHERE id = ?", [rotation_id]
        ).fetchone()
        starts_on, deadline_on, ends_on = block if block else (None, None, None)
        taken, mine = _titles(db, rotation_id), _titles(db, None)
        items = items_for(names, rotation_id, starts_on, deadline_on, taken, ends_on, mine)
        rows.insert_many(db, "checklist_items", items, ITEM_CHECKS)
        if rotation_id is not None:
            for item in items_for(names, rotation_id, starts_on, deadline_on, taken, ends_on):
                if item.rotation_id is None and item.due_on:
                    db.execute(
                        f"""UPDATE checklist_items SET due_on = ?
                            WHERE rotation_id IS NULL AND lower(title) = lower(?)
                              AND NOT {_SETTLED} AND (due_on IS NULL OR due_on > ?)""",
                        [item.due_on, item.title, item.due_on],
                    )
    return len(items)


def has_template_items(db: Database, rotation_id: int) -> bool:
    """Whether the guide's templates were applied to a rotation: every item they would
    add is on its list, or on the user's own (so acceptance offers them once)."""
    taken, mine = _titles(db, rotation_id), _titles(db, None)
    return not items_for(list(TEMPLATES), rotation_id, None, None, taken, mine=mine)


def _titles(db: Database, rotation_id: int | None) -> set[str]:
    """A group's titles, folded, to leave out what is there already."""
    return {
        str(title).casefold()
        for (title,) in db.execute(
            "SELECT title FROM checklist_items WHERE rotation_id IS ?", [rotation_id]
        )
    }


def next_block(db: Database, today: str) -> tuple[str, str | None] | None:
    """The start and end of the next accepted block not yet over: what the user's own
    items (vaccines, insurance) must be valid for."""
    found = db.execute(
        """SELECT starts_on, ends_on FROM rotations WHERE status = 'accepted'
           AND starts_on IS NOT NULL AND coalesce(ends_on, starts_on) >= ?
           ORDER BY starts_on LIMIT 1""",
        [today],
    ).fetchone()
    return (found[0], found[1]) if found else None


def open_items_due_by(
    db: Database, horizon: str, blocks_open_on: str | None = None
) -> list[ChecklistItem]:
    """Items not settled whose due date is on or before horizon (Today's agenda). With
    blocks_open_on (today), not those of a block over by then, which are never due
    (domain.checklists.due_now says the same): at 100x the demo, 900 items read, most of
    them of ended blocks."""
    closed = ", ".join(f"'{status}'" for status in sorted(CLOSED_STATUSES))
    open_blocks = f"""AND (rotation_id IS NULL OR rotation_id NOT IN (
        SELECT id FROM rotations WHERE status IN ({closed})
        OR (ends_on IS NOT NULL AND ends_on != '' AND ends_on < ?)))"""
    return rows.select(
        db,
        ChecklistItem,
        f"""SELECT * FROM checklist_items WHERE NOT {_SETTLED} AND due_on <= ?
            {open_blocks if blocks_open_on else ""} ORDER BY due_on""",
        [horizon, blocks_open_on] if blocks_open_on else [horizon],
    )
