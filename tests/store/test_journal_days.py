"""Journal days on a real file: saving the day view, merging, supervisors, the weekly
self-check, cases with skills, search over the new fields, statistics by week."""

from dataclasses import replace

from tracker.domain.journal import Case, CaseSkill, JournalDay
from tracker.domain.programs import Program, Rotation
from tracker.store import journal, programs
from tracker.store.db import connect

DAY = "2026-07-15"


def test_a_blank_day_is_not_stored_and_a_written_one_is_tied_to_its_block(db):
    program = programs.add_program(db, Program(name="Anesthesiology elective"))
    rotation = programs.add_rotation(
        db,
        Rotation(
            program_id=program, starts_on="2026-07-06", ends_on="2026-08-02", status="accepted"
        ),
        "2026-05-01",
    )
    assert journal.save_day(db, None, JournalDay(day=DAY)) is None
    assert journal.count_days(db) == 0
    saved = journal.save_day(db, None, JournalDay(day=DAY, location="or", goal_plan=True))
    assert (saved.rotation_id, saved.location, saved.goal_plan) == (rotation, "or", True)


def test_a_line_added_by_another_connection_is_merged_not_overwritten(db):
    first = journal.save_day(db, None, JournalDay(day=DAY, learning_points="Editor"))
    other = connect(db.path)
    journal.append_learning_point(other, DAY, "From away log")
    other.close()
    mine = replace(first, learning_points="Editor, more", feedback="Good plan")
    saved = journal.save_day(db, first, mine)
    assert saved.learning_points == "Editor, more\nFrom away log"
    assert saved.feedback == "Good plan"


def test_supervisors_become_people_once_whatever_the_accents(db):
    saved = journal.save_day(db, None, JournalDay(day=DAY), ["Dr. Éloi Martin", "Dr. Okafor"])
    again = journal.save_day(db, saved, saved, ["dr. eloi martin"])
    assert journal.supervisors_of(db, again.id) == ["Dr. Éloi Martin"]
    assert db.execute("SELECT count(*) FROM people").fetchone()[0] == 2


def test_the_weekly_self_check_is_kept_per_week(db):
    journal.set_watched(db, "2026-07-13", {"punctuality", "teachability", "not a key"})
    assert journal.watched_in(db, "2026-07-13") == {"punctuality", "teachability"}
    journal.set_watched(db, "2026-07-13", set())
    assert journal.watched_in(db, "2026-07-13") == set()
    assert journal.watched_in(db, "2026-07-20") == set()


def test_cases_are_edited_with_their_skills_and_found_by_search(db):
    day_id = journal.ensure_day(db, DAY)
    assert journal.ensure_day(db, DAY) == day_id
    case_id = journal.add_case(
        db,
        Case(day_id=day_id, procedure="Whipple", specialty="Hepatobiliary"),
        [CaseSkill(skill="arterial line", role="performed")],
    )
    case = journal.get_case(db, case_id)
    journal.update_case(
        db,
        replace(case, procedure="Pancreaticoduodenectomy"),
        [CaseSkill(skill="central line", role="observed")],
    )
    skills = journal.skills_of(db, [case_id])[case_id]
    assert [(s.skill, s.role) for s in skills] == [("central line", "observed")]
    assert [hit.day for hit in journal.search(db, "hepatobiliary")] == [DAY]
    assert journal.search(db, "whipple") == []
    journal.save_day(
        db,
        journal.day_of(db, DAY),
        replace(journal.day_of(db, DAY), tomorrow_preparation="Read on TIVA"),
    )
    assert [hit.day for hit in journal.search(db, "tiva")] == [DAY]
    journal.delete_case(db, case_id)
    assert journal.search(db, "hepatobiliary") == []
    assert journal.day_of(db, DAY).case_count == 0


def test_statistics_count_cases_by_week_of_the_block(demo_path):
    from tracker.store.db import open_db

    db = open_db(demo_path)
    rotation_id = db.execute(
        "SELECT rotation_id FROM journal_days WHERE rotation_id IS NOT NULL LIMIT 1"
    ).fetchone()[0]
    stats = journal.case_stats(db, rotation_id)
    assert sum(stats.by_week.values()) == stats.cases > 0
    assert set(stats.by_week) <= {1, 2, 3, 4}
    assert journal.case_stats(db).by_week == {}  # weeks mean something within one block
    db.close()
