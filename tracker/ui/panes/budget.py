"""Housing & Budget: per rotation, what it was planned to cost and what it has cost, by
category, in dollars and the home currency; its housing, and whether it covers the block."""

from fractions import Fraction

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import DataTable, OptionList, Static

from tracker.domain.budget import (
    CATEGORY_LABELS,
    BudgetSummary,
    Expense,
    HousingOption,
    block_nights,
    housing_cost,
    housing_warnings,
    stay_of,
)
from tracker.domain.eras import fees
from tracker.domain.money import format_money, format_rate, in_both, nights, rounded
from tracker.domain.profile import Profile
from tracker.domain.seasons import eras_limits
from tracker.domain.text import plural
from tracker.store import budget
from tracker.store.budget import Scope
from tracker.store.profile import get_profile
from tracker.ui.format import block, excerpt, label, short_date
from tracker.ui.panes.base import AreaPane
from tracker.ui.panes.budget_actions import MoneyActions
from tracker.ui.text import Plain
from tracker.ui.widgets import options
from tracker.ui.widgets.tables import Cell, PagedTable, Table, make_table, show_records

CHART_WIDTH = 16
# A housing name longer than this ends in "…" (enter shows it whole): at 80 columns the
# cost beside it was cut inside its amount.
HOUSING_NAME_WIDTH = 30


