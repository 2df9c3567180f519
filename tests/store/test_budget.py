"""Housing and expenses on a real file: scopes, the plan from B1 once, booked housing
as the housing plan, refused amounts, the planned total of a rotation."""

import pendulum
import pytest

from tracker.domain.budget import Expense, HousingOption, expense_from_values
from tracker.domain.checks import InvalidValues
from tracker.domain.profile import Profile
from tracker.domain.programs import Program, Rotation
from tracker.store import budget, programs
from tracker.store.budget import EVERYTHING, UNLINKED


def accepted(db) -> int:
    program = programs.add_program(db, Program(name="Anesthesiology", institution="Lakeside"))
    rotation_id = programs.add_rotation(
        db, Rotation(program_id=program, starts_on="2027-02-01", ends_on="2027-02-28"), "2026-09-01"
    )
    programs.set_status(db, rotation_id, "accepted", pendulum.date(2026, 11, 1))
    return rotation_id


def scope_of(db, key):
    return next(scope for scope in budget.scopes(db) if scope.key == key)


def test_b1_plans_a_rotation_once_and_a_booking_replaces_its_housing_line(db):
    rotation_id = accepted(db)
    budget.add_housing(
        db,
        HousingOption(
            rotation_id=rotation_id, name="Residence", amount_cents=100000, status="booked"
        ),
    )
    assert budget.plan_from_b1(db, rotation_id) == 5  # food, transport, fees, visa, travel
    assert budget.plan_from_b1(db, rotation_id) == 0
    scope = scope_of(db, str(rotation_id))
    found = budget.summary(db, scope, Profile())
    assert found.by_category["housing"].planned == 100000  # all of February's nights
    assert found.by_category["food"].planned == 37500
    assert budget.planned_total(db, rotation_id, Profile()) == found.planned


def test_every_rotation_adds_up_rotations_and_what_belongs_to_none(db):
    rotation_id = accepted(db)
    budget.add_expense(db, Expense(rotation_id=rotation_id, category="food", planned_cents=50000))
    budget.add_expense(db, Expense(category="visa", actual_cents=18500, description="Visa fee"))
    everything = budget.summary(db, scope_of(db, EVERYTHING), Profile())
    assert (everything.planned, everything.actual) == (50000, 18500)
    unlinked = scope_of(db, UNLINKED)
    assert [e.description for e in budget.list_expenses(db, unlinked)] == ["Visa fee"]
    assert budget.count_expenses(db, scope_of(db, EVERYTHING)) == 2


def test_refused_amounts_write_nothing(db):
    for values, field in [
        ({"planned_cents": "-20", "currency": "USD"}, "planned_cents"),
        ({"actual_cents": "3000000", "currency": "USD"}, "actual_cents"),
        ({"planned_cents": "20", "currency": "XYZ"}, "currency"),
    ]:
        with pytest.raises(InvalidValues) as refused:
            expense_from_values({"category": "food", **values}, None)
        assert field in refused.value.errors
    assert budget.count_expenses(db, scope_of(db, EVERYTHING)) == 0
