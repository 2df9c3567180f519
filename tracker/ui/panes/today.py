"""Today: where the user stands and what is due, across every area."""

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from tracker.domain.agenda import (
    LOOKAHEAD_DAYS,
    AgendaItem,
    build_agenda,
    current_rotation,
    rotation_day,
)
from tracker.domain.programs import Rotation
from tracker.store import checklists, journal, letters, programs
from tracker.store.profile import get_profile
from tracker.ui.format import excerpt, label, relative_days, short_date
from tracker.ui.panes.base import AreaPane
from tracker.ui.widgets.tables import Cell, fill_table, make_table

FIRST_STEPS = Text.assemble(
    "\n\nWhere to start:\n",
    ("  2", "bold"),
    "       add programs (n), or: away import programs FILE.csv\n",
    ("  p", "bold"),
    "       your profile: your visa and the ERAS date drive the advice\n",
    ("  r", "bold"),
    "       the guide's rules (R1, P3, L4 …)\n",
    ("  ctrl+p", "bold"),
    '  "Open the demo data": a filled-in example, in its own file',
)


class TodayPane(AreaPane):
    READS = frozenset({"programs", "checklists", "letters", "journal", "profile"})
    BINDINGS = [
        Binding(
            "enter",
            "show_rule",
            "Rule",
            id="today.rule",
            tooltip="Explain the rule behind the selected line",
        )
    ]

    def __init__(self) -> None:
        super().__init__("Today", id="today")
        self.agenda: list[AgendaItem] = []

    def build(self) -> ComposeResult:
        yield Static("", id="today-summary", classes="pane-summary")
        # Narrow terminals cut the last columns: the rule (enter explains it) comes early.
        yield make_table("today-table", ["When", "Rule", "What", "Area", "Due"])

    def load(self) -> None:
        # Only what Today shows, by keyed and date-filtered queries: years of records
        # cost nothing here.
        iso = self.today.isoformat()
        horizon = self.today.add(days=LOOKAHEAD_DAYS).isoformat()
        rotations = programs.rotations_for_today(self.db, iso, horizon)
        entry = journal.day_of(self.db, iso)
        agenda = build_agenda(
            self.today,
            rotations,
            checklists.open_items_due_by(self.db, horizon),
            letters.open_follow_ups_due_by(self.db, horizon),
            [entry] if entry else [],
        )
        summary = self._summary(rotations)
        if not programs.has_rotations(self.db) and not programs.count_programs(self.db):
            summary.append_text(FIRST_STEPS)
        elif not agenda:
            summary.append(f"\nNothing due in the next {LOOKAHEAD_DAYS} days.")
        summary.append(
            "\nEach line cites a rule of the guide (enter or r explains it): "
            "reminders, not legal or immigration advice.",
            style="dim",
        )
        self.agenda = agenda
        self.query_one("#today-summary", Static).update(summary)
        rows: list[tuple[int, list[Cell]]] = []
        for index, item in enumerate(agenda):
            when = relative_days(item.due_on, self.today)
            style = (
                "bold red"
                if when.startswith("overdue")
                else ("bold yellow" if when in ("today", "tomorrow") else "")
            )
            rows.append(
                (
                    index,
                    [
                        Text(when, style=style),
                        item.rule_id,
                        excerpt(item.text, 64),
                        label(item.area),
                        short_date(item.due_on),
                    ],
                )
            )
        fill_table(self.query_one("#today-table", DataTable), rows)

    def current_rule_id(self) -> str | None:
        index = self.query_one("#today-table", DataTable).cursor_row
        return self.agenda[index].rule_id if 0 <= index < len(self.agenda) else None

    @on(DataTable.RowSelected)
    def action_show_rule(self) -> None:
        self.away.action_show_rule(self.current_rule_id())

    def _summary(self, rotations: list[Rotation]) -> Text:
        profile = get_profile(self.db)
        name = profile.full_name or "there"
        text = Text.assemble(
            ("Hello, ", ""), (name, "bold"), "  ·  ", self.today.format("dddd D MMMM YYYY")
        )
        current = current_rotation(rotations, self.today)
        if current:
            day, length = rotation_day(current, self.today)
            text.append(
                f"\nOn rotation: day {day} of {length} at {current.institution} "
                f"({label(current.specialty)})"
            )
        else:
            text.append("\nNot on a rotation today.")
        return text
