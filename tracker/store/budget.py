"""Housing options and expenses."""

from sqlite_utils import Database

from tracker.domain.budget import EXPENSE_CHECKS, HOUSING_CHECKS, Expense, HousingOption
from tracker.store import rows


def add_housing(db: Database, option: HousingOption) -> int:
    return rows.insert(db, "housing_options", option, HOUSING_CHECKS)


def add_expense(db: Database, expense: Expense) -> int:
    return rows.insert(db, "expenses", expense, EXPENSE_CHECKS)


def list_housing(db: Database) -> list[HousingOption]:
    return rows.select(db, HousingOption, "SELECT * FROM housing_options ORDER BY status, name")


def list_expenses(db: Database) -> list[Expense]:
    return rows.select(
        db, Expense, "SELECT * FROM expenses ORDER BY coalesce(spent_on, '9999'), category"
    )
