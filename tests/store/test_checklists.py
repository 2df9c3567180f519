"""Checklist items on a real file: groups and their progress, done with a date, templates
applied once, filters in SQL, and the status an upgrade gives to old items."""

import shutil
import sqlite3
from pathlib import Path

import pendulum

from tracker.domain.checklists import ChecklistItem
from tracker.domain.programs import Program, Rotation
from tracker.store import checklists, programs
from tracker.store.db import open_db

TODAY = "2026-11-27"


def rotation(db, status="accepted", starts="2027-01-04", deadline="2026-10-15") -> int:
    program = programs.add_program(
        db, Program(name=f"Anesthesiology {starts}", institution="Lakeside")
    )
    rotation_id = programs.add_rotation(
        db,
        Rotation(program_id=program, starts_on=starts, ends_on="2027-01-31", deadline_on=deadline),
        "2026-09-01",
    )
    programs.set_status(db, rotation_id, status, pendulum.date(2026, 11, 1))
    return rotation_id


def test_templates_apply_once_and_groups_show_progress(db):
    block = rotation(db, status="applied")
    added = checklists.apply_templates(db, ["documents", "immunizations", "visa"], block)
    assert added > 25
    assert checklists.apply_templates(db, ["documents"], block) == 0
    assert checklists.has_template_items(db, block)
    first = checklists.list_items(db, block)[0]
    checklists.toggle_done(db, first.id, TODAY)
    [mine, lakeside] = checklists.groups(db, TODAY)
    assert (mine.rotation_id, mine.total) == (None, 0)
    assert (lakeside.rotation_id, lakeside.total, lakeside.settled) == (block, added, 1)
    assert lakeside.overdue > 0  # deadline items counted back from 15 Oct are past due
    programs.set_status(db, block, "accepted", pendulum.date(2026, 11, 20))
    [_, accepted] = checklists.groups(db, TODAY)
    assert accepted.overdue == 0  # once accepted, they are due by the block's first day


def test_done_is_stamped_and_undone_and_filters_run_in_sql(db):
    item_id = checklists.add_item(db, ChecklistItem(title="Tdap booster", category="immunization"))
    done = checklists.toggle_done(db, item_id, TODAY)
    assert (done.status, done.done_on) == ("done", TODAY)
    undone = checklists.toggle_done(db, item_id, TODAY)
    assert (undone.status, undone.done_on) == ("todo", None)
    checklists.add_item(db, ChecklistItem(title="Passport copy", status="not_needed"))
    assert [i.title for i in checklists.list_items(db, None, missing_only=True)] == ["Tdap booster"]
    assert [i.title for i in checklists.list_items(db, None, text="TDAP")] == ["Tdap booster"]
    assert checklists.count_items(db, None, text="immunization") == 1


def test_the_next_accepted_block_is_what_own_items_are_checked_against(db):
    assert checklists.next_block(db, TODAY) is None
    rotation(db, status="applied", starts="2026-12-07")
    rotation(db, status="accepted", starts="2027-01-04")
    assert checklists.next_block(db, TODAY) == ("2027-01-04", "2027-01-31")


def test_an_upgrade_gives_old_items_a_status_from_their_done_date(tmp_path):
    fixture = Path(__file__).parents[1] / "fixtures" / "release-1-demo.db"
    path = tmp_path / "away.db"
    shutil.copyfile(fixture, path)
    old = sqlite3.connect(fixture)
    done, open_ = old.execute(
        "SELECT sum(done_on IS NOT NULL), sum(done_on IS NULL) FROM checklist_items"
    ).fetchone()
    old.close()
    db = open_db(path)
    statuses = dict(db.execute("SELECT status, count(*) FROM checklist_items GROUP BY 1"))
    db.close()
    assert statuses == {"done": done, "todo": open_}
