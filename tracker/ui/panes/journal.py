"""Journal: the daily OR learning log. The list of days (newest first) beside the day
view, where the day is written and saved as the user types; `/` searches every day and
case (case and accents ignored)."""

import re
from dataclasses import replace
from datetime import date, timedelta
from typing import cast

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.timer import Timer
from textual.widgets import DataTable, Input, Static, TextArea

from tracker.domain.checks import InvalidValues
from tracker.domain.journal import (
    DAY_TEXT_FIELDS,
    GO_TO_HINT,
    JournalDay,
    SearchHit,
    block_week,
    case_values,
    day_asked,
    merge_text,
    split_list,
    week_of,
)
from tracker.domain.phi import Flag, find_phi, team_words
from tracker.domain.text import plural
from tracker.services.autosave import BackgroundWriter
from tracker.store import journal
from tracker.store.db import AwayDatabase
from tracker.store.phi import team_names
from tracker.store.programs import get_rotation
from tracker.ui.format import excerpt, short_date
from tracker.ui.panes.base import Target
from tracker.ui.panes.journal_day import DayEditor
from tracker.ui.panes.journal_quit import QuitActions
from tracker.ui.text import Plain
from tracker.ui.widgets.picker import Picker
from tracker.ui.widgets.tables import Cell, PagedTable, make_table, selected_key, show_records
from tracker.ui.widgets.ticks import Ticks

COLUMNS = ["Day", "Cases", "Learning points"]
SAVE_AFTER_PAUSE_S = 1.0  # typing pauses this long, and the day is written
DayWrite = tuple[int, JournalDay | None, Exception | None]  # (save number, stored, error)


class DaySaved(Message):
    """The background writer finished a save (result or error), posted from its thread."""

    def __init__(self, key: str, result: object, error: BaseException | None) -> None:
        super().__init__()
        self.key, self.result, self.error = key, result, error


