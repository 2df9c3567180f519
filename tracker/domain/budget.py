"""Housing options and expenses, in integer cents."""

from dataclasses import dataclass
from enum import StrEnum

from tracker.domain.checks import (
    DATE,
    LINK_MAX,
    LONG_TEXT,
    REQUIRED_NAME,
    SHORT_TEXT,
    Check,
    max_length,
)


class HousingKind(StrEnum):
    STUDENT_HOUSING = "student_housing"
    HOSTEL = "hostel"
    SUBLET = "sublet"
    SHORT_LET = "short_let"
    HOTEL = "hotel"
    OTHER = "other"


class HousingStatus(StrEnum):
    IDEA = "idea"
    CONTACTED = "contacted"
    BOOKED = "booked"
    REJECTED = "rejected"


class ExpenseCategory(StrEnum):
    HOUSING = "housing"
    FOOD = "food"
    TRANSPORT = "transport"
    APPLICATION = "application"
    VISA = "visa"
    TRAVEL = "travel"
    INSURANCE = "insurance"
    OTHER = "other"


@dataclass(frozen=True)
class HousingOption:
    id: int | None = None
    rotation_id: int | None = None
    name: str = ""
    kind: str = HousingKind.OTHER
    monthly_cents: int | None = None
    currency: str = "USD"
    status: str = HousingStatus.IDEA
    url: str = ""
    notes: str = ""


@dataclass(frozen=True)
class Expense:
    id: int | None = None
    rotation_id: int | None = None
    category: str = ExpenseCategory.OTHER
    description: str = ""
    planned_cents: int | None = None
    actual_cents: int | None = None
    currency: str = "USD"
    spent_on: str | None = None


# Field checks, the same for forms, imports and the store.
HOUSING_CHECKS: dict[str, tuple[Check, ...]] = {
    "name": REQUIRED_NAME,
    "url": (max_length(LINK_MAX),),
    "notes": LONG_TEXT,
}
EXPENSE_CHECKS: dict[str, tuple[Check, ...]] = {
    "description": SHORT_TEXT,
    "spent_on": DATE,
}
