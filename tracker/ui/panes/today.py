"""Today: where the user stands, what is due across every area, and what the guide says
at this moment (every rule, with its ID)."""

import contextlib
import json
import subprocess
import sys
import threading
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.timer import Timer
from textual.widgets import DataTable, Static

from tracker.domain.agenda import AgendaItem, fold_overdue
from tracker.domain.checks import format_cents
from tracker.domain.guidance import (
    ENDED_SAYING,
    LOOKAHEAD_DAYS,
    Snapshot,
    State,
    current_block,
    findings,
    next_block,
)
from tracker.domain.journal import Flagged, goals_done
from tracker.domain.letters import count_letters
from tracker.domain.programs import block_is_over, rotation_day
from tracker.domain.seasons import season_name
from tracker.domain.text import in_days
from tracker.services.today import gather
from tracker.store import programs
from tracker.store.budget import planned_total
from tracker.ui.format import excerpt, label, long_date, relative_days
from tracker.ui.messages import RecordsChanged
from tracker.ui.panes.base import AreaPane, Target
from tracker.ui.text import Plain
from tracker.ui.widgets.tables import Cell, PagedTable, make_table

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


SCAN_AFTER_S = 0.5  # the PHI scan of the journal starts once the pane is on screen
SCAN_LIMIT_S = 600  # a scan that runs longer is given up (the line stays as it was)


class JournalScanned(Message):
    """The PHI scan's answer, posted from its thread."""

    def __init__(self, flagged: list[Flagged]) -> None:
        super().__init__()
        self.flagged = flagged


def scan_command(path: Path) -> list[str]:
    return [sys.executable, "-m", "tracker", "--db", str(path), "scan", "--json", "--low-priority"]


STATE_STYLES = {
    State.OVERDUE: "bold red",
    State.DUE_SOON: "bold yellow",
    State.NOT_MET: "yellow",
    State.INFO: "dim",
    State.MET: "green",
}
PANE_KEYS = {
    "today": "today",
    "applications": "applications",
    "checklists": "checklists",
    "visa": "checklists",
    "immunization": "checklists",
    "document": "checklists",
    "travel": "checklists",
    "other": "checklists",
    "budget": "budget",
    "journal": "journal",
    "letters": "letters",
    "eras": "eras",
}

# The table of each pane that holds a finding's record (its record_id).
FINDING_TABLES = {
    "applications": "rotations-table",
    "checklists": "checklist-table",
    "letters": "letters-table",
    "journal": "journal-table",
}


@dataclass(frozen=True)
class Line:
    """A row of Today: something due, or a finding of the guide."""

    when: Text
    rule_id: str
    text: str
    pane: str
    target: Target = Target()


