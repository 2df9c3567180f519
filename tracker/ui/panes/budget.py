"""Housing & Budget: housing options and planned / actual expenses."""

from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from tracker.domain.checks import format_cents
from tracker.store import budget
from tracker.ui.format import label, short_date
from tracker.ui.panes.base import AreaPane
from tracker.ui.widgets.tables import fill_table, make_table


class BudgetPane(AreaPane):
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
        fill_table(
            self.query_one("#housing-table", DataTable),
            [
                (
                    h.id,
                    [
                        h.name,
                        label(h.kind),
                        format_cents(h.monthly_cents, h.currency),
                        label(h.status),
                    ],
                )
                for h in budget.list_housing(self.db)
            ],
        )
        expenses = budget.list_expenses(self.db)
        planned = sum(e.planned_cents or 0 for e in expenses)
        actual = sum(e.actual_cents or 0 for e in expenses)
        self.query_one("#budget-totals", Static).update(
            f"Expenses — planned {format_cents(planned)}, spent {format_cents(actual)}"
        )
        fill_table(
            self.query_one("#expenses-table", DataTable),
            [
                (
                    e.id,
                    [
                        label(e.category),
                        e.description,
                        format_cents(e.planned_cents, e.currency),
                        format_cents(e.actual_cents, e.currency),
                        short_date(e.spent_on),
                    ],
                )
                for e in expenses
            ],
        )
