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
    # Without the items of blocks over by then (never due): the same agenda.
    open_blocks = build_agenda(
        day,
        programs.list_rotations(db),
        checklists.open_items_due_by(db, horizon, iso),
        letters.open_follow_ups_due_by(db, horizon),
        [entry] if entry else [],
    )
    assert open_blocks == everything
    db.close()


@pytest.mark.parametrize("offset", [-200, -100, -60, -30, -13, -1, 0, 14, 15, 30, 70, 120])
def test_the_guides_findings_are_the_same_without_the_items_of_blocks_that_are_over(
    demo_path, offset
):
    from dataclasses import replace

    from tracker.domain.guidance import findings
    from tracker.store.guidance import snapshot

    db = open_db(demo_path)
    day = DEMO_DAY.add(days=offset)
    shot = snapshot(db, day)
    horizon = day.add(days=LOOKAHEAD_DAYS).isoformat()
    every_open_item = replace(shot, open_items=checklists.open_items_due_by(db, horizon))
    assert len(every_open_item.open_items) >= len(shot.open_items)
    assert findings(shot) == findings(every_open_item)
    db.close()
