"""The Letters pane's writes and drafts: next step, declined, ask a candidate, edit a
letter or a person, assign to a program, the packet, the L3 and L5 words, follow-ups.
A part of LettersPane, kept apart for size."""

from dataclasses import replace

from textual import on
from textual.widgets import DataTable

from tracker.domain.checks import InvalidValues, field_texts
from tracker.domain.letters import (
    FollowUp,
    Letter,
    Person,
    follow_up_from_values,
    letter_from_values,
    letter_values,
    next_status,
    person_from_values,
    problem_with_step,
    strong_letter_words,
    thank_you_words,
    writer_from_values,
)
from tracker.store import letters
from tracker.store.db import AwayDatabase
from tracker.store.programs import get_rotation, list_programs
from tracker.ui.format import label
from tracker.ui.messages import RecordsChanged
from tracker.ui.panes.base import AreaPane
from tracker.ui.widgets.tables import PagedTable, selected_key


class LetterActions(AreaPane):
    def selected_person(self) -> tuple[int | None, int | None]:
        raise NotImplementedError

    def _written(self) -> None:
        self.reload()
        self.post_message(RecordsChanged("letters", self))
        focused = self.app.focused  # a list emptied and hidden (the last candidate asked)
        if focused is None or not focused.display:
            self.query_one("#letters-table", PagedTable).focus()

    def action_new_writer(self) -> None:
        from tracker.ui.modals.form import FormScreen
        from tracker.ui.modals.letters import WRITER_FIELDS

        if self.away.refuse_if_read_only():
            return
        today = self.today

        def save(values: dict[str, str]) -> dict[str, str]:
            try:
                person, letter = writer_from_values(values, today)
                letters.add_writer(self.db, person, letter)
            except InvalidValues as refused:
                return refused.errors
            return {}

        start = {"role": "attending", "us_anesthesiology": "1", "status": "asked"}
        self.app.push_screen(
            FormScreen("A letter writer", WRITER_FIELDS, start, save),
            lambda values: self._written() if values is not None else None,
        )

    def action_delete_letter(self) -> None:
        from tracker.ui.modals.confirm import ConfirmScreen

        letter = self._letter()
        if letter is None or self.away.refuse_if_read_only():
            return
        letter_id = letter.id or 0

        def answer(sure: bool | None) -> None:
            if not sure:
                return
            if self.away.try_write(lambda: letters.delete_letter_and_writer(self.db, letter_id)):
                self.notify(f"The letter from {letter.person_name} is deleted.")
                self._written()

        self.app.push_screen(
            ConfirmScreen(
                f"Delete the letter from {letter.person_name}? Their journal days and cases "
                "stay; they are removed only if nothing else names them."
            ),
            answer,
        )

    def _letter(self) -> Letter | None:
        letter_id = selected_key(self.query_one("#letters-table", PagedTable))
        letter = letters.get_letter(self.db, letter_id) if letter_id else None
        if letter is None:
            self.notify("Select a letter first.")
        return letter

    def _move(self, letter: Letter, status: str) -> None:
        if self.away.refuse_if_read_only():
            return
        if problem := problem_with_step(letter, status):
            self.notify(f"Not yet: {problem}.", severity="warning")
            return
        letter_id, today = letter.id or 0, self.today.isoformat()
        if self.away.try_write(lambda: letters.move_letter(self.db, letter_id, status, today)):
            self.notify(f"{letter.person_name}: {label(status)}.")
            self._written()

    def action_advance(self) -> None:
        letter = self._letter()
        if letter is None:
            return
        following = next_status(letter.status)
        if following is None:
            self.notify(f"{label(letter.status).capitalize()} is the last step.")
            return
        self._move(letter, following)

    def action_decline(self) -> None:
        letter = self._letter()
        if letter is not None:
            self._move(letter, "declined")

    def action_ask(self) -> None:
        table = self.query_one("#candidates-table", DataTable)
        if not (table.has_focus and table.row_count):
            self.notify("Select someone under “Who to ask” first (tab to the list).")
            return
        person_id, rotation_id = self.selected_person()
        if person_id is None or self.away.refuse_if_read_only():
            return
        today = self.today.isoformat()

        def ask() -> None:
            letter_id = letters.letter_for(self.db, person_id, rotation_id)
            letters.move_letter(self.db, letter_id, "asked", today)
            letter = letters.get_letter(self.db, letter_id)
            if letter is not None:
                letters.update_letter(self.db, replace(letter, strong_asked=True))

        if self.away.try_write(ask):
            self.notify("Asked today (a strong letter, L3). > moves it on when they agree.")
            self._written()

    @on(DataTable.RowSelected, "#letters-table")
    def _edit_letter(self) -> None:
        from tracker.ui.modals.form import FormScreen
        from tracker.ui.modals.letters import LETTER_FIELDS

        letter = self._letter()
        if letter is None or self.away.refuse_if_read_only():
            return

        def save(values: dict[str, str]) -> dict[str, str]:
            try:
                letters.update_letter(self.db, letter_from_values(values, letter))
            except InvalidValues as refused:
                return refused.errors
            return {}

        self.app.push_screen(
            FormScreen(
                f"The letter from {letter.person_name}", LETTER_FIELDS, letter_values(letter), save
            ),
            lambda values: self._written() if values is not None else None,
        )

    def action_edit_person(self) -> None:
        from tracker.ui.modals.form import FormScreen
        from tracker.ui.modals.letters import PERSON_FIELDS

        person_id, _ = self.selected_person()
        person = letters.get_person(self.db, person_id) if person_id else None
        if person is None or self.away.refuse_if_read_only():
            return
        values = field_texts(person)

        def save(values: dict[str, str]) -> dict[str, str]:
            try:
                letters.update_person(self.db, person_from_values(values, person))
            except InvalidValues as refused:
                return refused.errors
            return {}

        self.app.push_screen(
            FormScreen(person.name, PERSON_FIELDS, values, save),
            lambda values: self._written() if values is not None else None,
        )

    def action_assign(self) -> None:
        from tracker.ui.modals.choice import ChoiceScreen

        letter = self._letter()
        if letter is None or self.away.refuse_if_read_only():
            return
        assigned = {pid for pid, *_ in letters.assignments(self.db, letter.id or 0)}
        choices = [
            (f"{'✓ ' if p.id in assigned else ''}{p.institution or p.name} — {p.name}", str(p.id))
            for p in list_programs(self.db)
        ]

        def chosen(value: str | None) -> None:
            if not value:
                return
            program_id = int(value)
            today = self.today.isoformat()

            def change() -> None:
                if program_id in assigned:
                    letters.unassign(self.db, letter.id or 0, program_id)
                else:
                    letters.assign(self.db, letter.id or 0, program_id, today)

            try:
                if self.away.try_write(change):
                    self._written()
            except InvalidValues as refused:  # the ERAS limit: not the store's failure
                reason = next(iter(refused.errors.values()))
                self.notify(reason[0].upper() + reason[1:] + ".", severity="warning")

        self.app.push_screen(
            ChoiceScreen(
                f"Assign {letter.person_name}'s letter to (✓: assigned; again to remove):", choices
            ),
            chosen,
        )

    def action_packet(self) -> None:
        person_id, _ = self.selected_person()
        person = letters.get_person(self.db, person_id) if person_id else None
        if person is None:
            self.notify("Select a letter or a candidate first.")
            return
        if self.away.refuse_if_read_only():
            return
        self._write_packet(person)

    def _write_packet(self, person: Person, keep_flagged: bool = False) -> None:
        from tracker.services.packet import render_packet, write_packet
        from tracker.ui.modals.export import write_in_background

        db_path = self.away.db_path

        def work(db: AwayDatabase) -> str:  # the PDF to send, and the Markdown to read or edit
            written = [
                write_packet(
                    render_packet(db, person, form, keep_flagged), None, db_path, person, form
                )
                for form in ("pdf", "md")
            ]
            return f"Packet for {person.name}: {written[0]} (and .md)"

        # The PDF takes a third of a second the first time (fpdf and its font): not on
        # the screen's thread.
        write_in_background(
            self.away,
            f"Writing the packet for {person.name}…",
            work,
            lambda: self._write_packet(person, keep_flagged=True),
        )

    def _place(self, rotation_id: int | None) -> str:
        rotation = get_rotation(self.db, rotation_id) if rotation_id else None
        return (rotation.institution or rotation.program_name) if rotation else "your hospital"

    def action_ask_words(self) -> None:
        from tracker.ui.modals.draft import DraftScreen

        person_id, rotation_id = self.selected_person()
        person = letters.get_person(self.db, person_id) if person_id else None
        if person is None:
            self.notify("Select a candidate or a letter first.")
            return
        words = strong_letter_words(person.name, self._place(rotation_id))
        self.app.push_screen(DraftScreen(f"Asking {person.name} for a strong letter (L3)", words))

    def action_thank_you(self) -> None:
        from tracker.ui.modals.draft import DraftScreen

        person_id, rotation_id = self.selected_person()
        person = letters.get_person(self.db, person_id) if person_id else None
        if person is None:
            self.notify("Select a letter or a candidate first.")
            return
        learned = letters.learned_with(self.db, person.id or 0)
        words = thank_you_words(person.name, self._place(rotation_id), learned)
        self.app.push_screen(DraftScreen(f"Thank-you to {person.name} (L5)", words))

    def action_follow_up_done(self) -> None:
        table = self.query_one("#follow-ups-table", PagedTable)
        follow_up_id = selected_key(table) if table.has_focus else None
        if follow_up_id is None:
            self.notify("Select a follow-up first (tab to the list).")
            return
        today = self.today.isoformat()
        if self.away.try_write(lambda: letters.toggle_follow_up(self.db, follow_up_id, today)):
            self._written()

    def action_new_follow_up(self) -> None:
        person_id, _ = self.selected_person()
        person = letters.get_person(self.db, person_id) if person_id else None
        if person is None:
            self.notify("Select a letter or a candidate first: a follow-up is with someone.")
            return
        self._follow_up_form(FollowUp(person_id=person.id), f"A follow-up with {person.name}")

    @on(DataTable.RowSelected, "#follow-ups-table")
    def _edit_follow_up(self) -> None:
        follow_up_id = selected_key(self.query_one("#follow-ups-table", PagedTable))
        follow_up = letters.get_follow_up(self.db, follow_up_id) if follow_up_id else None
        if follow_up is not None:
            self._follow_up_form(follow_up, f"The follow-up with {follow_up.person_name}")

    def _follow_up_form(self, follow_up: FollowUp, title: str) -> None:
        from tracker.ui.modals.form import FormScreen
        from tracker.ui.modals.letters import FOLLOW_UP_FIELDS

        if self.away.refuse_if_read_only():
            return
        values = {"action": follow_up.action, "due_on": follow_up.due_on or ""}

        def save(values: dict[str, str]) -> dict[str, str]:
            try:
                changed = follow_up_from_values(values, follow_up)
            except InvalidValues as refused:
                return refused.errors
            if changed.id is None:
                letters.add_follow_up(self.db, changed)
            else:
                letters.update_follow_up(self.db, changed)
            return {}

        self.app.push_screen(
            FormScreen(title, FOLLOW_UP_FIELDS, values, save),
            lambda values: self._written() if values is not None else None,
        )
