"""Visa, immunization, document and travel checklist items, and whether each done item is
still valid for the whole block it serves (D1, D2, V1-V4)."""

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from tracker.domain.checks import (
    DATE,
    LONG_TEXT,
    REQUIRED_NAME,
    SHORT_TEXT,
    Check,
    InvalidValues,
    field_texts,
    first_errors,
    max_length,
)


class ChecklistCategory(StrEnum):
    VISA = "visa"
    IMMUNIZATION = "immunization"
    DOCUMENT = "document"
    TRAVEL = "travel"
    OTHER = "other"


class ItemStatus(StrEnum):
    TODO = "todo"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    NOT_NEEDED = "not_needed"


STATUS_LABELS = {
    ItemStatus.TODO: "to do",
    ItemStatus.IN_PROGRESS: "in progress",
    ItemStatus.DONE: "done",
    ItemStatus.NOT_NEEDED: "not needed",
}

# Validity rules an item may carry ('' for none):
#   "within:365"  done (the test taken) at most 365 days before the block starts, and
#                 still within 365 days on its last day;
#   "block"       valid_until on or after the block's last day;
#   "season"      an influenza vaccine, good for the season (1 Aug - 31 Jul) it was given in.
VALIDITY_LABELS = {
    "": "none",
    "within:365": "within 12 months",
    "block": "valid through the block",
    "season": "this flu season",
}
SEASON_STARTS = (8, 1)  # the northern flu season's vaccine year: 1 August


@dataclass(frozen=True)
class ChecklistItem:
    id: int | None = None
    category: str = ChecklistCategory.DOCUMENT
    title: str = ""
    rotation_id: int | None = None
    status: str = ItemStatus.TODO
    due_on: str | None = None
    done_on: str | None = None
    valid_until: str | None = None
    validity: str = ""
    scan_path: str = ""
    rule_id: str = ""
    notes: str = ""

    @property
    def done(self) -> bool:
        return self.status == ItemStatus.DONE

    @property
    def settled(self) -> bool:
        """Done, or not needed: nothing left to do."""
        return self.status in (ItemStatus.DONE, ItemStatus.NOT_NEEDED)


def check_validity(text: str) -> str | None:
    """'' (none), 'block', 'season' or 'within:N' days."""
    kind, _, days = text.partition(":")
    if text in ("", "block", "season") or (kind == "within" and days.isdigit()):
        return None
    return "a validity rule: block, season or within:DAYS"


# Field checks, the same for forms, imports and the store.
ITEM_CHECKS: dict[str, tuple[Check, ...]] = {
    "validity": (check_validity,),
    "title": REQUIRED_NAME,
    "due_on": DATE,
    "done_on": DATE,
    "valid_until": DATE,
    "scan_path": (max_length(4096),),
    "rule_id": SHORT_TEXT,
    "notes": LONG_TEXT,
}


def _season_of(day: date) -> int:
    """The year its flu season started: 2026 for 15 Nov 2026 and for 3 Mar 2027."""
    return day.year if (day.month, day.day) >= SEASON_STARTS else day.year - 1


def _season_end(season: int) -> date:
    return date(season + 1, *SEASON_STARTS) - timedelta(days=1)


def expiry(item: ChecklistItem) -> date | None:
    """The last day a done item counts, by its validity rule or valid_until; None: no end."""
    ends = []
    if item.valid_until:
        ends.append(date.fromisoformat(item.valid_until))
    if item.done_on:
        done = date.fromisoformat(item.done_on)
        if item.validity.startswith("within:"):
            ends.append(done + timedelta(days=int(item.validity.split(":")[1])))
        elif item.validity == "season":
            ends.append(_season_end(_season_of(done)))
    return min(ends) if ends else None


@dataclass(frozen=True)
class Expiring:
    """A done item that does not cover its whole block, and the date that makes it so."""

    before_block: bool  # else it expires during the block
    on: date

    def describe(self) -> str:
        when = "before the block" if self.before_block else "during the block"
        return f"expires {when} ({self.on.day} {self.on:%b %Y})"

    def short(self) -> str:
        """For a table cell: 'before block · 24 Aug 2026'."""
        return (
            f"{'before' if self.before_block else 'during'} block · {self.on.day} {self.on:%b %Y}"
        )


def expiring(item: ChecklistItem, starts: date | None, ends: date | None) -> Expiring | None:
    """Whether a done item stays valid from the block's first day to its last."""
    if not item.done or starts is None:
        return None
    last = expiry(item)
    if item.validity == "block" and item.valid_until is None:
        return None  # no date to judge by
    if last is None:
        return None
    if last < starts:
        return Expiring(before_block=True, on=last)
    if ends is not None and last < ends:
        return Expiring(before_block=False, on=last)
    return None


# A block's status after which its checklist asks nothing more of the user.
CLOSED_STATUSES = frozenset({"denied", "declined", "withdrawn", "completed"})


@dataclass(frozen=True)
class BlockDates:
    """What an item's due date depends on: its block's status and dates (no block: the
    user's own list)."""

    status: str = ""
    starts_on: str | None = None
    ends_on: str | None = None
    accepted_on: str | None = None  # the decision date of an accepted application


def due_now(item: ChecklistItem, today: date, block: BlockDates | None = None) -> str | None:
    """When the item is due as of today, or None when it is not due at all: settled, or
    its block is over (ended, completed, denied, declined, withdrawn). Once the block is
    accepted, an item whose date counted back from the application deadline and passed
    before the acceptance counts back from the block instead: due by its first day."""
    if item.settled or item.due_on is None:
        return None
    if block is None:
        return item.due_on
    if block.status in CLOSED_STATUSES or (block.ends_on and block.ends_on < today.isoformat()):
        return None
    accepted = block.accepted_on or today.isoformat()
    if (
        block.status == "accepted"
        and block.starts_on
        and item.due_on < min(accepted, block.starts_on)
    ):
        return block.starts_on
    return item.due_on


def is_overdue(item: ChecklistItem, today: date, block: BlockDates | None = None) -> bool:
    due = due_now(item, today, block)
    return due is not None and due < today.isoformat()


def item_from_values(values: dict[str, str], rotation_id: int | None) -> ChecklistItem:
    """An item from form text; InvalidValues names each refused field."""
    if errors := first_errors(values, ITEM_CHECKS):
        raise InvalidValues(errors)
    status = values.get("status") or ItemStatus.TODO
    done_on = values.get("done_on") or None
    if status == ItemStatus.DONE and done_on is None:
        raise InvalidValues({"done_on": "a done item needs the date it was done"})
    return ChecklistItem(
        category=values.get("category") or ChecklistCategory.DOCUMENT,
        title=values["title"],
        rotation_id=rotation_id,
        status=status,
        due_on=values.get("due_on") or None,
        done_on=done_on,
        valid_until=values.get("valid_until") or None,
        validity=values.get("validity", ""),
        scan_path=values.get("scan_path", "").strip(),
        rule_id=values.get("rule_id", "").strip(),
        notes=values.get("notes", ""),
    )


def item_values(item: ChecklistItem) -> dict[str, str]:
    """The form's text for an item."""
    return field_texts(item, leave_out=("id", "rotation_id"))
