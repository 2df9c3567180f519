"""Housing options and expenses, per rotation, and what each rotation costs."""

from dataclasses import dataclass, replace

from tracker.domain.budget import (
    EXPENSE_CHECKS,
    HOUSING_CHECKS,
    BudgetSummary,
    Expense,
    HousingOption,
    b1_plan,
    block_nights,
    summarise,
)
from tracker.domain.profile import Profile
from tracker.store import rows
from tracker.store.db import Database
from tracker.store.programs import PLACE

EVERYTHING = "all"  # scope of every rotation and the expenses tied to none
UNLINKED = "none"  # scope of the expenses tied to no rotation (fees, visa, insurance)
_LIVE = "('idea', 'preparing', 'applied', 'waitlisted', 'offered', 'accepted', 'completed')"


@dataclass(frozen=True)
class Scope:
    """A rotation (key: its id), every rotation ("all") or none of them ("none")."""

    key: str
    name: str
    rotation_id: int | None = None
    starts_on: str | None = None
    ends_on: str | None = None
    status: str = ""


def scopes(db: Database) -> list[Scope]:
    """Every rotation first, then each one under way or with money on file, by block,
    then what belongs to none."""
    found = [Scope(EVERYTHING, "Every rotation")]
    for rotation_id, name, starts_on, ends_on, status in db.execute(
        f"""SELECT rotations.id, {PLACE},
                   rotations.starts_on, rotations.ends_on, rotations.status
            FROM rotations JOIN programs ON programs.id = rotations.program_id
            WHERE rotations.status IN {_LIVE}
               OR rotations.id IN (SELECT rotation_id FROM expenses)
               OR rotations.id IN (SELECT rotation_id FROM housing_options)
            ORDER BY rotations.starts_on IS NULL, rotations.starts_on, rotations.id"""
    ):
        found.append(Scope(str(rotation_id), name, rotation_id, starts_on, ends_on, status))
    found.append(Scope(UNLINKED, "Not tied to a rotation"))
    return found


def _where(scope: Scope) -> tuple[str, list[object]]:
    if scope.key == EVERYTHING:
        return "1", []
    return "rotation_id IS ?", [scope.rotation_id]


def list_expenses(
    db: Database, scope: Scope, limit: int | None = None, offset: int = 0
) -> list[Expense]:
    where, params = _where(scope)
    return rows.select(
        db,
        Expense,
        f"""SELECT * FROM expenses WHERE {where}
            ORDER BY spent_on IS NULL, spent_on, category, id""",
        params,
        limit=limit,
        offset=offset,
    )


def count_expenses(db: Database, scope: Scope) -> int:
    where, params = _where(scope)
    return int(db.execute(f"SELECT count(*) FROM expenses WHERE {where}", params).fetchone()[0])


def list_housing(db: Database, scope: Scope) -> list[HousingOption]:
    """A rotation's options, booked first (a handful: not paged)."""
    where, params = _where(scope)
    return rows.select(
        db,
        HousingOption,
        f"""SELECT * FROM housing_options WHERE {where}
            ORDER BY CASE status WHEN 'booked' THEN 0 WHEN 'contacted' THEN 1
                WHEN 'idea' THEN 2 ELSE 3 END, name, id""",
        params,
    )


def booked_housing(db: Database, rotation_id: int) -> list[HousingOption]:
    return rows.select(
        db,
        HousingOption,
        "SELECT * FROM housing_options WHERE rotation_id = ? AND status = 'booked' ORDER BY id",
        [rotation_id],
    )


def summary(db: Database, scope: Scope, profile: Profile) -> BudgetSummary:
    """Planned and actual by category in USD cents: one rotation (its booked housing
    prorated to its block), the expenses tied to none, or all of it added up."""
    if scope.key == EVERYTHING:
        total = BudgetSummary()
        for part in [*scopes(db)[1:]]:
            found = summary(db, part, profile)
            total.not_counted += found.not_counted
            for category, totals in found.by_category.items():
                total.by_category.setdefault(category, type(totals)()).add(totals)
        return total
    booked: list[HousingOption] = []
    block = None
    if scope.rotation_id is not None:
        booked = booked_housing(db, scope.rotation_id)
        if scope.starts_on and scope.ends_on:
            block = block_nights(scope.starts_on, scope.ends_on)
    return summarise(
        list_expenses(db, scope),
        booked,
        block,
        profile.usd_rate_micros,
        profile.home_currency or "USD",
    )


def add_housing(db: Database, option: HousingOption) -> int:
    return rows.insert(db, "housing_options", option, HOUSING_CHECKS)


def update_housing(db: Database, option: HousingOption) -> None:
    rows.update(db, "housing_options", option, HOUSING_CHECKS)


def get_housing(db: Database, option_id: int) -> HousingOption | None:
    found = rows.select(
        db, HousingOption, "SELECT * FROM housing_options WHERE id = ?", [option_id]
    )
    return found[0] if found else None


def delete_housing(db: Database, option_id: int) -> None:
    with db.atomic():
        db.execute("DELETE FROM housing_options WHERE id = ?", [option_id])


def add_expense(db: Database, expense: Expense) -> int:
    return rows.insert(db, "expenses", expense, EXPENSE_CHECKS)


def update_expense(db: Database, expense: Expense) -> None:
    rows.update(db, "expenses", expense, EXPENSE_CHECKS)


def get_expense(db: Database, expense_id: int) -> Expense | None:
    found = rows.select(db, Expense, "SELECT * FROM expenses WHERE id = ?", [expense_id])
    return found[0] if found else None


def delete_expense(db: Database, expense_id: int) -> None:
    with db.atomic():
        db.execute("DELETE FROM expenses WHERE id = ?", [expense_id])


def plan_from_b1(db: Database, rotation_id: int) -> int:
    """The rotation's planned lines from B1 (categories it has no line for yet); how
    many were added. Booked housing stands for the housing line."""
    with db.atomic():
        block = db.execute(
            "SELECT starts_on, ends_on FROM rotations WHERE id = ?", [rotation_id]
        ).fetchone()
        days = 28
        if block and block[0] and block[1]:
            check_in, check_out = block_nights(block[0], block[1])
            days = (check_out - check_in).days
        has = {
            str(category)
            for (category,) in db.execute(
                "SELECT DISTINCT category FROM expenses WHERE rotation_id = ?", [rotation_id]
            )
        }
        lines = [
            replace(line, rotation_id=rotation_id)
            for line in b1_plan(days, bool(booked_housing(db, rotation_id)))
            if line.category not in has
        ]
        rows.insert_many(db, "expenses", lines, EXPENSE_CHECKS)
    return len(lines)


def planned_total(db: Database, rotation_id: int, profile: Profile) -> int | None:
    """A rotation's planned cost in USD cents (None when nothing is planned): for its
    detail in Applications and, when money is limited, its fit (P7)."""
    found = db.execute(
        "SELECT starts_on, ends_on, status FROM rotations WHERE id = ?", [rotation_id]
    ).fetchone()
    if found is None:
        return None
    scope = Scope(str(rotation_id), "", rotation_id, found[0], found[1], found[2])
    planned = summary(db, scope, profile).planned
    return planned or None