class JournalPane(QuitActions):
    PANE_ID = "journal"
    READS = frozenset({"journal"})
    BINDINGS = [
        Binding("t", "go_today", "Today", id="journal.today", tooltip="Open today's entry"),
        Binding(
            "g",
            "go_to",
            "Go to",
            id="journal.go_to",
            tooltip="Go to a date: YYYY-MM-DD, today, block start, block end, +7",
        ),
        Binding(
            "left_square_bracket",
            "step_day(-1)",
            "Prev",
            id="journal.previous",
            tooltip="The day before",
        ),
        Binding(
            "right_square_bracket",
            "step_day(1)",
            "Next",
            id="journal.next",
            tooltip="The day after",
        ),
        Binding(
            "w", "write", "Write", id="journal.write", tooltip="Write in the day shown (enter too)"
        ),
        Binding("c", "add_case", "Case", id="journal.case", tooltip="Add a case to this day"),
        Binding(
            "k",
            "focus_cases",
            "Cases",
            id="journal.cases",
            tooltip="The day's cases: enter edits one, d deletes it",
        ),
        Binding(
            "C",
            "copy_case",
            "Copy case",
            id="journal.copy_case",
            show=False,
            tooltip="Add a case that starts as a copy of the last one",
        ),
        Binding(
            "d",
            "delete_case",
            "Delete case",
            id="journal.delete_case",
            show=False,
            tooltip="Delete the case selected in the day's case list (asks first)",
        ),
        Binding(
            "slash", "search", "Search", id="journal.search", tooltip="Search every day and case"
        ),
        Binding(
            "escape",
            "back",
            "Back",
            id="journal.back",
            show=False,
            tooltip="From the day's text to the list; from a search to every day",
        ),
        Binding(
            "s",
            "stats",
            "Stats",
            id="journal.stats",
            tooltip="Cases by technique, airway, ASA and skill, for this rotation or all",
        ),
        Binding(
            "ctrl+s",
            "save_now",
            "Save",
            id="journal.save",
            show=False,
            tooltip="Save now, keeping any flagged words as written",
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.hits: list[SearchHit] = []
        self._search_timer: Timer | None = None
        self._save_timer: Timer | None = None
        self.stored = JournalDay()  # the shown day as the file holds it (or will)
        self.supervisor_text = ""  # the supervisors as stored
        self.watched: set[str] = set()
        self.confirmed: set[str] = set()  # flagged words the user chose to keep
        self.team: frozenset[str] = frozenset()
        self.flags: dict[str, list[Flag]] = {}
        self._saves = 0  # numbered, so only the newest result updates the editor
        self._bases: dict[int, JournalDay] = {}  # per save: what the file held before
        self._writer: BackgroundWriter | None = None
        self._last_failure: BaseException | None = None

    # --- building and loading ---------------------------------------------------------

    def build(self) -> ComposeResult:
        yield Input(
            placeholder="/ search the journal: words, or the start of a word*",
            id="journal-search",
            compact=True,
        )
        yield Plain("", id="journal-found", classes="section-title")
        yield Horizontal(
            make_table("journal-table", COLUMNS),
            DayEditor(self.away.read_only),
            id="journal-main",
        )

    @property
    def days(self) -> PagedTable:
        return self.query_one("#journal-table", PagedTable)

    def load(self) -> None:
        self._fill_list()
        if not self.editor.day:
            self.open_day(self.today.isoformat())
        else:
            self.open_day(self.editor.day, save_first=True)

    def _fill_list(self) -> None:
        text = self.query_one("#journal-search", Input).value
        found = self.query_one("#journal-found", Static)
        if text.strip():
            self.hits = journal.search(self.db, text)
            found.update(
                f"{plural(len(self.hits), 'day')} found for “{text.strip()}” "
                "(enter: open it · escape: every day)"
            )
            found.display = True
            show_records(
                self.days,
                lambda offset, limit: self.hits[offset : offset + limit],
                len(self.hits),
                _hit_cells,
            )
        else:
            self.hits = []
            found.display = False
            show_records(
                self.days,
                lambda offset, limit: journal.list_days(self.db, limit, offset),
                journal.count_days(self.db),
                _cells,
            )

    # --- the day shown ----------------------------------------------------------------

    def open_day(self, day: str, save_first: bool = True, from_list: bool = False) -> None:
        """Show day in the day view (saving the one shown first) and select it in the list."""
        if save_first:
            self.save_now()
            if self.flags or not self._saved_or_said():
                self._stay()
                return
        stored = journal.day_of(self.db, day)
        if stored is None:
            stored = JournalDay(day=day, rotation_id=journal.rotation_holding(self.db, day))
        self.stored = stored
        self.confirmed = set()
        self.team = team_names(self.db)  # the people the user recorded
        self.flags = {}
        when = date.fromisoformat(day)
        monday = week_of(when)
        self.watched = journal.watched_in(self.db, monday.isoformat())
        supervisors = journal.supervisors_of(self.db, stored.id) if stored.id else []
        self.supervisor_text = ", ".join(supervisors)
        self.editor.show(
            stored,
            self._day_title(stored, when),
            supervisors,
            self.watched,
            f"This week, from {short_date(monday.isoformat())}: what attendings watch (J6)",
        )
        self.editor.show_flags(
            {
                field: flags
                for field in DAY_TEXT_FIELDS
                if getattr(stored, field) and (flags := self._unconfirmed(getattr(stored, field)))
            },
            kept=True,
        )
        self.show_cases()
        if self.away.read_only:
            state = "The database is open read-only: this day can be read, not changed."
        elif stored.id:
            state = "Everything is saved; changes save as you type."
        else:
            state = "Nothing written for this day yet; what you type is saved as you go."
        self.editor.show_state(state)
        if not from_list:  # else the list's cursor is on it already
            self._select_in_list(day)

    def _day_title(self, day: JournalDay, when: date) -> Text:
        title = Text(when.strftime("%A ") + short_date(day.day), style="bold")
        if when == self.today:
            title.append("  today", style="reverse")
        rotation = get_rotation(self.db, day.rotation_id) if day.rotation_id else None
        if rotation and rotation.starts_on:
            week = block_week(date.fromisoformat(rotation.starts_on), when)
            name = rotation.institution or rotation.program_name
            title.append(f"\n{name}, week {week}", style="dim")
        else:
            title.append("\nnot during a rotation", style="dim")
        return title

    def _select_in_list(self, day: str) -> None:
        if self.hits:
            return
        row = journal.position_of_day(self.db, day)
        table = self.days
        if row is None or not table.row_count:
            return
        table.load_until(row)
        # After the new rows are laid out, or the table cannot scroll to the day.
        self.call_after_refresh(table.move_cursor, row=row)

    # --- saving as the user types -----------------------------------------------------

    @property
    def writer(self) -> BackgroundWriter:
        if self._writer is None:
            self._writer = BackgroundWriter(self.db.path, self._written)
        return self._writer

    def _written(self, key: str, result: object, error: BaseException | None) -> None:
        # On the writer's thread: the failure is noted for open_day, which waits for the
        # writer before it replaces the text on screen, then the message goes to the UI.
        if key.startswith("day"):
            self._last_failure = error or cast(DayWrite, result)[2]
        self.post_message(DaySaved(key, result, error))

    def _saved_or_said(self) -> bool:
        """Wait for the writer; False when the shown text did not reach the file."""
        if self._writer is None:
            return True
        return self._writer.flush(timeout=15) and self._last_failure is None

    def _stay(self) -> None:
        """Keep the day on screen: part of its text is not in the file yet."""
        why = (
            "words that look like a patient identifier (edit them, or ctrl+s keeps them)"
            if self.flags
            else "text that could not be saved (see the message under the title)"
        )
        self.notify(f"Still on {short_date(self.editor.day)}: it holds {why}.", severity="warning")
        self._select_in_list(self.editor.day)

    def _is_dirty(self) -> bool:
        if not self.editor.day or self.away.read_only:
            return False
        return (
            self.editor.current(self.stored) != self.stored
            or self.editor.supervisors() != self.supervisor_text
        )

    def _schedule_save(self) -> None:
        if self._save_timer:
            self._save_timer.stop()
        self._save_timer = self.set_timer(SAVE_AFTER_PAUSE_S, self.save_now)

    def save_now(self) -> None:
        """Queue the day as shown for writing, holding back text the PHI guard flagged."""
        if self._save_timer:
            self._save_timer.stop()
        if not self._is_dirty():
            return
        mine = self.editor.current(self.stored)
        self.flags = {
            field: flags
            for field in DAY_TEXT_FIELDS
            if (flags := self._unconfirmed(getattr(mine, field)))
        }
        self.editor.show_flags(self.flags)
        held = replace(mine, **{field: getattr(self.stored, field) for field in self.flags})
        names = self.editor.supervisors()
        supervisors = None
        if names != self.supervisor_text and not self.query_one("#day-supervisors").has_focus:
            supervisors, self.supervisor_text = split_list(names), names  # not half a name
        if self.flags:
            self.editor.show_state("Part of this day is not kept yet: see below.", error=True)
        if held == self.stored and supervisors is None:
            return
        base, self.stored = self.stored, held  # what the file holds once this is written
        self._saves += 1
        number = self._saves

        def write(db: AwayDatabase) -> DayWrite:
            try:
                return number, journal.save_day(db, base, held, supervisors), None
            except Exception as error:  # the atomic() has rolled back
                return number, None, error

        self._bases[number] = base
        self.writer.submit(f"day {held.day}", write)
        self.editor.show_state("Saving…")

    def _unconfirmed(self, text: str) -> list[Flag]:
        """Flags the user has not kept; the team's names and the day's supervisors, as
        typed, are not asked about."""
        allowed = self.team | team_words(split_list(self.editor.supervisors()))
        return [flag for flag in find_phi(text, allowed) if flag.text not in self.confirmed]

    @on(DaySaved)
    def _saved(self, message: DaySaved) -> None:
        if message.key.startswith("week"):
            if message.error is not None:
                self.away.say_not_saved(message.error)
            return
        number, saved, error = cast(DayWrite, message.result)
        base = self._bases.pop(number, None)
        if error is not None:
            reason = self.away.say_not_saved(error)
            if number == self._saves and base is not None and base.day == self.editor.day:
                self.stored = base  # the file still holds it: the next save writes it all
            self.editor.show_state(
                f"Not saved: {reason}. Your text is still here; it is saved again as "
                "you type, on leaving the field and on quit.",
                error=True,
            )
            return
        if saved is None:
            return
        if number == self._saves and saved.day == self.editor.day:
            self._take_merged(saved)
        self.editor.show_state(f"Saved at {_clock()}.")
        self._refresh_row(saved)

    def _take_merged(self, saved: JournalDay) -> None:
        """Text another writer added (an `away log` line) appears in the field, merged
        with what the user typed since this save was queued, the cursor left in place.
        The screen must hold every stored line: the next save starts from the file."""
        for field in DAY_TEXT_FIELDS:
            ours, theirs = getattr(self.stored, field), getattr(saved, field)
            if theirs != ours:
                shown = self.editor.text_area(field).text
                merged = merge_text(ours, shown, theirs)
                if merged != shown:
                    self.editor.merge_into(field, merged)
        if field_held := {f: getattr(self.stored, f) for f in self.flags}:
            saved = replace(saved, **field_held)
        self.stored = saved

    def _refresh_row(self, saved: JournalDay) -> None:
        if self.hits:
            return
        if str(saved.id) in {key.value for key in self.days.rows}:
            self.days.replace_row(str(saved.id), _cells(saved))
            return
        self._fill_list()  # a new day: it takes its place in the list
        self._select_in_list(saved.day)
        self._changed()

    def refresh_list_row(self) -> None:
        stored = journal.day_of(self.db, self.stored.day)
        if stored is not None:
            self._refresh_row(stored)

    def _changed(self) -> None:
        from tracker.ui.messages import RecordsChanged

        self.post_message(RecordsChanged("journal", self))

    def on_unmount(self) -> None:
        if self._writer is not None:
            self._writer.close(timeout=15)

    def on_hide(self) -> None:
        if self.built:
            self.save_now()

    @on(TextArea.Changed)
    @on(Picker.Changed, "#day-location")
    def _typed(self) -> None:
        if self._is_dirty():
            self._schedule_save()
            self.editor.show_state("Editing…")

    @on(Ticks.Changed)
    def _ticked(self, event: Ticks.Changed) -> None:
        if event.control.id != "day-watched":
            self._typed()
            return
        watched = self.editor.watched()
        if watched == self.watched or self.away.read_only:
            return
        self.watched = watched
        monday = week_of(date.fromisoformat(self.editor.day)).isoformat()
        self.writer.submit(f"week {monday}", lambda db: journal.set_watched(db, monday, watched))

    @on(Input.Submitted, "#day-supervisors")
    def _supervisors_done(self) -> None:
        self.editor.text_area("learning_points").focus()

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        # Leaving a field saves it at once (the supervisors' names are whole by now).
        if self.built and self.editor.day:
            self.save_now()

    # --- keys -------------------------------------------------------------------------

    def action_save_now(self) -> None:
        for found in self.flags.values():
            self.confirmed.update(flag.text for flag in found)
        self.save_now()
        if not self.flags:
            self.editor.show_flags({})

    def action_write(self) -> None:
        self.editor.text_area("learning_points").focus()

    def reveal(self, target: Target) -> None:
        """A day by its id (Today's J7 line): open it for editing."""
        day = journal.get_day(self.db, target.record_id) if target.record_id else None
        if day is not None:
            self.open_day(day.day)

    def action_go_today(self) -> None:
        self.open_day(self.today.isoformat())

    def action_go_to(self) -> None:
        from tracker.ui.modals.form import Field, FormScreen

        shown = date.fromisoformat(self.editor.day)
        rotation_id = journal.rotation_holding(self.db, self.editor.day) or (
            journal.rotation_holding(self.db, self.today.isoformat())
        )
        rotation = get_rotation(self.db, rotation_id) if rotation_id else None
        block = (
            (rotation.starts_on, rotation.ends_on)
            if rotation and rotation.starts_on and rotation.ends_on
            else None
        )
        wanted: list[date] = []

        def check(values: dict[str, str]) -> dict[str, str]:
            try:
                wanted.append(day_asked(values.get("day", ""), self.today, shown, block))
            except InvalidValues as refused:
                return refused.errors
            return {}

        def chosen(values: dict[str, str] | None) -> None:
            if values is not None and wanted:
                self.open_day(wanted[-1].isoformat())

        field = Field("day", "Day", placeholder=GO_TO_HINT)
        self.app.push_screen(FormScreen("Go to a day", [field], {}, check), chosen)

    def action_step_day(self, step: int) -> None:
        self.open_day((date.fromisoformat(self.editor.day) + timedelta(days=step)).isoformat())

    @property
    def _selected_day_id(self) -> int | None:
        return selected_key(self.days)

    @on(DataTable.RowHighlighted, "#journal-table")
    def _highlighted(self) -> None:
        # Only the user's moves open a day; refilling the list moves its cursor too.
        if not self.days.has_focus:
            return
        day_id = self._selected_day_id
        day = journal.get_day(self.db, day_id) if day_id else None
        if day is not None and day.day != self.editor.day:
            self.open_day(day.day, from_list=True)

    @on(DataTable.RowSelected, "#journal-table")
    def _jump(self) -> None:
        """Enter on a day: write in it; on a search result, back to every day at that day."""
        day_id = self._selected_day_id
        day = journal.get_day(self.db, day_id) if day_id else None
        if day is None:
            return
        if self.hits:
            self.query_one("#journal-search", Input).value = ""
            self._fill_list()
        self.open_day(day.day)
        self.action_write()

    @on(Input.Changed, "#journal-search")
    def _search_typed(self) -> None:
        # Debounce: search once typing pauses, not on every key.
        if self._search_timer:
            self._search_timer.stop()
        self._search_timer = self.set_timer(0.15, self._fill_list)

    @on(Input.Submitted, "#journal-search")
    def _search_done(self) -> None:
        self._fill_list()
        self.days.focus()

    def action_search(self) -> None:
        self.query_one("#journal-search", Input).focus()

    def action_back(self) -> None:
        if self.query_one("#journal-search", Input).value:
            self.query_one("#journal-search", Input).value = ""
            self._fill_list()
            self._select_in_list(self.editor.day)
        self.days.focus()

    def action_stats(self) -> None:
        from tracker.ui.modals.stats import StatsScreen

        rotation_id = self.stored.rotation_id
        rotation = get_rotation(self.db, rotation_id) if rotation_id else None
        of_rotation = journal.case_stats(self.db, rotation.id) if rotation else None
        name = (rotation.institution or rotation.program_name) if rotation else ""
        self.app.push_screen(StatsScreen(name, of_rotation, journal.case_stats(self.db)))

    def case_start(self, copy: bool) -> dict[str, str]:
        """The case form's first values: a copy of the last case, or a blank one."""
        from tracker.ui.modals.cases import NEW_CASE

        last = journal.last_case(self.db) if copy else None
        if last is None:
            return dict(NEW_CASE)
        skills = journal.skills_of(self.db, [last.id or 0]).get(last.id or 0, [])
        values = case_values(last, skills, journal.attending_of(self.db, last))
        return values | {"teaching_point": "", "memorable": "0", "story": ""}


def _clock() -> str:
    import time

    return time.strftime("%H:%M:%S")


def _cells(day: JournalDay) -> list[Cell]:
    return [short_date(day.day), str(day.case_count or ""), excerpt(day.learning_points, 24)]


def _hit_cells(hit: SearchHit) -> list[Cell]:
    return [short_date(hit.day), "", highlighted(excerpt(hit.snippet, 90))]


def highlighted(snippet: str) -> Text:
    """The search's snippet with the found words (between [ and ]) in reverse video, as
    Text: a plain cell would read the brackets as markup and drop the words."""
    text = Text()
    for index, part in enumerate(re.split(r"\[([^\]]*)\]", snippet)):
        text.append(part, style="reverse" if index % 2 else "")
    return text
