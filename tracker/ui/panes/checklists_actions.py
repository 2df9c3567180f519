"""The Checklists pane's writes: new, edit, delete, done, open a scan, apply templates.
A part of ChecklistsPane, kept apart for size."""

from dataclasses import replace

from textual import on
from textual.widgets import DataTable

from tracker.domain.checklist_templates import TEMPLATE_LABELS, TEMPLATES
from tracker.domain.checklists import ChecklistItem, item_from_values, item_values
from tracker.domain.text import plural
from tracker.store import checklists
from tracker.store.checklists import Group
from tracker.ui.messages import RecordsChanged
from tracker.ui.panes.base import AreaPane
from tracker.ui.widgets.tables import PagedTable, selected_key

ALL_TEMPLATES = "all"


class ItemActions(AreaPane):
    # Provided by ChecklistsPane.
    group: Group | None

    def _fill(self) -> None:
        raise NotImplementedError

    def selected_item(self) -> ChecklistItem | None:
        item_id = selected_key(self.query_one("#checklist-table", PagedTable))
        return checklists.get_item(self.db, item_id) if item_id else None

    def _written(self) -> None:
        self.reload()  # the groups' progress changes with any write
        self.post_message(RecordsChanged("checklists", self))

    def action_toggle_done(self) -> None:
        item = self.selected_item()
        if item is None or item.id is None:
            return
        item_id, today = item.id, self.today.isoformat()
        if self.away.try_write(lambda: checklists.toggle_done(self.db, item_id, today)):
            self._written()

    def action_new_item(self) -> None:
        if self.group is not None:
            self._open_form(None, {"category": "document", "status": "todo"})

    @on(DataTable.RowSelected, "#checklist-table")
    def _edit(self) -> None:
        item = self.selected_item()
        if item is not None:
            self._open_form(item, item_values(item))

    def _open_form(self, item: ChecklistItem | None, values: dict[str, str]) -> None:
        from tracker.domain.checks import InvalidValues
        from tracker.ui.modals.checklists import ITEM_FIELDS
        from tracker.ui.modals.form import FormScreen

        if self.away.refuse_if_read_only() or self.group is None:
            return
        rotation_id = item.rotation_id if item else self.group.rotation_id
        where = self.group.name if item is None else "this list"

        def save(values: dict[str, str]) -> dict[str, str]:
            try:
                new = item_from_values(values, rotation_id)
            except InvalidValues as refused:
                return refused.errors
            if item is None:
                checklists.add_item(self.db, new)
            else:
                checklists.update_item(self.db, replace(new, id=item.id))
            return {}

        def saved(values: dict[str, str] | None) -> None:
            if values is not None:
                self._written()

        title = f"A new item for {where}" if item is None else "The checklist item"
        self.app.push_screen(FormScreen(title, ITEM_FIELDS, values, save), saved)

    def action_delete_item(self) -> None:
        from tracker.ui.modals.confirm import ConfirmScreen

        item = self.selected_item()
        if item is None or item.id is None or self.away.refuse_if_read_only():
            return
        item_id = item.id

        def answer(yes: bool | None) -> None:
            if yes and self.away.try_write(lambda: checklists.delete_item(self.db, item_id)):
                self._written()

        self.app.push_screen(ConfirmScreen(f"Delete “{item.title}”?"), answer)

    def action_open_scan(self) -> None:
        from tracker.services.opening import open_with_system

        item = self.selected_item()
        if item is None:
            return
        problem = open_with_system(item.scan_path)
        self.notify(
            problem or f"Opening {item.scan_path}", severity="warning" if problem else "information"
        )

    def action_apply_templates(self) -> None:
        from tracker.ui.modals.choice import ChoiceScreen

        group = self.group
        if group is None or self.away.refuse_if_read_only():
            return
        choices = [("Documents, immunizations and visa steps", ALL_TEMPLATES)]
        choices += [(text, name) for name, text in TEMPLATE_LABELS.items()]

        def chosen(name: str | None) -> None:
            if name:
                self.apply_templates(group, list(TEMPLATES) if name == ALL_TEMPLATES else [name])

        self.app.push_screen(ChoiceScreen(f"Add to {group.name}:", choices), chosen)

    def apply_templates(self, group: Group, names: list[str]) -> None:
        added: list[int] = []

        def write() -> None:
            added.append(checklists.apply_templates(self.db, names, group.rotation_id))

        if self.away.try_write(write):
            count = added[0]
            self.notify(
                f"{plural(count, 'item')} added to {group.name}"
                + ("" if count else " (every one was there already)")
                + (
                    ", with due dates from its deadline and block."
                    if count and group.rotation_id
                    else "."
                )
            )
            self._written()
