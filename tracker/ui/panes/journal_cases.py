"""The Journal's cases: the day's list and the keys that add (`c`, `C` from the last
case), edit (enter) and delete (`d`) them. A part of JournalPane, kept apart for size."""

from dataclasses import replace

from textual import on
from textual.widgets import DataTable

from tracker.domain.journal import JournalDay, case_from_values, case_values
from tracker.domain.text import plural
from tracker.store import journal
from tracker.store.letters import person_name, person_named
from tracker.ui.panes.base import AreaPane
from tracker.ui.panes.journal_day import DayEditor
from tracker.ui.widgets.tables import selected_key


class CaseActions(AreaPane):
    # Provided by JournalPane.
    stored: JournalDay
    team: frozenset[str]  # words of the names the PHI guard allows
    skill_role: str | None = None  # the case form's last choice for skills without one

    @property
    def editor(self) -> DayEditor:
        return self.query_one(DayEditor)

    def save_now(self) -> None:
        raise NotImplementedError

    def open_day(self, day: str, save_first: bool = True) -> None:
        raise NotImplementedError

    def case_start(self, copy: bool) -> dict[str, str]:
        raise NotImplementedError

    def _changed(self) -> None:
        raise NotImplementedError

    def cases_changed(self) -> None:
        """After a case was written: the day's cases, its row in the list, other panes."""
        self.show_cases()
        self.refresh_list_row()
        self._changed()

    def refresh_list_row(self) -> None:
        raise NotImplementedError

    def show_cases(self) -> None:
        day_id = self.stored.id
        cases = journal.list_cases(self.db, day_id) if day_id else []
        skills = journal.skills_of(self.db, [case.id for case in cases if case.id])
        self.editor.show_cases(cases, skills)

    def action_focus_cases(self) -> None:
        table = self.query_one("#day-cases", DataTable)
        if not table.row_count:
            self.notify("No case on this day yet: c adds one.")
            return
        table.focus()
        table.scroll_visible()

    def action_add_case(self) -> None:
        self._open_case_form(None, self.case_start(copy=False))

    def action_copy_case(self) -> None:
        self._open_case_form(None, self.case_start(copy=True))

    @on(DataTable.RowSelected, "#day-cases")
    def _edit_case(self) -> None:
        case_id = selected_key(self.query_one("#day-cases", DataTable))
        case = journal.get_case(self.db, case_id) if case_id else None
        if case is None:
            return
        skills = journal.skills_of(self.db, [case_id or 0]).get(case_id or 0, [])
        attending = person_name(self.db, case.attending_id)
        self._open_case_form(case_id, case_values(case, skills, attending))

    def _open_case_form(self, case_id: int | None, values: dict[str, str]) -> None:
        from tracker.ui.modals.cases import CASE_FIELDS, guarded
        from tracker.ui.modals.form import FormScreen

        # A skill typed without a role gets the role chosen last (this session), else
        # the role of the skill logged last.
        last = self.skill_role or journal.last_skill_role(self.db) or "observed"
        values = {"skill_role": last} | values

        if self.away.refuse_if_read_only():
            return
        day = self.stored.day

        def save(values: dict[str, str]) -> None:
            # The day's text first (a case belongs to a stored day), then the case.
            self.save_now()
            day_id = journal.ensure_day(self.db, day)
            case, skills = case_from_values(values, day_id)
            self.skill_role = values.get("skill_role")
            name = values.get("attending", "").strip()
            case = replace(
                case, id=case_id, attending_id=person_named(self.db, name) if name else None
            )
            if case_id is None:
                journal.add_case(self.db, case, skills)
            else:
                journal.update_case(self.db, case, skills)
            if self.stored.day == day and self.stored.id is None:
                self.stored = replace(self.stored, id=day_id)

        def saved(values: dict[str, str] | None) -> None:
            if values is not None:
                self.cases_changed()

        title = "A new case" if case_id is None else "The case"
        title += " (de-identified: no names, record numbers or dates)"
        form = FormScreen(title, CASE_FIELDS, values, guarded(save, self.team))
        self.app.push_screen(form, saved)

    def action_delete_case(self) -> None:
        from tracker.ui.modals.confirm import ConfirmScreen

        table = self.query_one("#day-cases", DataTable)
        case_id = selected_key(table) if table.has_focus else None
        case = journal.get_case(self.db, case_id) if case_id else None
        if case is None:
            self.notify("Select a case in the day's case list first (tab to it).")
            return
        if self.away.refuse_if_read_only():
            return
        skills = len(journal.skills_of(self.db, [case.id or 0]).get(case.id or 0, []))

        def answer(yes: bool | None) -> None:
            if yes and self.away.try_write(lambda: journal.delete_case(self.db, case.id or 0)):
                self.cases_changed()

        self.app.push_screen(
            ConfirmScreen(f"Delete the case “{case.procedure}” and its {plural(skills, 'skill')}?"),
            answer,
        )
