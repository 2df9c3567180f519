"""Letters on a real file: dated steps, a unique Letter ID, ERAS's four per program,
candidates ranked from the journal, follow-ups made once, and the packet's content."""

import re

import pendulum
import pytest

from tracker.domain.checks import InvalidValues
from tracker.domain.journal import Case, CaseSkill, JournalDay
from tracker.domain.letters import Letter, Person
from tracker.domain.programs import Program, Rotation
from tracker.services.packet import PACKET_CASE_FIELDS, PersonNotFound, build_packet, find_person
from tracker.store import journal, letters, programs


def block(db, name="Anesthesiology", starts="2026-07-06", ends="2026-08-02") -> int:
    program = programs.add_program(db, Program(name=name, institution=f"{name} Hospital"))
    rotation_id = programs.add_rotation(
        db, Rotation(program_id=program, starts_on=starts, ends_on=ends), "2026-03-01"
    )
    programs.set_status(db, rotation_id, "accepted", pendulum.date(2026, 4, 1))
    return rotation_id


def test_each_step_is_dated_once_and_a_letter_id_is_unique(db):
    person = letters.add_person(db, Person(name="Dr. Okafor"))
    letter_id = letters.add_letter(db, Letter(person_id=person))
    letters.move_letter(db, letter_id, "asked", "2026-07-28")
    letters.move_letter(db, letter_id, "agreed", "2026-07-29")
    with pytest.raises(InvalidValues):
        letters.move_letter(db, letter_id, "uploaded", "2026-08-01")  # no Letter ID yet
    moved = letters.get_letter(db, letter_id)
    assert (moved.status, moved.asked_on, moved.agreed_on) == ("agreed", "2026-07-28", "2026-07-29")
    letters.update_letter(db, Letter(**{**vars(moved), "eras_letter_id": "L-100"}))
    other = letters.add_letter(db, Letter(person_id=letters.add_person(db, Person(name="Dr. B"))))
    with pytest.raises(InvalidValues):
        letters.update_letter(
            db, Letter(**{**vars(letters.get_letter(db, other)), "eras_letter_id": "L-100"})
        )


def test_eras_takes_four_letters_per_program(db):
    program = programs.add_program(db, Program(name="Residency"))
    ids = [
        letters.add_letter(db, Letter(person_id=letters.add_person(db, Person(name=f"Dr. {n}"))))
        for n in "ABCDE"
    ]
    for letter_id in ids[:4]:
        letters.assign(db, letter_id, program)
    with pytest.raises(InvalidValues, match="4 letters per program"):
        letters.assign(db, ids[4], program)
    letters.assign(db, ids[0], program)  # again: no change, no refusal
    letters.unassign(db, ids[0], program)
    letters.assign(db, ids[4], program)
    assert letters.assignments(db, ids[4])[0][2] == 4


def test_candidates_are_ranked_from_the_journal_and_leave_out_those_asked(db):
    rotation = block(db)
    for n, day in enumerate(["2026-07-07", "2026-07-08", "2026-07-09"]):
        saved = journal.save_day(
            db, None, JournalDay(day=day, feedback="Good" if n else ""), ["Dr. Few", "Dr. Many"]
        )
        many = letters.person_named(db, "Dr. Many")
        journal.add_case(
            db,
            Case(day_id=saved.id, procedure="Lap chole", attending_id=many, teaching_point="TAP"),
        )
    ranked = letters.candidates(db, rotation)
    assert [c.name for c in ranked] == ["Dr. Many", "Dr. Few"]
    assert ranked[0].reasons() == "3 cases, 3 days, 2 feedback notes, 3 teaching points"
    letters.letter_for(db, many, rotation)
    assert [c.name for c in letters.candidates(db, rotation)] == ["Dr. Few"]


def test_follow_ups_are_made_by_the_rules_once(db):
    rotation = block(db)
    person = letters.add_person(db, Person(name="Dr. Okafor"))
    letter_id = letters.add_letter(
        db, Letter(person_id=person, rotation_id=rotation, status="asked")
    )
    assert letters.make_follow_ups(db, "2027-06-04") == 2  # L5 and L7, not L6 before agreeing
    letters.move_letter(db, letter_id, "agreed", "2026-08-01")
    assert letters.make_follow_ups(db, "2027-06-04") == 1  # L6 now
    assert letters.make_follow_ups(db, "2027-06-04") == 0
    made = {f.rule_id: f for f in letters.list_follow_ups(db)}
    assert made["L5"].due_on == "2026-08-05"  # three days after the block ends
    assert made["L6"].due_on == "2027-06-04"
    assert made["L7"].due_on is None


def test_the_packet_lists_only_this_writers_cases_by_week_never_by_date(db):
    block(db)
    mine = letters.add_person(db, Person(name="Dr. Zoë Okafor"))
    other = letters.add_person(db, Person(name="Dr. Other"))
    for day, attending, procedure in [
        ("2026-07-07", mine, "Whipple"),
        ("2026-07-15", mine, "Thyroidectomy"),
        ("2026-07-15", other, "Craniotomy"),
    ]:
        day_id = journal.ensure_day(db, day)
        journal.add_case(
            db,
            Case(day_id=day_id, procedure=procedure, attending_id=attending, story="secret story"),
            [CaseSkill(skill="arterial line", role="performed")],
        )
    text = build_packet(db, find_person(db, "zoe okafor"))
    assert "Whipple" in text
    assert "Thyroidectomy" in text
    assert "Craniotomy" not in text
    assert "Week 1\n" in text
    assert "Week 2\n" in text
    assert not re.search(r"\d{4}-\d{2}-\d{2}|Jul 2026", text)  # no dates
    assert "secret story" not in text  # only the de-identified fields
    assert "arterial line (performed)" in text
    assert "Performed: arterial line ×1" in text  # the week's summary, before its list
    assert text.index("Highlights: Whipple") < text.index("- Whipple: general anesthesia")
    assert "add its scan" not in text  # no note meant for the applicant
    assert set(PACKET_CASE_FIELDS) <= {
        "procedure",
        "specialty",
        "technique",
        "asa",
        "age_band",
        "airway",
    }


def test_days_with_a_person_are_the_days_they_supervised_or_shared_a_case_newest_first(db):
    mine = letters.add_person(db, Person(name="Dr. Zoë Okafor"))
    other = letters.add_person(db, Person(name="Dr. Other"))
    supervised = journal.ensure_day(db, "2026-07-06")
    journal.set_supervisors(db, supervised, [mine])
    with_case = journal.ensure_day(db, "2026-07-08")
    for attending in (mine, mine, other):
        journal.add_case(db, Case(day_id=with_case, procedure="Hernia", attending_id=attending))
    journal.set_supervisors(db, journal.ensure_day(db, "2026-07-09"), [other])
    assert letters.days_with(db, mine) == [("2026-07-08", 2), ("2026-07-06", 0)]
    assert letters.days_with(db, mine, limit=1) == [("2026-07-08", 2)]


def test_an_unknown_or_ambiguous_person_gets_one_sentence_with_close_names(db):
    for name in ["Dr. Ana Silva", "Dr. Ana Souza"]:
        letters.add_person(db, Person(name=name))
    with pytest.raises(PersonNotFound, match="matches 2 people"):
        find_person(db, "ana")
    with pytest.raises(PersonNotFound, match="did you mean “Dr. Ana Silva”"):
        find_person(db, "Dr. Ana Silvia")
