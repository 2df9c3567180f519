"""Today: where the user stands and what is due, across every area."""

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from tracker.domain.agenda import LOOKAHEAD_DAYS, build_agenda, current_rotation, rotation_day
from tracker.store import checklists, journal, letters, programs
from tracker.store.profile import get_profile
from tracker.ui.format import label, relative_days, short_date
from tracker.ui.panes.base import AreaPane
from tracker.ui.widgets.tables import fill_table, make_table


class TodayPane(AreaPane):
    def __init__(self) -> None:
        super().__init__("Today", id="today")

    def build(self) -> ComposeResult:
        yield Static("", id="today-summary", classes="pane-summary")
        yield make_table("today-table", ["When", "Due", "Area", "What", "Rule"])

    def load(self) -> None:
        rotations = programs.list_rotations(self.db)
        agenda = build_agenda(
            self.today, rotations, checklists.list_items(self.db),
            letters.list_follow_ups(self.db), journal.list_days(self.db),
        )
        summary = self._summary(rotations)
        if not agenda:
            summary.append(f"\nNothing due in the next {LOOKAHEAD_DAYS} days.")
        self.query_one("#today-summary", Static).update(summary)
        rows = []
        for index, item in enumerate(agenda):
            when = relative_days(item.due_on, self.today)
            style = "bold red" if when.startswith("overdue") else (
                "bold yellow" if when in ("today", "tomorrow") else "")
            rows.append((index, [Text(when, style=style), short_date(item.due_on),
                                 label(item.area), item.text, item.rule_id]))
        fill_table(self.query_one("#today-table"), rows)

    def _summary(self, rotations) -> Text:
        profile = get_profile(self.db)
        name = profile.full_name or "there"
        text = Text.assemble(("Hello, ", ""), (name, "bold"), "  ·  ",
                             self.today.format("dddd D MMMM YYYY"))
        current = current_rotation(rotations, self.today)
        if current:
            day, length = rotation_day(current, self.today)
            text.append(f"\nOn rotation: day {day} of {length} at {current.institution} "
                        f"({label(current.specialty)})")
        else:
            text.append("\nNot on a rotation today.")
        return text
