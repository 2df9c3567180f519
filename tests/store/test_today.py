"""Today's keyed queries give the same agenda as reading everything, for any day."""

import pytest

from tests.conftest import DEMO_DAY
from tracker.domain.agenda import build_agenda
from tracker.domain.guidance import LOOKAHEAD_DAYS
from tracker.store import checklists, journal, letters, programs
from tracker.store.db import open_db


@pytest.mark.parametrize("offset", [-200, -90, -60, -13, 0, 3, 30, 70])
def test_filtered_queries_match_the_full_lists(demo_path, offset):
    db = open_db(demo_path)
    day = DEMO_DAY.add(days=offset)
    iso, horizon = day.isoformat(), day.add(days=LOOKAHEAD_DAYS).isoformat()
    everything = build_agenda(
        day,
        programs.list_rotations(db),
        checklists.every_item(db),
        letters.list_follow_ups(db),
        journal.list_days(db),
    )
    # Every application: an item's due date depends on its block (over, accepted).
    entry = journal.day_of(db, iso)
    keyed = build_agenda(
        day,
        programs.list_rotations(db),
        checklists.open_items_due_by(db, horizon),
        letters.open_follow_ups_due_by(db, horizon),
        [entry] if entry else [],
    )
    assert keyed == everything
    db.close()
