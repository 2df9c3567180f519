"""Letters: who to ask and why (L2), the ask in the last week (L3), each letter through
ERAS, the writer's packet (L4), and the follow-ups the rules make (L5-L7)."""

from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import DataTable, Static

from tracker.domain.letters import (
    STATUS_LABELS,
    STEP_DATES,
    Candidate,
    FollowUp,
    Letter,
    count_letters,
    from_week_two,
    in_last_week,
)
from tracker.domain.text import plural, summarise
from tracker.store import letters
from tracker.store.profile import get_profile
from tracker.store.programs import get_rotation, list_rotations
from tracker.ui.format import label, relative_days, short_date
from tracker.ui.panes.base import AreaPane
from tracker.ui.panes.letters_actions import LetterActions
from tracker.ui.text import Plain
from tracker.ui.widgets.tables import (
    Cell,
    PagedTable,
    Table,
    make_table,
    selected_key,
    show_records,
)

RECENT_DAYS = 90  # candidates are shown for blocks that ended at most this long ago


BlockNow = tuple[int, str, str, str]  # a block running now: (id, place, starts_on, ends_on)


class LettersPane(LetterActions, AreaPane):
    PANE_ID = "letters"
    READS = frozenset({"letters", "journal", "programs", "profile"})
    BINDINGS = [
        Binding(
            "greater_than_sign",
            "advance",
            "Next step",
            id="letters.advance",
            tooltip="The letter's next step, dated today",
        ),
        Binding(
            "x",
            "decline",
            "Declined",
            id="letters.decline",
            show=False,
            tooltip="The writer declined",
        ),
        Binding(
            "a",
            "ask",
            "Ask",
            id="letters.ask",
            tooltip="Make the selected candidate a letter, asked today",
        ),
        Binding(
            "w",
            "ask_words",
            "Ask words",
            id="letters.words",
            tooltip="Words to ask for a strong letter (L3)",
        ),
        Binding(
            "P", "packet", "Packet", id="letters.packet", tooltip="Write the writer's packet (L4)"
        ),
        Binding(
            "t",
            "thank_you",
            "Thank-you",
            id="letters.thanks",
            tooltip="A thank-you draft from the journal (L5)",
        ),
        Binding(
            "g",
            "assign",
            "Assign",
            id="letters.assign",
            show=False,
            tooltip="Assign the letter to a program (ERAS: 4 each)",
        ),
        Binding(
            "n",
            "new_writer",
            "New",  # (each pane's "n New": at 80 columns the footer had no room for more)
            id="letters.new",
            tooltip="Add a letter writer by hand (home country, other specialty, observership)",
        ),
        Binding(
            "d",
            "delete_letter",
            "Delete",
            id="letters.delete",
            show=False,
            tooltip="Delete the selected letter (asks first)",
        ),
        Binding(
            "f",
            "new_follow_up",
            "Follow-up",
            id="letters.follow_up",
            show=False,
            tooltip="A follow-up with the selected writer",
        ),
        Binding(
            "space",
            "follow_up_done",
            "Done",
            id="letters.done",
            tooltip="Tick the selected follow-up",
        ),
        Binding(
            "e",
            "edit_person",
            "Person",
            id="letters.person",
            show=False,
            tooltip="Edit the writer's details",
        ),
        Binding(
            "i",
            "toggle_detail",
            "Detail",
            id="letters.detail",
            show=False,
            tooltip="Show or hide the writer's page",
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.candidate_list: list[Candidate] = []

    def build(self) -> ComposeResult:
        candidates: DataTable[Cell] = Table(id="candidates-table", cursor_type="row")
        candidates.add_columns("Who to ask (L2)", "Rotation", "Why")
        yield Plain("", id="letters-summary")
        yield Horizontal(
            Vertical(
                make_table(
                    "letters-table",
                    ["Writer", "Step", "Since", "Letter ID", "Progs", "L1"],
                    classes="upper-table",
                ),
                candidates,
                Plain("Follow-ups (space ticks one, enter edits, f adds)", classes="section-title"),
                make_table("follow-ups-table", ["Due", "With", "Action", "Rule"]),
                id="letters-lists",
            ),
            VerticalScroll(
                Plain("", id="letter-detail"), id="letter-detail-scroll", can_focus=False
            ),
            id="letters-main",
        )

    def load(self) -> None:
        if not self.away.read_only:  # the rules' follow-ups, made once each
            eras = get_profile(self.db).eras_opens_on
            self.away.try_write(lambda: letters.make_follow_ups(self.db, eras))
        show_records(
            self.query_one("#letters-table", PagedTable),
            lambda offset, limit: letters.list_letters(self.db, limit, offset),
            letters.count_letters(self.db),
            self._letter_cells,
        )
        rotations_now = self._rotations_now()  # (every block read: once per load)
        self._candidates(rotations_now)
        show_records(
            self.query_one("#follow-ups-table", PagedTable),
            lambda offset, limit: letters.list_follow_ups(self.db, limit, offset),
            letters.count_follow_ups(self.db),
            self._follow_up_cells,
        )
        self._summarise(rotations_now)
        self._show_detail()

    def _rotations_now(self) -> list[BlockNow]:
        """Accepted or completed blocks in week 2 or later, ended at most RECENT_DAYS ago:
        (id, place, starts_on, ends_on)."""
        found = []
        for rotation in list_rotations(self.db):
            if rotation.status not in ("accepted", "completed") or not rotation.id:
                continue
            if not rotation.starts_on or not rotation.ends_on:
                continue
            ended = self.today.toordinal() - date.fromisoformat(rotation.ends_on).toordinal()
            if from_week_two(rotation.starts_on, self.today) and ended <= RECENT_DAYS:
                place = rotation.institution or rotation.program_name
                found.append((rotation.id, place, rotation.starts_on, rotation.ends_on))
        return found

    def _candidates(self, rotations_now: list[BlockNow]) -> None:
        table = self.query_one("#candidates-table", DataTable)
        table.clear()
        self.candidate_list = []
        for rotation_id, place, _, _ in rotations_now:
            for candidate in letters.candidates(self.db, rotation_id)[:5]:
                self.candidate_list.append(candidate)
                table.add_row(
                    candidate.name,
                    place,
                    candidate.reasons(),
                    key=f"{candidate.person_id}:{rotation_id}",
                )
        table.display = bool(self.candidate_list)

    def _summarise(self, rotations_now: list[BlockNow]) -> None:
        everything = letters.list_letters(self.db)
        count = count_letters(everything)
        text = Text(count.describe(), style="bold" if not count.short_of_l1 else "bold yellow")
        waiting = [x.person_name for x in everything if x.status == "agreed"]
        if waiting:  # a count and the first few: hundreds of names would hide the lists
            text.append(f"\nAgreed, packet still to send (L4): {summarise(waiting)}")
        ending = [
            place
            for _, place, starts_on, ends_on in rotations_now
            if in_last_week(starts_on, ends_on, self.today)
        ]
        if ending:
            text.append(
                f"\nLast week at {summarise(ending)}: ask for a strong letter now (L3); "
                "w shows words to use.",
                style="bold green",
            )
        self.query_one("#letters-summary", Static).update(text)

    def _letter_cells(self, letter: Letter) -> list[Cell]:
        step = STATUS_LABELS.get(letter.status, letter.status)  # type: ignore[call-overload]
        dates = [
            letter.thanked_on,
            letter.uploaded_on,
            letter.id_sent_on,
            letter.id_created_on,
            letter.packet_sent_on,
            letter.declined_on,
            letter.agreed_on,
            letter.asked_on,
        ]
        since = next((d for d in dates if d), None)
        kind = "US anesth." if letter.us_anesthesiology else "other"
        return [
            letter.person_name,
            Text(step, style="bold" if letter.status == "agreed" else ""),
            short_date(since),
            letter.eras_letter_id,
            str(letter.programs) if letter.programs else "",
            kind,
        ]

    def _follow_up_cells(self, follow_up: FollowUp) -> list[Cell]:
        due: Cell = (
            relative_days(follow_up.due_on, self.today) if follow_up.due_on else "when it happens"
        )
        if follow_up.done_on:
            due = Text(f"done {short_date(follow_up.done_on)}", style="dim")
        return [due, follow_up.person_name, follow_up.action, follow_up.rule_id]

    # --- the writer's page ------------------------------------------------------------

    def selected_person(self) -> tuple[int | None, int | None]:
        """(person, rotation) of the selected letter or candidate."""
        focused = self.app.focused
        if (
            isinstance(focused, DataTable)
            and focused.id == "candidates-table"
            and focused.row_count
        ):
            key = focused.coordinate_to_cell_key(focused.cursor_coordinate).row_key.value or ""
            person, _, rotation = key.partition(":")
            return int(person), int(rotation)
        letter_id = selected_key(self.query_one("#letters-table", PagedTable))
        letter = letters.get_letter(self.db, letter_id) if letter_id else None
        return (letter.person_id, letter.rotation_id) if letter else (None, None)

    @on(DataTable.RowHighlighted)
    def _highlighted(self) -> None:
        self._show_detail()

    def _show_detail(self) -> None:
        person_id, rotation_id = self.selected_person()
        person = letters.get_person(self.db, person_id) if person_id else None
        detail = self.query_one("#letter-detail", Static)
        if person is None:
            detail.update(
                "No letter yet: candidates appear from week 2 of a rotation; "
                "n adds a writer by hand."
            )
            return
        shared = letters.shared_with(self.db, person.id or 0)
        text = Text(f"{person.name}\n", style="bold")
        role = ", ".join(filter(None, [label(person.role), person.specialty, person.email]))
        text.append(f"{role}\n", style="dim")
        if person.institution:
            text.append(f"{person.institution}\n", style="dim")
        text.append(
            f"\n{plural(shared.days, 'day')} and {plural(shared.cases, 'case')} together; "
            f"{shared.feedback} feedback notes, {shared.teaching} teaching points.\n"
        )
        rotation = get_rotation(self.db, rotation_id) if rotation_id else None
        if rotation:
            text.append(f"Rotation: {rotation.institution or rotation.program_name}\n")
        days = letters.days_with(self.db, person.id or 0)
        if days:  # what to remind them of when asking or thanking (L3, L5)
            text.append("\nLatest days together\n", style="bold")
            for day, cases in days:
                text.append(f"{short_date(day):<13}{plural(cases, 'case')}\n")
        letter_id = selected_key(self.query_one("#letters-table", PagedTable))
        letter = letters.get_letter(self.db, letter_id) if letter_id else None
        if letter and letter.person_id == person.id:
            text.append("\nSteps\n", style="bold")
            for status, column in STEP_DATES.items():
                if when := getattr(letter, column):
                    text.append(f"{short_date(when):<13}{STATUS_LABELS[status]}\n")
            flags = [
                ("strong letter asked", letter.strong_asked),
                ("chair's letter", letter.chair_letter),
                ("right to view waived", letter.waived),
            ]
            text.append("; ".join(name for name, on_ in flags if on_) + "\n", style="dim")
            programs = letters.assignments(self.db, letter.id or 0)
            if programs:
                text.append("\nAssigned in ERAS to\n", style="bold")
                for _, name, n, on in programs:
                    when = f"{short_date(on):<13}" if on else ""
                    text.append(f"{when}{name} ({n} of 4)\n")
        text.append(
            "\n> next step · P packet · t thank-you · g assign · e person · f follow-up",
            style="dim",
        )
        detail.update(text)

    def action_toggle_detail(self) -> None:
        self.toggle_class("-detail-open")
