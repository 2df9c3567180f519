"""Today's agenda: what is due, overdue or happening, built from the user's records."""

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from tracker.domain.checklists import ChecklistItem, due_now
from tracker.domain.guidance import LOOKAHEAD_DAYS  # one look-ahead for every area
from tracker.domain.journal import DAY_TEXT_FIELDS, JournalDay
from tracker.domain.letters import FollowUp
from tracker.domain.programs import Rotation, RotationStatus, block_dates, current_rotation

MISSED_SHOWN_DAYS = 7  # a lapsed deadline of an idea is shown this long, then dropped
OPEN_APPLICATION = {RotationStatus.IDEA, RotationStatus.PREPARING}


@dataclass(frozen=True)
class AgendaItem:
    due_on: str
    area: str
    text: str
    rule_id: str = ""
    record_id: int | None = None  # the record in its area's pane (enter on Today opens it)


def build_agenda(
    today: date,
    rotations: list[Rotation],
    items: list[ChecklistItem],
    follow_ups: list[FollowUp],
    days: list[JournalDay],
) -> list[AgendaItem]:
    """Overdue and upcoming things, oldest first; the journal prompt when on rotation."""
    iso = today.isoformat()
    horizon = (today + timedelta(days=LOOKAHEAD_DAYS)).isoformat()
    agenda: list[AgendaItem] = []
    current = current_rotation(rotations, today)
    written = any(
        day.day == iso and (day.case_count or any(getattr(day, f).strip() for f in DAY_TEXT_FIELDS))
        for day in days
    )
    if current and today.weekday() < 5 and not written:
        agenda.append(
            AgendaItem(
                iso,
                "journal",
                "Write today's journal entry (cases, learning points, feedback)",
                "J3",
            )
        )
    missed_since = (today - timedelta(days=MISSED_SHOWN_DAYS)).isoformat()
    for rotation in rotations:
        if (
            rotation.status in OPEN_APPLICATION
            and rotation.deadline_on
            and rotation.deadline_on <= horizon
        ):
            lapsed = rotation.deadline_on < iso
            if lapsed and rotation.status == RotationStatus.IDEA:
                if rotation.deadline_on < missed_since:
                    continue  # an idea whose deadline passed: said for a week, then dropped
                text = f"Missed deadline (an idea): {rotation.institution}"
            else:
                text = f"Application deadline: {rotation.institution}"
            agenda.append(AgendaItem(rotation.deadline_on, "applications", text, "D2", rotation.id))
    blocks = block_dates(rotations)
    places = {r.id: r.institution or r.program_name for r in rotations}
    for item in items:
        block = blocks.get(item.rotation_id) if item.rotation_id else None
        due = due_now(item, today, block)
        if due and due <= horizon:
            # The block's name on each line: the same item of two blocks reads apart.
            place = places.get(item.rotation_id) if item.rotation_id else None
            text = f"{item.title} ({place})" if place else item.title
            agenda.append(AgendaItem(due, item.category, text, item.rule_id, item.id))
    for follow_up in follow_ups:
        if follow_up.done_on is None and follow_up.due_on and follow_up.due_on <= horizon:
            agenda.append(
                AgendaItem(
                    follow_up.due_on,
                    "letters",
                    f"{follow_up.action} ({follow_up.person_name})",
                    follow_up.rule_id,
                    follow_up.id,
                )
            )
    return sorted(agenda, key=lambda entry: (entry.due_on, entry.area))


FOLD_AFTER = 3  # overdue lines of one area shown before the rest fold into one line
FOLD_KEEP = 2


def fold_overdue(agenda: list[AgendaItem], today: date) -> list[AgendaItem]:
    """A long run of overdue lines of one area becomes its first two and one line that
    counts the rest ("and 9 more overdue in checklists"), so other advice stays in view
    on a small terminal; enter on that line opens the area."""
    iso = today.isoformat()
    overdue = Counter(item.area for item in agenda if item.due_on < iso)
    seen: Counter[str] = Counter()
    shown = []
    for item in agenda:
        if item.due_on >= iso or overdue[item.area] <= FOLD_AFTER:
            shown.append(item)
            continue
        seen[item.area] += 1
        if seen[item.area] <= FOLD_KEEP:
            shown.append(item)
        elif seen[item.area] == FOLD_KEEP + 1:
            rest = overdue[item.area] - FOLD_KEEP
            text = f"and {rest} more overdue in {item.area} (enter opens them)"
            shown.append(AgendaItem(item.due_on, item.area, text))
    return shown
