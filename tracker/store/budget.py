"""Housing options and expenses."""

from tracker.domain.budget import EXPENSE_CHECKS, HOUSING_CHECKS, Expense, HousingOption
from tracker.store import rows
from tracker.store.db import Database


def add_housing(db: Database, option: HousingOption) -> int:
    return rows.insert(db, "housing_options", option, HOUSING_CHECKS)


def add_expense(db: Database, expense: Expense) -> int:
    return rows.insert(db, "expenses", expense, EXPENSE_CHECKS)


def list_housing(db: Database, limit: int | None = None, offset: int = 0) -> list[HousingOption]:
    return rows.select(
        db,
        HousingOption,
        "SELECT * FROM housing_options ORDER BY status, name, id",
        limit=limit,
        offset=offset,
    )


def count_housing(db: Database) -> int:
    return rows.count(db, "housing_options")


def list_expenses(db: Database, limit: int | None = None, offset: int = 0) -> list[Expense]:
    return rows.select(
        db,
        Expense,
        "SELECT * FROM expenses ORDER BY coalesce(spent_on, '9999'), category, id",
        limit=limit,
        offset=offset,
    )


def count_expenses(db: Database) -> int:
    return rows.count(db, "expenses")


def expense_totals(db: Database) -> tuple[int, int]:
    """(planned, actual) in cents over every expense, whatever its currency for now."""
    planned, actual = db.execute(
        "SELECT coalesce(sum(planned_cents), 0), coalesce(sum(actual_cents), 0) FROM expenses"
    ).fetchone()
    return int(planned), int(actual)
