"""The Journal's day view: one date's entry as editable fields, its cases, and what the
PHI guard flagged. It holds widgets and their values only; the pane saves."""

from dataclasses import replace

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import DataTable, Input, Label, Static, TextArea

from tracker.domain.journal import (
    DAILY_GOALS,
    DAY_TEXT_FIELDS,
    LOCATION_LABELS,
    WATCHED,
    Case,
    CaseSkill,
    JournalDay,
)
from tracker.domain.phi import Flag
from tracker.domain.text import plural, visible
from tracker.ui.format import label
from tracker.ui.text import Plain, PlainLabel
from tracker.ui.widgets.picker import Picker
from tracker.ui.widgets.tables import Table
from tracker.ui.widgets.text_area import StyledTextArea
from tracker.ui.widgets.ticks import Ticks

# (field, title with the rule it serves, placeholder)
TEXT_FIELDS = {
    "learning_points": ("Learning points (J3)", "What you saw, did and learned today"),
    "feedback": ("Feedback received (J3)", "What the attendings and residents told you"),
    "reflection": ("Reflection (J4)", "What went well, what you would do differently"),
    "tomorrow_focus": ("Tomorrow's focus (J4)", "e.g. improve my pre-op assessment"),
    "tomorrow_preparation": (
        "Tomorrow's preparation (J1)",
        "Tomorrow's list, the technique to read on, a brief plan to discuss",
    ),
}
SHORT_GOALS = {"goal_preop": "Good pre-op", "goal_plan": "Clear plan", "goal_skill": "New skill"}
SHORT_WATCHED = {
    "punctuality": "Punctual",
    "engagement": "Engaged",
    "communication": "Clear",
    "awareness": "Aware",
    "teachability": "Teachable",
    "professionalism": "Professional",
}
CASE_COLUMNS = ["Case", "Technique", "ASA", "Skills"]


