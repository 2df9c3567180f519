"""What Today says, as data: the block, what is due, and the guide's findings, for the
pane, `away today` and `away today --json` (schema: docs/today.schema.json)."""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from tracker import __version__
from tracker.domain.agenda import AgendaItem, build_agenda
from tracker.domain.guidance import (
    LOOKAHEAD_DAYS,
    Snapshot,
    current_block,
    findings,
    next_block,
)
from tracker.domain.programs import rotation_day
from tracker.store import letters
from tracker.store.db import Database
from tracker.store.guidance import snapshot

SCHEMA = "away-today/1"


@dataclass(frozen=True)
class TodayData:
    """What Today is made of: the guidance snapshot and the agenda built on it."""

    snapshot: Snapshot
    due: list[AgendaItem]


def gather(db: Database, today: date) -> TodayData:
    """One pass over the store for the pane and `away today`: the agenda reuses the
    snapshot's rotations, due items and journal entry."""
    shot = snapshot(db, today)
    horizon = (today + timedelta(days=LOOKAHEAD_DAYS)).isoformat()
    due = build_agenda(
        today,
        shot.rotations,
        shot.open_items,
        letters.open_follow_ups_due_by(db, horizon),
        [shot.entry_today] if shot.entry_today else [],
    )
    return TodayData(shot, due)


def report(db: Database, today: date) -> dict[str, Any]:
    """The JSON-ready report: plain types only, dates as ISO strings."""
    data = gather(db, today)
    shot, due = data.snapshot, data.due
    block: dict[str, Any] | None = None
    if current := current_block(shot):
        day, length = rotation_day(current, today)
        block = {
            "state": "current",
            "place": current.institution or current.program_name,
            "starts_on": current.starts_on,
            "ends_on": current.ends_on,
            "day": day,
            "length": length,
        }
    elif upcoming := next_block(shot):
        starts = date.fromisoformat(upcoming.starts_on or today.isoformat())
        block = {
            "state": "next",
            "place": upcoming.institution or upcoming.program_name,
            "starts_on": upcoming.starts_on,
            "ends_on": upcoming.ends_on,
            "in_days": (starts - today).days,
        }
    return {
        "schema": SCHEMA,
        "app_version": __version__,
        "date": today.isoformat(),
        "name": shot.profile.full_name,
        "block": block,
        "journal_today": bool(shot.entry_today and shot.entry_today.learning_points.strip()),
        "due": [
            {"due_on": d.due_on, "area": d.area, "text": d.text, "rule_id": d.rule_id} for d in due
        ],
        "findings": [
            {
                "rule_id": f.rule_id,
                "state": f.state.value,
                "message": f.message,
                "pane": f.pane,
                "record_id": f.record_id,
            }
            for f in findings(shot)
        ],
    }


def block_line(block: dict[str, Any] | None) -> str:
    if block is None:
        return "No rotation under way or accepted ahead."
    if block["state"] == "current":
        return f"Day {block['day']} of {block['length']} at {block['place']}."
    return f"Next block at {block['place']} in {block['in_days']} days ({block['starts_on']})."


def as_text(report: dict[str, Any]) -> str:
    lines = [f"{report['date']}: {block_line(report['block'])}"]
    if report["due"]:
        lines.append(f"\nDue (the next {LOOKAHEAD_DAYS} days and overdue)")
        lines += [f"  {d['due_on']}  {d['rule_id']:<3} {d['text']}" for d in report["due"]]
    state = None
    for finding in report["findings"]:
        if finding["state"] != state:
            state = finding["state"]
            lines.append(f"\n{state.capitalize()}")
        lines.append(f"  {finding['rule_id']:<3} {finding['message']}")
    lines.append(
        "\nEach line cites a rule of the guide: reminders, not legal or immigration advice."
    )
    return "\n".join(lines)