class BudgetPane(MoneyActions, AreaPane):
    PANE_ID = "budget"
    READS = frozenset({"budget", "programs", "profile"})
    BINDINGS = [
        Binding("n", "new_expense", "Expense", id="budget.expense", tooltip="A new expense here"),
        Binding("h", "new_housing", "Housing", id="budget.housing", tooltip="A new housing option"),
        Binding("b", "book", "Book", id="budget.book", tooltip="Mark the selected housing booked"),
        Binding(
            "B",
            "plan_b1",
            "Plan (B1)",
            id="budget.plan",
            tooltip="Planned lines from the guide's B1 ranges for this rotation",
        ),
        Binding("d", "delete", "Delete", id="budget.delete", show=False, tooltip="Delete (asks)"),
        Binding(
            "left_square_bracket",
            "step_scope(-1)",
            "Prev",
            id="budget.previous",
            tooltip="Rotation above",
        ),
        Binding(
            "right_square_bracket",
            "step_scope(1)",
            "Next",
            id="budget.next",
            tooltip="Rotation below",
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.scopes: list[Scope] = []
        self.scope: Scope | None = None
        self.profile = Profile()

    def build(self) -> ComposeResult:
        # A summary to read, not to act on: the keys go to the housing and expense lists.
        categories: DataTable[Cell] = Table(id="budget-categories", cursor_type="none")
        categories.can_focus = False
        categories.add_columns("Category", "Planned", "Spent", "Left", "Spent of planned")
        housing: DataTable[Cell] = Table(id="housing-table", cursor_type="row")
        # Whether it is booked first, the kind last: at 120 columns the last ones scroll off.
        housing.add_columns("Housing", "Status", "Cost", "Stay", "Kind")
        yield Horizontal(
            options.SideList(id="budget-scopes"),
            VerticalScroll(
                Plain("", id="budget-summary"),
                categories,
                Plain("Housing (h adds, b books)", classes="section-title"),
                housing,
                Plain("Expenses (n adds, enter edits)", classes="section-title"),
                make_table(
                    "expenses-table", ["Category", "Description", "Planned", "Spent", "Date"]
                ),
                id="budget-main",
                can_focus=False,
            ),
            id="budget-panes",
        )

    def load(self) -> None:
        self.profile = get_profile(self.db)
        self.scopes = budget.scopes(self.db)
        index = options.refill(
            self.query_one("#budget-scopes", OptionList),
            ((s.key, self._scope_line(s)) for s in self.scopes),
            self.scope.key if self.scope else None,
            self._current_index(),
        )
        self._show(self.scopes[index])

    def _current_index(self) -> int:
        """The block under way or next, else every rotation."""
        today = self.today.isoformat()
        for index, scope in enumerate(self.scopes):
            if scope.status == "accepted" and (scope.ends_on or today) >= today:
                return index
        return 0

    def _scope_line(self, scope: Scope) -> Text:
        text = Text(scope.name, style="" if scope.rotation_id else "bold")
        if scope.starts_on:
            text.append(f"\n  {short_date(scope.starts_on)} · {label(scope.status)}", style="dim")
        return text

    @on(OptionList.OptionHighlighted, "#budget-scopes")
    def _scope_chosen(self, event: OptionList.OptionHighlighted) -> None:
        scope = next((s for s in self.scopes if s.key == event.option.id), None)
        if scope is not None and scope != self.scope:
            self._show(scope)

    def action_step_scope(self, step: int) -> None:
        options.step(self.query_one("#budget-scopes", OptionList), step)

    # --- showing a scope --------------------------------------------------------------

    def _show(self, scope: Scope) -> None:
        self.scope = scope
        found = budget.summary(self.db, scope, self.profile)
        self._summarise(scope, found)
        self._categories(found)
        housing_options = budget.list_housing(self.db, scope)
        self._housing(scope, housing_options)
        show_records(
            self.query_one("#expenses-table", PagedTable),
            lambda offset, limit: budget.list_expenses(self.db, scope, limit, offset),
            budget.count_expenses(self.db, scope),
            _expense_cells,
        )

    def money(self, dollars: Fraction) -> str:
        """Dollars, and the home currency beside them when the profile has a rate."""
        return in_both(dollars, self.profile.usd_rate_micros, self.profile.home_currency)

    def _summarise(self, scope: Scope, found: BudgetSummary) -> None:
        text = Text(scope.name, style="bold")
        if scope.starts_on:
            text.append(f"  block {block(scope.starts_on, scope.ends_on)}", style="dim")
        left = found.planned_usd - found.actual_usd
        text.append(
            f"\nPlanned {self.money(found.planned_usd)}  ·  spent {self.money(found.actual_usd)}"
        )
        text.append(
            f"  ·  {'left' if left >= 0 else 'over'} {self.money(abs(left))}",
            style="bold" if left >= 0 else "bold red",
        )
        if scope.key in (budget.EVERYTHING, budget.UNLINKED) and self.profile.eras_programs:
            limits = eras_limits(self.profile.match_year)
            cost = fees(self.profile.eras_programs, limits)
            text.append(
                f"\nERAS {limits.season} application fees, planned: {self.money(Fraction(cost))} "
                f"for {plural(self.profile.eras_programs, 'program')}"
            )
            if scope.key == budget.EVERYTHING:
                season = found.planned_usd + cost
                text.append(f"  ·  the season, planned: {self.money(season)}", style="bold")
            text.append("  (f in ERAS, 7, changes it)", style="dim")
        if scope.rotation_id is not None:
            booked = budget.booked_housing(self.db, scope.rotation_id)
            for warning in housing_warnings(
                scope.status, scope.starts_on, scope.ends_on, booked, self.today
            ):
                text.append(f"\n{warning}", style="bold yellow")
        home, rate = self.profile.home_currency, self.profile.usd_rate_micros
        if home and rate and home != "USD":
            when = f" of {short_date(self.profile.rate_on)}" if self.profile.rate_on else ""
            text.append(
                f"\nAt your rate{when}: 1 USD = {format_rate(rate)} {home} "
                "(the profile, key p, changes it).",
                style="dim",
            )
        elif not home:
            text.append(
                "\nYour home currency and rate go in the profile (key p), for totals in both.",
                style="dim",
            )
        if found.not_counted:
            text.append(
                f"\nNot added up (another currency, no rate): {', '.join(found.not_counted[:3])}",
                style="yellow",
            )
        self.query_one("#budget-summary", Static).update(text)

    def _categories(self, found: BudgetSummary) -> None:
        table = self.query_one("#budget-categories", DataTable)
        table.clear()
        for category, name in CATEGORY_LABELS.items():
            totals = found.by_category.get(category)
            if totals is None or not (totals.planned or totals.actual):
                continue
            table.add_row(
                name,
                format_money(totals.planned),
                format_money(totals.actual),
                _left(totals.planned - totals.actual),
                _chart(totals.planned, totals.actual),
                key=category,
            )
        table.add_row(
            Text("Total", style="bold"),
            Text(format_money(found.planned), style="bold"),
            Text(format_money(found.actual), style="bold"),
            _left(found.planned - found.actual),
            _chart(found.planned, found.actual),
            key="total",
        )

    def _housing(self, scope: Scope, found: list[HousingOption]) -> None:
        table = self.query_one("#housing-table", DataTable)
        table.clear()
        block_stay = None
        if scope.starts_on and scope.ends_on:
            block_stay = block_nights(scope.starts_on, scope.ends_on)
        for option in found:
            cost = housing_cost(option, block_stay)
            stay = stay_of(option, block_stay)
            cost_text = format_money(cost, option.currency) if cost is not None else ""
            # The nights beside the dates (a month's rent is costed night by night), not
            # after the amount: a narrow table cut "for 28 nights" to "for 2".
            count = plural(len(nights(*stay)), "night") if stay else "nights"
            if option.check_in and option.check_out:
                dates = f"{count}: {block(option.check_in, option.check_out)}"
            else:
                dates = f"the block's {count}"
            booked = option.status == "booked"
            table.add_row(
                excerpt(option.name, HOUSING_NAME_WIDTH),
                Text(label(option.status), style="bold green" if booked else ""),
                cost_text,
                dates,
                label(option.kind),
                key=str(option.id),
            )
        table.display = bool(found)


def _left(minor: int) -> Text:
    return Text(format_money(minor), style="" if minor >= 0 else "bold red")


def _chart(planned: int, actual: int) -> Text:
    """Spent as a share of planned: a bar that turns red past the plan."""
    if planned <= 0:
        return Text("no plan" if actual else "", style="dim")
    share = Fraction(actual, planned)  # cents stay integers, even for a bar
    filled = min(CHART_WIDTH, rounded(CHART_WIDTH * share))
    text = Text("█" * filled, style="red" if share > 1 else "green")
    text.append("░" * (CHART_WIDTH - filled), style="dim")
    text.append(f" {rounded(share * 100)}%")
    return text


def _expense_cells(expense: Expense) -> list[Cell]:
    return [
        label(expense.category),
        expense.description,
        format_money(expense.planned_cents, expense.currency),
        format_money(expense.actual_cents, expense.currency),
        short_date(expense.spent_on),
    ]
