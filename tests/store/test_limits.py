"""Field limits: the store refuses what the forms and the CSV import refuse."""

import dataclasses

import pytest

from tracker.domain import budget, checklists, journal, letters, profile, programs
from tracker.domain.checks import InvalidValues
from tracker.domain.programs import Program
from tracker.store import programs as store

# Every stored record type and its area's check table.
CHECKED = [
    (programs.Program, programs.PROGRAM_CHECKS),
    (programs.Rotation, programs.ROTATION_CHECKS),
    (profile.Profile, profile.PROFILE_CHECKS),
    (journal.JournalDay, journal.DAY_CHECKS),
    (journal.Case, journal.CASE_CHECKS),
    (journal.CaseSkill, journal.SKILL_CHECKS),
    (checklists.ChecklistItem, checklists.ITEM_CHECKS),
    (budget.HousingOption, budget.HOUSING_CHECKS),
    (budget.Expense, budget.EXPENSE_CHECKS),
    (letters.Person, letters.PERSON_CHECKS),
    (letters.Letter, letters.LETTER_CHECKS),
    (letters.FollowUp, letters.FOLLOW_UP_CHECKS),
]
# Text that is an enum (checked by the schema) or joined for display, not typed in.
NOT_TYPED = {
    "kind",
    "location",
    "validity",
    "per",
    "route",
    "status",
    "specialty",
    "technique",
    "age_band",
    "airway",
    "role",
    "category",
    "currency",
    "visa_needed",
    "program_name",
    "institution",
    "program_kind",
    "person_name",
    *programs.TRISTATE_FIELDS,
}


@pytest.mark.parametrize(("record", "checks"), CHECKED, ids=lambda x: getattr(x, "__name__", ""))
def test_every_typed_text_field_has_a_limit(record, checks):
    text_fields = {f.name for f in dataclasses.fields(record) if "str" in str(f.type)}
    unchecked = text_fields - set(checks) - NOT_TYPED
    assert not unchecked, f"{record.__name__}: no limit on {sorted(unchecked)}"


@pytest.mark.parametrize(
    ("program", "field", "reason"),
    [
        (Program(name="x" * 600, kind="academic"), "name", "at most 200 characters"),
        (Program(name="   \t ", kind="academic"), "name", "required"),
        (Program(name="\0\0", kind="academic"), "name", "required"),
        (Program(name="A", notes="n" * 100_000), "notes", "at most 20,000 characters"),
        (Program(name="A", institution="i" * 201), "institution", "at most 200"),
    ],
)
def test_the_store_refuses_what_a_form_would(db, program, field, reason):
    with pytest.raises(InvalidValues) as error:
        store.add_program(db, program)
    assert reason in error.value.errors[field]
    assert store.count_programs(db) == 0