class TodayPane(AreaPane):
    PANE_ID = "today"
    READS = frozenset({"programs", "checklists", "letters", "journal", "profile", "budget"})
    BINDINGS = [
        Binding(
            "enter",
            "open_line",
            "Open",
            id="today.open",
            tooltip="Open the selected line's record in its pane",
        ),
        Binding(
            "r",
            "show_rule",
            "Rule",
            id="today.rule",
            tooltip="Explain the rule behind the selected line",
        ),
        Binding(
            "c",
            "mark_completed",
            "Completed",
            id="today.completed",
            tooltip="Mark the selected block that has ended as completed",
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.due: list[AgendaItem] = []
        self.found: list[Line] = []
        self.flagged: list[Flagged] = []  # journal text the PHI guard flags (J7)

    def build(self) -> ComposeResult:
        yield Plain("", id="today-summary", classes="pane-summary")
        # Narrow terminals cut the last columns: the rule (r explains it) comes early.
        yield make_table("today-table", ["When / state", "Rule", "What", "Where"])
        # A narrow terminal cuts long lines: the selected one in full (app.tcss).
        yield Plain("", id="today-detail")

    def load(self) -> None:
        # Only what Today shows, by keyed and date-filtered queries (services.today),
        # shared with `away today`.
        self._build()
        # The guard reads the whole journal again (seconds at years of data): on a thread,
        # after the first paint; J7's line joins when it is done.
        if self._scan_timer is not None:
            self._scan_timer.stop()
        self._scan_timer = self.set_timer(SCAN_AFTER_S, self._scan_journal)

    def _build(self) -> None:
        data = gather(self.db, self.today)
        agenda, shot = data.due, replace(data.snapshot, flagged=tuple(self.flagged))
        found = findings(shot)
        summary = self._summary(shot)
        if not programs.has_rotations(self.db) and not programs.count_programs(self.db):
            summary.append_text(FIRST_STEPS)
        elif not agenda:
            summary.append(f"\nNothing due in the next {LOOKAHEAD_DAYS} days.")
        summary.append(
            "\nEach line cites a rule of the guide (r explains it, enter opens it): "
            "reminders, not legal or immigration advice.",
            style="dim",
        )
        self.query_one("#today-summary", Static).update(summary)
        # Made into lines only as their rows are shown (years of data); a long run of
        # overdue lines of one area folds into one, so the rest stays in view.
        self.due = fold_overdue(agenda, self.today)
        self.found = [
            Line(
                Text(f.state.value, style=STATE_STYLES[f.state]),
                f.rule_id,
                f.message,
                f.pane,
                Target(FINDING_TABLES.get(f.pane), f.record_id, f.rotation_id),
            )
            for f in found
            # Due checklist items are in the agenda above already (V1 is not an item).
            if not (
                f.pane == "checklists"
                and f.record_id is not None
                and f.state in (State.OVERDUE, State.DUE_SOON)
            )
            and f.rule_id != "J3"  # the agenda's journal prompt says it
        ]
        self.query_one("#today-table", PagedTable).show(self._rows, len(self.due) + len(self.found))

    _scan_timer: Timer | None = None
    _scans = 0  # scans started: only the latest one's answer is shown

    def _scan_journal(self) -> None:
        """`away scan` in its own process: years of journal take seconds to read, and
        here they would hold the interpreter the screen needs. Its thread is a daemon:
        the app closing waited for it (a first scan of 4,000 days kept the terminal blank
        for 5-6 s after q); the scan then ends on its own and keeps what it found clean
        for the next start."""
        command = scan_command(self.away.db_path)
        self._scans += 1
        number = self._scans

        def scan() -> None:
            try:
                done = subprocess.run(
                    command, capture_output=True, text=True, timeout=SCAN_LIMIT_S, check=True
                )
                found = [Flagged(**entry) for entry in json.loads(done.stdout)]
            except (OSError, ValueError, TypeError, subprocess.SubprocessError):
                return  # the file moved or is locked: the next reload tries again
            if number == self._scans:
                with contextlib.suppress(RuntimeError):  # (the app's loop has closed)
                    self.post_message(JournalScanned(found))  # (thread-safe, never waits)

        threading.Thread(target=scan, name="phi-scan", daemon=True).start()

    def on_journal_scanned(self, message: "JournalScanned") -> None:
        if message.flagged != self.flagged:
            self.flagged = message.flagged
            self._build()

    def _rows(self, offset: int, limit: int) -> list[tuple[int, list[Cell]]]:
        count = len(self.due) + len(self.found)
        return [
            (index, [line.when, line.rule_id, excerpt(line.text, 80), label(line.pane)])
            for index in range(offset, min(offset + limit, count))
            if (line := self.line(index))
        ]

    def line(self, index: int) -> Line | None:
        """The row's line: what is due first, then the guide's findings."""
        if 0 <= index < len(self.due):
            return self._due_line(self.due[index])
        found = index - len(self.due)
        return self.found[found] if 0 <= found < len(self.found) else None

    @property
    def lines(self) -> list[Line]:
        """Every line, in order (made on each call: for tests and small lists)."""
        return [
            line for index in range(len(self.due) + len(self.found)) if (line := self.line(index))
        ]

    def _due_line(self, item: AgendaItem) -> Line:
        when = relative_days(item.due_on, self.today)
        style = (
            "bold red"
            if when.startswith("overdue")
            else ("bold yellow" if when in ("today", "tomorrow") else "")
        )
        pane = PANE_KEYS.get(item.area, "checklists")
        table = "follow-ups-table" if pane == "letters" else FINDING_TABLES.get(pane)
        return Line(
            Text(when, style=style), item.rule_id, item.text, pane, Target(table, item.record_id)
        )

    def _selected(self) -> Line | None:
        return self.line(self.query_one("#today-table", DataTable).cursor_row)

    def current_rule_id(self) -> str | None:
        line = self._selected()
        return line.rule_id or None if line else None

    def action_show_rule(self) -> None:
        self.away.action_show_rule(self.current_rule_id())

    @on(DataTable.RowHighlighted, "#today-table")
    def _show_detail(self, event: DataTable.RowHighlighted) -> None:
        line = self.line(event.cursor_row)
        detail = f"{line.rule_id}  {line.text}".strip() if line else ""
        self.query_one("#today-detail", Static).update(detail)

    def action_mark_completed(self) -> None:
        """On a line asking about a block that has ended: mark it completed."""
        line = self._selected()
        record = line.target.record_id if line and line.target else None
        rotation = programs.get_rotation(self.db, record) if record else None
        if (
            line is None
            or ENDED_SAYING not in line.text
            or rotation is None
            or rotation.id is None
            or not block_is_over(rotation, self.today)
        ):
            self.notify("Select a line about a block that has ended (it says “c”).")
            return
        rotation_id = rotation.id
        if self.away.try_write(
            lambda: programs.set_status(self.db, rotation_id, "completed", self.today)
        ):
            self.notify(f"{rotation.institution}: completed.")
            self.post_message(RecordsChanged("programs", self))
            self.reload()

    @on(DataTable.RowSelected)
    def action_open_line(self) -> None:
        line = self._selected()
        if line is None or line.pane == "today":
            if line is not None:
                self.away.action_show_rule(line.rule_id)
            return
        self.away.open_target(PANE_KEYS[line.pane], line.target)

    def _summary(self, shot: Snapshot) -> Text:
        name = shot.profile.full_name or "there"
        text = Text.assemble(("Hello, ", ""), (name, "bold"), "  ·  ", long_date(self.today))
        if shot.profile.match_year:
            text.append(f"\n{season_name(shot.profile.match_year)}", style="dim")
            if shot.profile.eras_opens_on:
                opens = date.fromisoformat(shot.profile.eras_opens_on)
                text.append(f"; ERAS opens {opens.day} {opens:%B %Y}", style="dim")
        current, upcoming = current_block(shot), next_block(shot)
        if current:
            day, length = rotation_day(current, self.today)
            text.append(
                f"\nOn rotation: day {day} of {length} at {current.institution} "
                f"({label(current.specialty)})"
            )
            entry = shot.entry_today
            journal_state = (
                "written" if entry and entry.learning_points.strip() else "not written yet"
            )
            text.append(f"\nToday's journal: {journal_state}; small goals {goals_done(entry)} of 3")
        elif upcoming and upcoming.starts_on:
            days = (
                date.fromisoformat(upcoming.starts_on) - date.fromisoformat(self.today.isoformat())
            ).days
            text.append(f"\nNext block: {upcoming.institution} {in_days(days)}")
        else:
            text.append("\nNot on a rotation today.")
        if shot.letters:
            text.append(f"\n{count_letters(shot.letters).describe()}")
        block = current or upcoming
        if block and block.id:
            # The next block's plan is in the snapshot already (B1): not read twice.
            planned = (
                shot.next_planned
                if current is None
                else planned_total(self.db, block.id, shot.profile)
            )
            if planned:
                text.append(f"\nBudget at {block.institution}: planned {format_cents(planned)}")
        return text
