"""Checklists: visa, immunization, document and travel items, per rotation and the user's
own; each group's progress, what is missing, overdue, or too old for the block."""

from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.timer import Timer
from textual.widgets import DataTable, Input, OptionList, Static

from tracker.domain.checklists import (
    STATUS_LABELS,
    ChecklistItem,
    due_now,
    expiring,
    is_overdue,
)
from tracker.domain.text import plural
from tracker.store import checklists
from tracker.store.checklists import Group
from tracker.ui.format import block, excerpt, label, relative_days, short_date
from tracker.ui.panes.base import AreaPane, Target
from tracker.ui.panes.checklists_actions import ItemActions
from tracker.ui.text import Plain
from tracker.ui.widgets import options
from tracker.ui.widgets.tables import Cell, PagedTable, make_table, select_row, show_records

COLUMNS = ["Status", "Item", "Due / done", "Check", "Category", "Rule"]


class ChecklistsPane(ItemActions, AreaPane):
    PANE_ID = "checklists"
    READS = frozenset({"checklists", "programs"})
    BINDINGS = [
        Binding("space", "toggle_done", "Done", id="checklists.done", tooltip="Done today / to do"),
        Binding("n", "new_item", "New", id="checklists.new", tooltip="A new item in this group"),
        Binding(
            "a",
            "apply_templates",
            "Templates",
            id="checklists.templates",
            tooltip="Add the documents, immunizations and visa steps the guide lists",
        ),
        Binding(
            "m",
            "toggle_missing",
            "Missing",
            id="checklists.missing",
            tooltip="Only what is still missing, or every item",
        ),
        Binding(
            "o",
            "open_scan",
            "Open scan",
            id="checklists.open",
            show=False,
            tooltip="Open the item's scan",
        ),
        Binding(
            "d",
            "delete_item",
            "Delete",
            id="checklists.delete",
            show=False,
            tooltip="Delete the item (asks)",
        ),
        Binding(
            "left_square_bracket",
            "step_group(-1)",
            "Prev",
            id="checklists.previous",
            tooltip="The group above: your own items or another rotation",
        ),
        Binding(
            "right_square_bracket",
            "step_group(1)",
            "Next",
            id="checklists.next",
            tooltip="The group below",
        ),
        Binding("slash", "filter", "Filter", id="checklists.filter", tooltip="Filter by words"),
        Binding(
            "escape",
            "clear_filter",
            "Clear",
            id="checklists.clear",
            show=False,
            tooltip="Every item",
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.groups: list[Group] = []
        self.group: Group | None = None
        self.missing_only = False
        self.block: tuple[date | None, date | None] = (None, None)
        self._filter_timer: Timer | None = None

    def build(self) -> ComposeResult:
        yield Horizontal(
            options.SideList(id="checklist-groups"),
            Vertical(
                Plain("", id="checklist-summary"),
                Input(placeholder="/ filter items", id="checklist-filter", compact=True),
                make_table("checklist-table", COLUMNS),
                id="checklist-main",
            ),
            id="checklist-panes",
        )

    def load(self) -> None:
        today = self.today.isoformat()
        self.groups = checklists.groups(self.db, today)
        index = options.refill(
            self.query_one("#checklist-groups", OptionList),
            ((g.key, self._group_line(g)) for g in self.groups),
            self.group.key if self.group else None,
            self._first_with_work(),
        )
        self._show_group(self.groups[index])

    def _first_with_work(self) -> int:
        """The first rotation not yet over that has something open, else the user's own."""
        today = self.today.isoformat()
        for index, group in enumerate(self.groups):
            if (
                group.rotation_id
                and group.total > group.settled
                and (group.ends_on or today) >= today
            ):
                return index
        return 0

    def _group_line(self, group: Group) -> Text:
        text = Text(group.name, style="bold" if group.rotation_id is None else "")
        progress = f"{group.settled}/{group.total}" if group.total else "empty"
        text.append(f"\n  {progress}", style="dim")
        if group.starts_on:
            text.append(f" · {short_date(group.starts_on)}", style="dim")
        if group.overdue:
            text.append(f" · {group.overdue} overdue", style="bold red")
        return text

    @on(OptionList.OptionHighlighted, "#checklist-groups")
    def _group_chosen(self, event: OptionList.OptionHighlighted) -> None:
        group = next((g for g in self.groups if g.key == event.option.id), None)
        if group is not None and group != self.group:
            self._show_group(group)

    def _show_group(self, group: Group) -> None:
        self.group = group
        if group.rotation_id is None:
            upcoming = checklists.next_block(self.db, self.today.isoformat())
            starts, ends = upcoming if upcoming else (None, None)
        else:
            starts, ends = group.starts_on, group.ends_on
        self.block = (
            date.fromisoformat(starts) if starts else None,
            date.fromisoformat(ends) if ends else None,
        )
        self._fill()

    def _fill(self) -> None:
        if self.group is None:
            return
        rotation_id = self.group.rotation_id
        text = self.query_one("#checklist-filter", Input).value
        table = self.query_one("#checklist-table", PagedTable)
        show_records(
            table,
            lambda offset, limit: checklists.list_items(
                self.db, rotation_id, self.missing_only, text, limit, offset
            ),
            checklists.count_items(self.db, rotation_id, self.missing_only, text),
            self._cells,
        )
        self._summarise()

    def _summarise(self) -> None:
        """The group's answer without arithmetic: missing, overdue, too old for the block."""
        group = self.group
        if group is None:
            return
        everything = checklists.list_items(self.db, group.rotation_id)
        missing = [i for i in everything if not i.settled]
        overdue = [i for i in missing if is_overdue(i, self.today, group.block)]
        too_old = [(i, e) for i in everything if (e := expiring(i, *self.block))]
        text = Text(group.name, style="bold")
        starts, ends = self.block
        if group.rotation_id is None:
            text.append("  your own items", style="dim")
            if starts:
                text.append(
                    f", checked against your next block ({short_date(starts.isoformat())})",
                    style="dim",
                )
        elif group.starts_on:
            text.append(f"  block {block(group.starts_on, group.ends_on)}", style="dim")
            text.append(" · with your own documents and vaccines (yours)", style="dim")
        text.append(
            f"\n{len(everything) - len(missing)} of {plural(len(everything), 'item')} done; "
        )
        if not everything:
            text.append("nothing here yet: a adds the guide's templates, n your own item.")
        elif not missing and not too_old:
            text.append("nothing missing.", style="green")
        else:
            text.append(f"missing {len(missing)}", style="bold" if missing else "")
            if overdue:
                text.append(f", {len(overdue)} overdue", style="bold red")
            for item, verdict in too_old[:2]:
                text.append(f"\n{item.title[:40]}: {verdict.describe()}", style="bold yellow")
            if len(too_old) > 2:
                text.append(f" (and {len(too_old) - 2} more)")
        if self.missing_only:
            text.append("\nShowing only what is missing (m: every item).", style="dim")
        self.query_one("#checklist-summary", Static).update(text)

    def _cells(self, item: ChecklistItem) -> list[Cell]:
        status = Text(STATUS_LABELS.get(item.status, item.status))  # type: ignore[call-overload]
        if item.done:
            status.stylize("green")
        due = due_now(item, self.today, self.group.block if self.group else None)
        when: Cell = (
            short_date(item.done_on)
            if item.done
            else relative_days(due, self.today)
            if due
            else short_date(item.due_on)  # its block is over: a date, no longer a to-do
        )
        if due and due < self.today.isoformat():
            when = Text(str(when), style="bold red")
        verdict = expiring(item, *self.block)
        check: Cell = Text(verdict.short(), style="bold yellow") if verdict else ""
        if not verdict and item.valid_until:
            check = f"valid to {short_date(item.valid_until)}"
        kind = label(item.category)
        if self.group and self.group.rotation_id and item.rotation_id is None:
            kind += " · yours"  # kept once, ticked once, judged here by this block's dates
        return [status, excerpt(item.title, 44), when, check, kind, item.rule_id]

    def reveal(self, target: Target) -> None:
        rotation_id = target.rotation_id
        if target.record_id is not None and (
            item := checklists.get_item(self.db, target.record_id)
        ):
            rotation_id = item.rotation_id
        group = next((g for g in self.groups if g.rotation_id == rotation_id), None)
        if group is None:
            return
        self.query_one("#checklist-groups", OptionList).highlighted = self.groups.index(group)
        self.query_one("#checklist-filter", Input).value = ""
        self.missing_only = False  # the line may be about an item already done
        self._show_group(group)
        if target.record_id is not None:
            select_row(self.query_one("#checklist-table", PagedTable), target.record_id)

    # --- filter ----------------------------------------------------------------------

    @on(Input.Changed, "#checklist-filter")
    def _filter_typed(self) -> None:
        if self._filter_timer:
            self._filter_timer.stop()
        self._filter_timer = self.set_timer(0.15, self._fill)

    @on(Input.Submitted, "#checklist-filter")
    def _filter_done(self) -> None:
        self._fill()
        self.query_one("#checklist-table", PagedTable).focus()

    def action_filter(self) -> None:
        self.query_one("#checklist-filter", Input).focus()

    def action_clear_filter(self) -> None:
        self.query_one("#checklist-filter", Input).value = ""
        self._fill()
        self.query_one("#checklist-table", DataTable).focus()

    def action_step_group(self, step: int) -> None:
        options.step(self.query_one("#checklist-groups", OptionList), step)

    def action_toggle_missing(self) -> None:
        self.missing_only = not self.missing_only
        self._fill()

    def current_rule_id(self) -> str | None:
        item = self.selected_item()
        return item.rule_id if item and item.rule_id else None
