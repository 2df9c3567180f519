"""The snapshot the guidance engine reads, by keyed and date-filtered queries."""

from dataclasses import replace
from datetime import date, timedelta

from tracker.domain.budget import housing_warnings
from tracker.domain.guidance import LOOKAHEAD_DAYS, Snapshot, current_block, next_block
from tracker.store import budget, checklists, eras, journal, letters, programs
from tracker.store.db import Database
from tracker.store.profile import get_profile


def snapshot(db: Database, today: date) -> Snapshot:
    horizon = (today + timedelta(days=LOOKAHEAD_DAYS)).isoformat()
    rotations = programs.list_rotations(db)
    found = Snapshot(
        today=today,
        profile=get_profile(db),
        rotations=rotations,
        letters=letters.list_letters(db),
        open_items=checklists.open_items_due_by(db, horizon, today.isoformat()),
        entry_today=journal.day_of(db, today.isoformat()),
        researched=programs.count_by_kind(db),
    )
    block, current = next_block(found), current_block(found)
    planned, housing = None, []
    if block is not None and block.id is not None:
        planned = budget.planned_total(db, block.id, found.profile)
        booked = budget.booked_housing(db, block.id)
        housing = housing_warnings(block.status, block.starts_on, block.ends_on, booked, today)
    return replace(
        found,
        block_items=checklists.list_items(db, block.id) if block and block.id else [],
        candidates=len(letters.candidates(db, current.id)) if current and current.id else 0,
        next_planned=planned,
        next_housing=housing,
        experiences_seeded=eras.seeded_count(db),
        signals=dict(eras.signal_counts(db)),
        answers_written=eras.answers_written(db),
    )
