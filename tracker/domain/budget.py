"""Housing options and expenses (integer minor units and a currency), what a rotation is
planned to cost and has cost (B1), and whether its housing covers its nights (R4, B2)."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from fractions import Fraction

from tracker.domain.checks import (
    DATE,
    LINK_MAX,
    LONG_TEXT,
    REQUIRED_NAME,
    SHORT_TEXT,
    Check,
    InvalidValues,
    first_errors,
    max_length,
)
from tracker.domain.money import (
    check_currency,
    nights,
    parse_amount,
    prorate,
    rounded,
    usd_amount,
)
from tracker.domain.text import in_days

HOUSING_WARNING_DAYS = 28  # an accepted block with no booked housing this close: warned


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


class CostBasis(StrEnum):
    MONTH = "month"
    TOTAL = "total"


class ExpenseCategory(StrEnum):
    HOUSING = "housing"
    FOOD = "food"
    TRANSPORT = "transport"
    APPLICATION = "application"
    VISA = "visa"
    TRAVEL = "travel"
    INSURANCE = "insurance"
    EXAMS = "exams"
    OTHER = "other"


CATEGORY_LABELS = {
    ExpenseCategory.HOUSING: "Housing",
    ExpenseCategory.FOOD: "Food",
    ExpenseCategory.TRANSPORT: "Transport",
    # Their fees (B1), in few words: at 80 columns a longer label cut the amounts beside it.
    ExpenseCategory.APPLICATION: "Applications & admin",
    ExpenseCategory.VISA: "Visa",
    ExpenseCategory.TRAVEL: "Travel",
    ExpenseCategory.INSURANCE: "Insurance",
    ExpenseCategory.EXAMS: "Exams",
    ExpenseCategory.OTHER: "Other",
}


@dataclass(frozen=True)
class HousingOption:
    id: int | None = None
    rotation_id: int | None = None
    name: str = ""
    kind: str = HousingKind.OTHER
    address: str = ""
    url: str = ""
    contact: str = ""
    amount_cents: int | None = None  # minor units of currency, per month or in total
    per: str = CostBasis.MONTH
    currency: str = "USD"
    check_in: str | None = None
    check_out: str | None = None
    status: str = HousingStatus.IDEA
    notes: str = ""


@dataclass(frozen=True)
class Expense:
    id: int | None = None
    rotation_id: int | None = None
    category: str = ExpenseCategory.OTHER
    description: str = ""
    planned_cents: int | None = None  # minor units of currency
    actual_cents: int | None = None
    currency: str = "USD"
    spent_on: str | None = None


# Field checks, the same for forms, imports and the store.
HOUSING_CHECKS: dict[str, tuple[Check, ...]] = {
    "name": REQUIRED_NAME,
    "address": SHORT_TEXT,
    "url": (max_length(LINK_MAX),),
    "contact": SHORT_TEXT,
    "currency": (check_currency,),
    "check_in": DATE,
    "check_out": DATE,
    "notes": LONG_TEXT,
}
EXPENSE_CHECKS: dict[str, tuple[Check, ...]] = {
    "description": SHORT_TEXT,
    "currency": (check_currency,),
    "spent_on": DATE,
}


def _amount(values: dict[str, str], name: str, currency: str, errors: dict[str, str]) -> int | None:
    try:
        return parse_amount(values.get(name, ""), currency)
    except ValueError as error:
        errors[name] = str(error)
        return None


def housing_from_values(values: dict[str, str], rotation_id: int | None) -> HousingOption:
    errors = first_errors(values, HOUSING_CHECKS)
    currency = values.get("currency", "").strip().upper() or "USD"
    amount = None if "currency" in errors else _amount(values, "amount_cents", currency, errors)
    check_in, check_out = values.get("check_in") or None, values.get("check_out") or None
    if check_in and check_out and not errors and check_out <= check_in:
        errors["check_out"] = "check-out comes after check-in"
    if errors:
        raise InvalidValues(errors)
    return HousingOption(
        rotation_id=rotation_id,
        name=values["name"],
        kind=values.get("kind") or HousingKind.OTHER,
        address=values.get("address", ""),
        url=values.get("url", "").strip(),
        contact=values.get("contact", ""),
        amount_cents=amount,
        per=values.get("per") or CostBasis.MONTH,
        currency=currency,
        check_in=check_in,
        check_out=check_out,
        status=values.get("status") or HousingStatus.IDEA,
        notes=values.get("notes", ""),
    )


def expense_from_values(values: dict[str, str], rotation_id: int | None) -> Expense:
    errors = first_errors(values, EXPENSE_CHECKS)
    currency = values.get("currency", "").strip().upper() or "USD"
    planned = actual = None
    if "currency" not in errors:
        planned = _amount(values, "planned_cents", currency, errors)
        actual = _amount(values, "actual_cents", currency, errors)
    if errors:
        raise InvalidValues(errors)
    return Expense(
        rotation_id=rotation_id,
        category=values.get("category") or ExpenseCategory.OTHER,
        description=values.get("description", ""),
        planned_cents=planned,
        actual_cents=actual,
        currency=currency,
        spent_on=values.get("spent_on") or None,
    )


# --- B1: what a four-week rotation costs -----------------------------------------------

BLOCK_DAYS = 28


@dataclass(frozen=True)
class B1Line:
    category: str
    description: str
    low_usd: int  # the guide's range for four weeks, whole dollars
    high_usd: int
    # The planned figure: the middle of the range, scaled to the block's length.


B1 = (
    B1Line(ExpenseCategory.HOUSING, "Housing (B1: $800-2,000)", 800, 2000),
    B1Line(ExpenseCategory.FOOD, "Food (B1, with transport: $400-800)", 250, 500),
    B1Line(ExpenseCategory.TRANSPORT, "Local transport (B1, with food: $400-800)", 150, 300),
    B1Line(ExpenseCategory.APPLICATION, "Application and admin fees (B1: $100-500)", 100, 500),
)
# Visa fees and travel "vary widely" (B1): lines without a figure, for the user's own.
B1_OPEN = (
    (ExpenseCategory.VISA, "Visa fees (B1: vary widely; enter yours)"),
    (ExpenseCategory.TRAVEL, "Travel to the city (B1: varies widely; enter yours)"),
)


def b1_plan(block_days: int, housing_booked: bool) -> list[Expense]:
    """A rotation's planned lines from B1: each range's middle, for the block's length
    (four weeks when unknown); no housing line when booked housing already fills it."""
    scale = Fraction(block_days, BLOCK_DAYS)
    lines = [
        Expense(
            category=line.category,
            description=line.description,
            planned_cents=rounded(Fraction(line.low_usd + line.high_usd, 2) * scale) * 100,
        )
        for line in B1
        if not (housing_booked and line.category == ExpenseCategory.HOUSING)
    ]
    return lines + [Expense(category=c, description=d) for c, d in B1_OPEN]


# --- what a rotation costs, and its housing --------------------------------------------


def block_nights(starts_on: str, ends_on: str) -> tuple[date, date]:
    """Check-in and check-out for a block: from its first day, leaving the day after
    its last (a four-week block is 28 nights)."""
    return date.fromisoformat(starts_on), date.fromisoformat(ends_on) + timedelta(days=1)


def stay_of(option: HousingOption, block: tuple[date, date] | None) -> tuple[date, date] | None:
    """An option's own dates, else the block's."""
    if option.check_in and option.check_out:
        return date.fromisoformat(option.check_in), date.fromisoformat(option.check_out)
    return block


def housing_cost(option: HousingOption, block: tuple[date, date] | None) -> int | None:
    """What an option costs, in its currency: a total as is, a monthly rent prorated to
    the nights of its stay (or of the block)."""
    if option.amount_cents is None:
        return None
    if option.per == CostBasis.TOTAL:
        return option.amount_cents
    stay = stay_of(option, block)
    return prorate(option.amount_cents, *stay) if stay else None


@dataclass
class CategoryTotals:
    # Exact US dollars: amounts in the home currency convert back to what was entered.
    planned_usd: Fraction = Fraction(0)
    actual_usd: Fraction = Fraction(0)

    @property
    def planned(self) -> int:
        """USD cents, rounded once."""
        return rounded(self.planned_usd * 100)

    @property
    def actual(self) -> int:
        return rounded(self.actual_usd * 100)

    def add(self, other: "CategoryTotals") -> None:
        self.planned_usd += other.planned_usd
        self.actual_usd += other.actual_usd


@dataclass
class BudgetSummary:
    by_category: dict[str, CategoryTotals] = field(default_factory=dict)
    not_counted: list[str] = field(default_factory=list)  # amounts in a third currency

    @property
    def total(self) -> CategoryTotals:
        """Every category added up (rounded once, like each category)."""
        total = CategoryTotals()
        for totals in self.by_category.values():
            total.add(totals)
        return total

    @property
    def planned_usd(self) -> Fraction:
        return self.total.planned_usd

    @property
    def actual_usd(self) -> Fraction:
        return self.total.actual_usd

    @property
    def planned(self) -> int:
        return self.total.planned

    @property
    def actual(self) -> int:
        return self.total.actual


def summarise(
    expenses: list[Expense],
    booked: list[HousingOption],
    block: tuple[date, date] | None,
    rate_micros: int | None,
    home: str,
) -> BudgetSummary:
    """Planned and actual per category in USD cents. Booked housing is the housing
    line's plan (no double entry); amounts that cannot be converted are named."""
    summary = BudgetSummary()

    def add(category: str, planned: int | None, actual: int | None, code: str, what: str) -> None:
        totals = summary.by_category.setdefault(category, CategoryTotals())
        for kind, minor in (("planned", planned), ("actual", actual)):
            if minor is None:
                continue
            usd = usd_amount(minor, code, rate_micros, home)
            if usd is None:
                summary.not_counted.append(f"{what} ({code})")
            else:
                setattr(totals, f"{kind}_usd", getattr(totals, f"{kind}_usd") + usd)

    for option in booked:
        add(
            ExpenseCategory.HOUSING, housing_cost(option, block), None, option.currency, option.name
        )
    for expense in expenses:
        add(
            expense.category,
            expense.planned_cents,
            expense.actual_cents,
            expense.currency,
            expense.description,
        )
    return summary


def housing_warnings(
    status: str,
    starts_on: str | None,
    ends_on: str | None,
    booked: list[HousingOption],
    today: date,
) -> list[str]:
    """R4/B2: an accepted block close by with nothing booked; booked stays that leave
    nights of the block uncovered."""
    if not starts_on or not ends_on or status not in ("accepted", "offered"):
        return []
    block = block_nights(starts_on, ends_on)
    if not booked:
        days = (block[0] - today).days
        if status == "accepted" and 0 <= days <= HOUSING_WARNING_DAYS:
            return [f"No housing booked and the block starts {in_days(days)}."]
        return []
    covered: set[date] = set()
    for option in booked:
        stay = stay_of(option, block)
        if stay:
            covered.update(nights(*stay))
    wanted = nights(*block)
    missing = [night for night in wanted if night not in covered]
    if not missing:
        return []
    first, last = missing[0], missing[-1]
    span = (
        f"{first.day} {first:%b}"
        if first == last
        else f"{first.day} {first:%b} – {last.day} {last:%b}"
    )
    return [
        f"Booked housing covers {len(wanted) - len(missing)} of {len(wanted)} nights of the "
        f"block ({len(missing)} uncovered, {span})."
    ]