class DayEditor(VerticalScroll, can_focus=False):
    """The fields of one journal day. `day` is the date shown (ISO)."""

    def __init__(self, read_only: bool) -> None:
        super().__init__(id="day-editor")
        self.read_only = read_only
        self.day = ""
        self.filling = False  # True while show() sets values: no change is the user's

    def compose(self) -> ComposeResult:
        yield Plain("", id="day-title")
        yield Plain("", id="day-state")
        yield Plain("", id="day-phi", classes="day-warning")
        with Horizontal(classes="day-row"):
            yield PlainLabel("Where", classes="day-label")
            yield Picker(
                [(name, value.value) for value, name in LOCATION_LABELS.items()],
                title="Where were you today?",
                id="day-location",
                disabled=self.read_only,
            )
        with Horizontal(classes="day-row"):
            yield PlainLabel("Supervisors", classes="day-label")
            yield Input(
                placeholder="who supervised you, names separated by commas",
                id="day-supervisors",
                compact=True,
                disabled=self.read_only,
            )
        for field, (title, hint) in TEXT_FIELDS.items():
            yield PlainLabel(title, classes="day-field-title")
            yield StyledTextArea(
                id=f"day-{field}",
                classes="day-text",
                placeholder=hint,
                read_only=self.read_only,
                compact=True,
            )
        yield PlainLabel("Today's small goals (J5)", classes="day-field-title")
        yield Ticks(
            [(field, SHORT_GOALS[field]) for field, _ in DAILY_GOALS],
            id="day-goals",
            disabled=self.read_only,
        )
        yield PlainLabel("", id="day-week-title", classes="day-field-title")
        yield Ticks(
            [(key, SHORT_WATCHED[key]) for key, _ in WATCHED],
            id="day-watched",
            disabled=self.read_only,
        )
        yield PlainLabel("", id="day-cases-title", classes="day-field-title")
        table = Table(id="day-cases", cursor_type="row")
        table.add_columns(*CASE_COLUMNS)
        yield table

    def on_mount(self) -> None:
        if self.app.is_running:  # (not while the app closes: its parts may be gone)
            self.query_one("#day-phi").display = False

    # --- filling ------------------------------------------------------------------------

    def show(
        self,
        day: JournalDay,
        title: Text,
        supervisors: list[str],
        watched: set[str],
        week_title: str,
    ) -> None:
        self.filling = True
        try:
            self.day = day.day
            self.query_one("#day-title", Static).update(title)
            self.query_one("#day-location", Picker).value = day.location or None
            self.query_one("#day-supervisors", Input).value = visible(", ".join(supervisors))
            for field in DAY_TEXT_FIELDS:
                self.text_area(field).load_text(visible(getattr(day, field)))
            self.query_one("#day-goals", Ticks).ticked = {
                field for field, _ in DAILY_GOALS if getattr(day, field)
            }
            self.query_one("#day-week-title", Label).update(week_title)
            self.query_one("#day-watched", Ticks).ticked = watched
            self.show_flags({})
        finally:
            # Widgets post their Changed messages later; the pane ignores them until then.
            self.call_after_refresh(self._filled)

    def _filled(self) -> None:
        self.filling = False

    def show_cases(self, cases: list[Case], skills: dict[int, list[CaseSkill]]) -> None:
        self.query_one("#day-cases-title", Label).update(
            f"{plural(len(cases), 'case')} (k: go to them · c add · C copy the last · d delete)"
        )
        table = self.query_one("#day-cases", DataTable)
        table.clear()
        for case in cases:
            asa = f"{case.asa}{'E' if case.emergency else ''}" if case.asa else ""
            done = ", ".join(f"{s.skill} ({s.role[0]})" for s in skills.get(case.id or 0, []))
            name = Text(case.procedure, style="bold" if case.memorable else "")
            table.add_row(name, label(case.technique), asa, done, key=str(case.id))
        table.display = bool(cases)

    def text_area(self, field: str) -> TextArea:
        return self.query_one(f"#day-{field}", TextArea)

    def merge_into(self, field: str, merged: str) -> None:
        """Show a field's text with what another writer added, the user's cursor and
        selection where they were: lines added after the user's text are inserted at the
        end, so what the user types next stays in one piece."""
        area = self.text_area(field)
        before, selection = area.text, area.selection
        shown = visible(merged)
        if shown.startswith(before):
            area.insert(shown[len(before) :], area.document.end, maintain_selection_offset=False)
        else:  # another window rewrote the field: the cursor stays at its line and column
            area.load_text(shown)
        area.selection = selection  # (TextArea clamps it to the text)

    # --- reading ------------------------------------------------------------------------

    def current(self, stored: JournalDay) -> JournalDay:
        """The day as the fields show it, on top of the stored record."""
        location = self.query_one("#day-location", Picker).value
        changes: dict[str, object] = {
            field: self.text_area(field).text for field in DAY_TEXT_FIELDS
        }
        changes["location"] = location or ""
        goals = self.query_one("#day-goals", Ticks).ticked
        for field, _ in DAILY_GOALS:
            changes[field] = field in goals
        return replace(stored, day=self.day, **changes)  # type: ignore[arg-type]

    def supervisors(self) -> str:
        return self.query_one("#day-supervisors", Input).value

    def watched(self) -> set[str]:
        return self.query_one("#day-watched", Ticks).ticked

    # --- telling ------------------------------------------------------------------------

    def show_flags(self, flags: dict[str, list[Flag]], kept: bool = False) -> None:
        """What looks like a patient identifier, field by field; those fields are not
        kept until the user edits the words out or keeps them (ctrl+k). kept: the text is
        in the file already (saved before a stricter guard, or kept as written)."""
        warning = self.query_one("#day-phi", Static)
        warning.display = bool(flags)
        if not flags:
            return
        heading = (
            "Kept, but this looks like a patient identifier (J7):\n"
            if kept
            else "Not kept yet: this looks like a patient identifier.\n"
        )
        text = Text(heading, style="bold")
        for field, found in flags.items():
            text.append(f"{TEXT_FIELDS[field][0]}: ")
            text.append("; ".join(f"“{flag.text}” ({flag.kind})" for flag in found))
            text.append("\n")
        text.append(
            "Edit the words out; exports ask before they include it."
            if kept
            else "Edit the words out, or press ctrl+s to keep them as written."
        )
        warning.update(text)

    def show_state(self, message: str, error: bool = False) -> None:
        state = self.query_one("#day-state", Static)
        state.update(message)
        state.set_class(error, "-error")
