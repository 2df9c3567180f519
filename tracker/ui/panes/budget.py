"""Housing & Budget: housing options and planned / actual expenses."""

from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from tracker.domain.budget import Expense, HousingOption
from tracker.domain.checks import format_cents
from tracker.store import budget
from tracker.ui.format import label, short_date
from tracker.ui.panes.base import AreaPane
from tracker.ui.widgets.tables import Cell, make_table, show_records


class BudgetPane(AreaPane):
    READS = frozenset({"budget"})

    def __init__(self) -> None:
        super().__init__("Housing & Budget", id="budget")

    def build(self) -> ComposeResult:
        yield Static("Housing options", classes="section-title")
        yield make_table(
            "housing-table", ["Option", "Kind", "Per month", "Status"], classes="upper-table"
        )
        yield Static("", id="budget-totals", classes="section-title")
        yield make_table("expenses-table", ["Category", "Description", "Planned", "Actual", "Date"])

    def load(self) -> None:
        show_records(
            self.query_one("#housing-table", DataTable),
            lambda offset, limit: budget.list_housing(self.db, limit, offset),
            budget.count_housing(self.db),
            _housing_cells,
        )
        planned, actual = budget.expense_totals(self.db)
        self.query_one("#budget-totals", Static).update(
            f"Expenses — planned {format_cents(planned)}, spent {format_cents(actual)}"
        )
        show_records(
            self.query_one("#expenses-table", DataTable),
            lambda offset, limit: budget.list_expenses(self.db, limit, offset),
            budget.count_expenses(self.db),
            _expense_cells,
        )


def _housing_cells(h: HousingOption) -> list[Cell]:
    return [h.name, label(h.kind), format_cents(h.monthly_cents, h.currency), label(h.status)]


def _expense_cells(e: Expense) -> list[Cell]:
    return [
        label(e.category),
        e.description,
        format_cents(e.planned_cents, e.currency),
        format_cents(e.actual_cents, e.currency),
        short_date(e.spent_on),
    ]
