"""Quitting with the journal open: nothing typed is lost without the user's word.

Before the app quits, the day is saved and the writer waited for. Flagged words ask to
be kept or edited; text the file refused (a full disk) keeps the app open with a choice:
try again, copy the text to a recovery file, or quit anyway (exit code 1, said).
"""

from tracker.domain.journal import DAY_TEXT_FIELDS, JournalDay
from tracker.domain.phi import Flag
from tracker.store import journal
from tracker.ui.format import short_date
from tracker.ui.panes.journal_cases import CaseActions

RETRY, RECOVER, QUIT = "retry", "recover", "quit"


class QuitActions(CaseActions):
    # Provided by JournalPane.
    flags: dict[str, list[Flag]]

    def _saved_or_said(self) -> bool:
        raise NotImplementedError

    def action_save_now(self) -> None:
        raise NotImplementedError

    def before_quit(self) -> bool:
        """Save and wait for the writer; False (and a question) when flagged text would
        be left behind or the file refused the text."""
        self.save_now()
        if self.flags:
            self._ask_keep_flagged()
            return False
        if not self._saved_or_said():
            self._ask_unsaved()
            return False
        return True

    def _quit_again(self) -> None:
        self.app.call_later(self.app.action_quit)

    def _ask_keep_flagged(self) -> None:
        from tracker.ui.modals.confirm import ConfirmScreen

        def answer(keep: bool | None) -> None:
            if keep:
                self.action_save_now()
                self._quit_again()  # (saved and checked like any quit)

        words = "; ".join(f"“{f.text}”" for found in self.flags.values() for f in found)
        self.app.push_screen(
            ConfirmScreen(
                f"{short_date(self.editor.day)} holds words that look like a patient "
                f"identifier ({words}), not kept yet. Keep them as written and quit? "
                "(No: back to the journal to edit them.)",
                yes_label="Keep and quit",
            ),
            answer,
        )

    def unsaved_fields(self) -> dict[str, str]:
        """The fields whose text on screen the file does not hold."""
        day = self.editor.day
        stored = journal.day_of(self.db, day) or JournalDay(day=day)
        shown = self.editor.current(stored)
        return {
            field: getattr(shown, field)
            for field in DAY_TEXT_FIELDS
            if getattr(shown, field) != getattr(stored, field) and getattr(shown, field)
        }

    def _ask_unsaved(self) -> None:
        from tracker.ui.modals.choice import ChoiceScreen

        self.app.push_screen(
            ChoiceScreen(
                f"The journal of {short_date(self.editor.day)} could not be saved (the "
                "message under its date says why). Your text is still on screen.",
                [
                    ("Try to save again", RETRY),
                    ("Copy the text to a recovery file, then quit", RECOVER),
                    ("Quit anyway: the unsaved text is lost", QUIT),
                ],
            ),
            self._unsaved_chosen,
        )

    def _unsaved_chosen(self, choice: str | None) -> None:
        if choice == RETRY:
            # Start again from what the file holds, so the whole day is written.
            day = self.editor.day
            self.stored = journal.day_of(self.db, day) or JournalDay(day=day)
            self._quit_again()
        elif choice == RECOVER:
            self._recover_and_quit()
        elif choice == QUIT:
            lost = sum(len(text) for text in self.unsaved_fields().values())
            self.app.exit(
                return_code=1,
                message=f"Away quit without saving {lost:,} characters of the journal of "
                f"{self.editor.day}, as you chose.",
            )

    def _recover_and_quit(self) -> None:
        from tracker.services.exporting import ExportError
        from tracker.services.recovery import write_recovery

        try:
            path = write_recovery(self.db.path, self.editor.day, self.unsaved_fields())
        except ExportError as error:
            self.notify(
                f"No recovery file could be written ({error}). Your text is still here.",
                severity="error",
                timeout=15,
            )
            return
        self.app.exit(
            message=f"The journal text of {self.editor.day} that could not be saved is in "
            f"{path} (only you can read it): paste it back into the journal once there is room."
        )
