"""Form fields for housing options and expenses, with the domain's checks."""

from tracker.domain.budget import (
    CATEGORY_LABELS,
    EXPENSE_CHECKS,
    HOUSING_CHECKS,
    CostBasis,
    Expense,
    HousingKind,
    HousingOption,
    HousingStatus,
)
from tracker.domain.checks import Check, field_texts
from tracker.domain.money import amount_text, check_amount
from tracker.ui.format import label
from tracker.ui.modals.form import Field

AMOUNT: tuple[Check, ...] = (check_amount,)

HOUSING_FIELDS = [
    Field("name", "Name *", HOUSING_CHECKS["name"]),
    Field("kind", "Kind", choices=tuple((label(k), k.value) for k in HousingKind)),
    Field("status", "Status", choices=tuple((label(s), s.value) for s in HousingStatus)),
    Field("amount_cents", "Cost", AMOUNT, placeholder="e.g. 1150"),
    Field(
        "per", "Cost is", choices=(("per month", CostBasis.MONTH), ("the total", CostBasis.TOTAL))
    ),
    Field("currency", "Currency", HOUSING_CHECKS["currency"], placeholder="USD"),
    Field(
        "check_in",
        "Check-in",
        HOUSING_CHECKS["check_in"],
        placeholder="YYYY-MM-DD (else the block's)",
    ),
    Field("check_out", "Check-out", HOUSING_CHECKS["check_out"], placeholder="YYYY-MM-DD"),
    Field("address", "Address", HOUSING_CHECKS["address"]),
    Field("url", "Link", HOUSING_CHECKS["url"], placeholder="https://…"),
    Field("contact", "Contact", HOUSING_CHECKS["contact"]),
    Field("notes", "Notes", HOUSING_CHECKS["notes"]),
]

EXPENSE_FIELDS = [
    Field(
        "category",
        "Category",
        choices=tuple((text, c.value) for c, text in CATEGORY_LABELS.items()),
    ),
    Field("description", "Description", EXPENSE_CHECKS["description"]),
    Field("planned_cents", "Planned", AMOUNT, placeholder="e.g. 600"),
    Field("actual_cents", "Spent", AMOUNT, placeholder="empty until paid"),
    Field("currency", "Currency", EXPENSE_CHECKS["currency"], placeholder="USD"),
    Field("spent_on", "Date", EXPENSE_CHECKS["spent_on"], placeholder="YYYY-MM-DD"),
]


def housing_values(option: HousingOption) -> dict[str, str]:
    values = field_texts(option)
    values["amount_cents"] = amount_text(option.amount_cents, option.currency)
    return values


def expense_values(expense: Expense) -> dict[str, str]:
    values = field_texts(expense)
    values["planned_cents"] = amount_text(expense.planned_cents, expense.currency)
    values["actual_cents"] = amount_text(expense.actual_cents, expense.currency)
    return values
