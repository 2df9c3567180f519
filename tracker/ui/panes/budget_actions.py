"""The Housing & Budget pane's writes: expenses and housing options added, edited,
deleted, booked, and a rotation's plan from B1. A part of BudgetPane, kept apart for size."""

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from textual import on
from textual.widgets import DataTable

from tracker.domain.budget import expense_from_values, housing_from_values
from tracker.domain.checks import InvalidValues
from tracker.domain.text import plural
from tracker.store import budget
from tracker.store.budget import Scope
from tracker.store.db import AwayDatabase
from tracker.ui.messages import RecordsChanged
from tracker.ui.panes.base import AreaPane
from tracker.ui.widgets.tables import selected_key

if TYPE_CHECKING:
    from tracker.ui.modals.form import Field


class MoneyActions(AreaPane):
    # Provided by BudgetPane.
    scope: Scope | None

    def _written(self) -> None:
        self.reload()
        self.post_message(RecordsChanged("budget", self))

    def _rotation_id(self) -> int | None:
        """The rotation new records belong to (None: not tied to one)."""
        return self.scope.rotation_id if self.scope else None

    def _form(
        self,
        title: str,
        fields: "list[Field]",
        values: dict[str, str],
        write: Callable[[dict[str, str]], object],
    ) -> None:
        from tracker.ui.modals.form import FormScreen

        if self.away.refuse_if_read_only():
            return

        def save(values: dict[str, str]) -> dict[str, str]:
            try:
                write(values)
            except InvalidValues as refused:
                return refused.errors
            return {}

        def saved(values: dict[str, str] | None) -> None:
            if values is not None:
                self._written()

        self.app.push_screen(FormScreen(title, fields, values, save), saved)

    def _where(self) -> str:
        scope = self.scope
        return scope.name if scope and scope.rotation_id else "no rotation"

    def action_new_expense(self) -> None:
        from tracker.ui.modals.budget import EXPENSE_FIELDS

        rotation_id = self._rotation_id()
        self._form(
            f"A new expense ({self._where()})",
            EXPENSE_FIELDS,
            # Not tied to a block: fees, visa, insurance; no guess at a category.
            {"currency": "USD", "category": "food" if rotation_id else "other"},
            lambda values: budget.add_expense(self.db, expense_from_values(values, rotation_id)),
        )

    def action_new_housing(self) -> None:
        from tracker.ui.modals.budget import HOUSING_FIELDS

        rotation_id = self._rotation_id()
        if rotation_id is None:
            self.notify(
                "Choose a rotation first: [ and ] step through them (any live application, "
                "even an idea); housing belongs to a block."
            )
            return
        self._form(
            f"A housing option for {self._where()}",
            HOUSING_FIELDS,
            {"currency": "USD", "per": "month", "status": "idea"},
            lambda values: budget.add_housing(self.db, housing_from_values(values, rotation_id)),
        )

    @on(DataTable.RowSelected, "#expenses-table")
    def _edit_expense(self) -> None:
        from tracker.ui.modals.budget import EXPENSE_FIELDS, expense_values

        expense_id = selected_key(self.query_one("#expenses-table", DataTable))
        expense = budget.get_expense(self.db, expense_id) if expense_id else None
        if expense is None:
            return

        def write(values: dict[str, str]) -> None:
            new = expense_from_values(values, expense.rotation_id)
            budget.update_expense(self.db, replace(new, id=expense.id))

        self._form("The expense", EXPENSE_FIELDS, expense_values(expense), write)

    @on(DataTable.RowSelected, "#housing-table")
    def _edit_housing(self) -> None:
        from tracker.ui.modals.budget import HOUSING_FIELDS, housing_values

        option_id = selected_key(self.query_one("#housing-table", DataTable))
        option = budget.get_housing(self.db, option_id) if option_id else None
        if option is None:
            return

        def write(values: dict[str, str]) -> None:
            new = housing_from_values(values, option.rotation_id)
            budget.update_housing(self.db, replace(new, id=option.id))

        self._form("The housing option", HOUSING_FIELDS, housing_values(option), write)

    def action_book(self) -> None:
        table = self.query_one("#housing-table", DataTable)
        option_id = selected_key(table) if table.row_count else None
        option = budget.get_housing(self.db, option_id) if option_id else None
        if option is None:
            self.notify("Select a housing option first (tab to the housing list).")
            return
        booked = replace(option, status="booked")
        if self.away.try_write(lambda: budget.update_housing(self.db, booked)):
            self.notify(f"Booked: {option.name}. Its cost is now the housing line's plan.")
            self._written()

    def action_plan_b1(self) -> None:
        rotation_id = self._rotation_id()
        if rotation_id is None:
            self.notify("Choose a rotation first: [ and ] step through them; B1 plans one block.")
            return
        added: list[int] = []
        if self.away.try_write(lambda: added.append(budget.plan_from_b1(self.db, rotation_id))):
            count = added[0]
            self.notify(
                f"{plural(count, 'planned line')} added from B1 (the middle of each range)."
                if count
                else "Every B1 category has a line already: edit them instead."
            )
            self._written()

    def action_delete(self) -> None:
        from tracker.ui.modals.confirm import ConfirmScreen

        focused = self.app.focused
        if not isinstance(focused, DataTable) or focused.id not in (
            "expenses-table",
            "housing-table",
        ):
            self.notify("Select an expense or a housing option first.")
            return
        record_id = selected_key(focused)
        if record_id is None or self.away.refuse_if_read_only():
            return
        delete: Callable[[AwayDatabase, int], None]
        if focused.id == "expenses-table":
            expense = budget.get_expense(self.db, record_id)
            what = f"the expense “{expense.description if expense else ''}”"
            delete = budget.delete_expense
        else:
            option = budget.get_housing(self.db, record_id)
            what = f"the housing option “{option.name if option else ''}”"
            delete = budget.delete_housing

        def answer(yes: bool | None) -> None:
            if yes and self.away.try_write(lambda: delete(self.db, record_id)):
                self._written()

        self.app.push_screen(ConfirmScreen(f"Delete {what}?"), answer)
