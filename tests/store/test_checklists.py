"""Checklist items on a real file: groups and their progress, done with a date, templates
applied once, filters in SQL, and the status an upgrade gives to old items."""

import shutil
import sqlite3
from dataclasses import replace
from datetime import date
from pathlib import Path

import pendulum

from tracker.domain.checklists import ChecklistItem, expiring
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
        Rotation(
            program_id=program,
            starts_on=starts,
            ends_on=pendulum.parse(starts).add(days=27).to_date_string(),
            deadline_on=deadline,
        ),
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
    # The person's documents and vaccines are kept once, on the user's own list, and
    # counted in the block's list too (it shows them).
    assert (mine.rotation_id, mine.total) == (None, 16)
    assert (lakeside.rotation_id, lakeside.total, lakeside.settled) == (block, added, 1)
    assert checklists.count_items(db, block) == added
    assert lakeside.overdue > 0  # deadline items counted back from 15 Oct are past due
    programs.set_status(db, block, "accepted", pendulum.date(2026, 11, 20))
    [_, accepted] = checklists.groups(db, TODAY)
    assert accepted.overdue == 0  # once accepted, they are due by the block's first day


def test_the_person_s_items_live_once_and_each_block_judges_them_by_its_own_dates(db):
    first = rotation(db, status="accepted", starts="2027-01-04")
    second = rotation(db, status="accepted", starts="2027-06-07", deadline="2027-03-01")
    checklists.apply_templates(db, ["documents", "immunizations"], second)
    checklists.apply_templates(db, ["documents", "immunizations"], first)
    every = checklists.every_item(db)
    cvs = [item for item in every if item.title == "CV"]
    assert len(cvs) == 1, "one CV, not one per block"
    assert cvs[0].rotation_id is None
    assert cvs[0].due_on == "2026-10-08", "due by the earlier block's deadline"
    flu = [item for item in every if item.title.startswith("Influenza")]
    assert {item.rotation_id for item in flu} == {first, second}, "the flu shot is per season"
    tb = next(i for i in every if i.title.startswith("TB test (IGRA"))
    checklists.update_item(db, replace(tb, status="done", done_on="2026-03-01"))
    checklists.toggle_done(db, cvs[0].id, TODAY)
    for block in (first, second):
        shown = {item.title: item for item in checklists.list_items(db, block)}
        assert shown["CV"].done, "ticked once, done in every block"
        assert "Dean's letter or institutional approval to rotate" in shown
    tb_done = checklists.get_item(db, tb.id)
    assert expiring(tb_done, date(2027, 1, 4), date(2027, 1, 31)) is None
    assert expiring(tb_done, date(2027, 6, 7), date(2027, 7, 4)).before_block


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


def test_an_upgrade_keeps_one_copy_of_each_personal_item_furthest_along(tmp_path):
    """Files written before m012 hold a CV per block: the done copy stays, on the user's
    own list, with every copy's notes; the rest go. Host items stay per block."""
    import sqlite_utils

    from tracker.store.schema import m012_personal_checklist_items_once

    path = tmp_path / "away.db"
    db = open_db(path)
    first, second = rotation(db), rotation(db, starts="2027-06-07", deadline="2027-03-01")
    db.close()
    conn = sqlite3.connect(path)
    for block, status, done, scan, notes in (
        (first, "todo", None, "", "ask the dean's office"),
        (second, "done", "2026-10-01", "/home/u/cv.pdf", "2 pages"),
        (None, "todo", None, "", "2 pages"),
    ):
        conn.execute(
            """INSERT INTO checklist_items (category, title, rotation_id, status, due_on,
               done_on, scan_path, notes) VALUES ('document', 'CV', ?, ?, '2026-09-01', ?,
               ?, ?)""",
            [block, status, done, scan, notes],
        )
    conn.execute(
        """INSERT INTO checklist_items (category, title, rotation_id) VALUES
           ('document', 'Dean''s letter or institutional approval to rotate', ?),
           ('document', 'Dean''s letter or institutional approval to rotate', ?)""",
        [first, second],
    )
    conn.commit()
    conn.close()
    m012_personal_checklist_items_once(sqlite_utils.Database(path))
    db = open_db(path)
    every = checklists.every_item(db)
    (cv,) = [item for item in every if item.title == "CV"]
    assert (cv.rotation_id, cv.status, cv.done_on, cv.scan_path) == (
        None,
        "done",
        "2026-10-01",
        "/home/u/cv.pdf",
    )
    assert cv.notes == "ask the dean's office\n2 pages"
    deans = [item for item in every if item.title.startswith("Dean's letter")]
    assert sorted(item.rotation_id for item in deans) == sorted([first, second])
