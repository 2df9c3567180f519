"""Applications: rotation applications and the programs researched, with fit and list mix."""

from collections.abc import Callable
from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.events import DescendantBlur, DescendantFocus
from textual.timer import Timer
from textual.widgets import DataTable, Input, OptionList, Static
from textual.widgets.option_list import Option

from tracker.domain.checks import InvalidValues
from tracker.domain.fit import Fit, fit, fit_label
from tracker.domain.guidance import Finding, Snapshot, State, list_findings
from tracker.domain.profile import Profile
from tracker.domain.programs import (
    KIND_LABELS,
    NEXT_STATUS,
    OPEN_STATUSES,
    Program,
    ProgramKind,
    Rotation,
    RotationStatus,
    block_is_over,
    deadline_urgency,
    program_from_values,
    rotation_from_values,
)
from tracker.domain.text import plural
from tracker.store import programs as store
from tracker.store.budget import planned_total
from tracker.store.db import AwayDatabase
from tracker.store.profile import get_profile
from tracker.ui.format import excerpt, label, relative_days, short_block, short_date
from tracker.ui.messages import RecordsChanged
from tracker.ui.panes.base import AreaPane, Target
from tracker.ui.panes.programs_detail import program_detail, rotation_detail
from tracker.ui.text import Plain, safe_text
from tracker.ui.widgets.picker import Picker
from tracker.ui.widgets.tables import (
    Cell,
    PagedTable,
    make_table,
    select_row,
    selected_key,
    show_records,
)

SPECIALTY_SHORT = {
    "anesthesiology": "anesthesia",
    "critical_care": "crit. care",
    "internal_medicine": "int. med.",
    "surgery": "surgery",
    "other": "other",
}
URGENCY_STYLES = {"overdue": "bold red", "urgent": "bold dark_orange", "soon": "yellow"}
MIX_MARKS = {
    State.MET: ("✓", "green"),
    State.NOT_MET: ("!", "bold yellow"),
    State.OVERDUE: ("!", "bold yellow"),
}
NEUTRAL_MARK = ("·", "dim")  # for information, or not enough data yet


class ApplicationsPane(AreaPane):
    PANE_ID = "applications"
    READS = frozenset({"programs", "profile"})
    BINDINGS = [
        Binding(
            "n",
            "new",
            "New",
            id="applications.new",
            tooltip="New program (in the programs table) or application",
        ),
        Binding(
            "a",
            "new_application",
            "Apply",
            id="applications.apply",
            tooltip="New application for the selected program",
        ),
        Binding("enter", "edit", "Edit", id="applications.edit", tooltip="Edit the selected row"),
        Binding(
            "d",
            "delete",
            "Delete",
            id="applications.delete",
            tooltip="Delete the selected row (asks first)",
        ),
        Binding(
            "greater_than_sign",
            "advance",
            "Advance",
            id="applications.advance",
            tooltip="Move the application to the next step of its pipeline",
        ),
        Binding(
            "s",
            "choose_status",
            "Status",
            id="applications.status",
            tooltip="Set the application's status (denied, withdrawn, …)",
        ),
        Binding(
            "slash",
            "filter",
            "Filter",
            id="applications.filter",
            tooltip="Filter both tables by text",
        ),
        Binding(
            "m",
            "toggle_mix",
            "Mix",
            id="applications.mix",
            tooltip="Show every list-mix line (enter on one explains its rule)",
        ),
        Binding(
            "i",
            "toggle_detail",
            "Detail",
            id="applications.detail",
            show=False,
            tooltip="Show or hide the detail panel (hidden on narrow terminals)",
        ),
        Binding(
            "escape",
            "clear_filter",
            "Clear",
            id="applications.clear",
            show=False,
            tooltip="Clear the filters",
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        # Each program's fit score, to sort and show; the records are read a page at a
        # time, and the reasons worked out for the one selected (kept for all 1,200
        # programs at 100x, records and reasons were 3.4 MB).
        self.scores: dict[int | None, int] = {}
        self.profile: Profile | None = None
        self.rotations: dict[int | None, Rotation] = {}
        self.applications: dict[int | None, int] = {}  # applications per program id
        self.current_table = "rotations-table"
        self.mix: list[Finding] = []
        self._filter_timer: Timer | None = None
        self.select_after: tuple[str, int] | None = None  # (table, id) of a new record

    def build(self) -> ComposeResult:
        # The mix lines, one per rule; on a short terminal one summary line instead (m).
        yield Plain("", id="mix-summary")
        yield OptionList(id="mix-list")
        yield Horizontal(
            Input(
                placeholder="/ filter: program, institution, city, notes",
                id="apps-filter",
                compact=True,
            ),
            Picker(
                [(label(s.value), s.value) for s in RotationStatus],
                prompt="any status",
                title="Show applications of status",
                id="status-filter",
            ),
            Picker(
                [(KIND_LABELS[k], k.value) for k in ProgramKind],
                prompt="any kind",
                title="Show programs of kind",
                id="kind-filter",
            ),
            id="filter-bar",
        )
        yield Horizontal(
            Vertical(
                Plain("Applications", classes="section-title"),
                # What matters most first: a narrow terminal cuts the last columns.
                make_table(
                    "rotations-table",
                    ["Institution", "Status", "Deadline", "Block", "Specialty"],
                    classes="upper-table",
                ),
                Plain("Programs by fit", classes="section-title", id="programs-title"),
                make_table(
                    "programs-table", ["Fit", "Institution", "Kind", "J-1", "H-1B", "IMGs", "Apps"]
                ),
                id="apps-tables",
            ),
            VerticalScroll(Plain("", id="apps-detail"), id="apps-detail-scroll", can_focus=False),
            id="apps-main",
        )

    # --- loading ---------------------------------------------------------------------

    def load(self) -> None:
        text = self.query_one("#apps-filter", Input).value
        status = self._select_value("#status-filter")
        kind = self._select_value("#kind-filter")
        profile = get_profile(self.db)
        all_rotations = store.list_rotations(self.db)
        # The guide's list rules, as Today evaluates them (one engine).
        shot = Snapshot(
            today=date.fromisoformat(self.today.isoformat()),
            profile=profile,
            rotations=all_rotations,
            researched=store.count_by_kind(self.db),
        )
        self._show_mix(list_findings(shot))
        rotations = store.list_rotations(self.db, text, status) if text or status else all_rotations
        self.rotations = {r.id: r for r in rotations}  # what the table shows, by id
        # Cells are made a page at a time, as the table shows them.
        show_records(
            self.query_one("#rotations-table", DataTable),
            lambda offset, limit: rotations[offset : offset + limit],
            len(rotations),
            self._rotation_cells,
        )
        # Every match, to sort by fit (computed here, from the profile); shown a page at a time.
        programs = store.list_programs(self.db, text, kind)
        self.profile = profile
        self.scores = {p.id: fit(p, profile).score for p in programs}
        applications: dict[int | None, int] = {}
        for r in all_rotations:
            applications[r.program_id] = applications.get(r.program_id, 0) + 1
        self.applications = applications
        programs.sort(key=lambda p: (-self.scores[p.id], p.name.lower()))
        order = [p.id for p in programs if p.id is not None]
        show_records(
            self.query_one("#programs-table", DataTable),
            lambda offset, limit: store.programs_by_id(self.db, order[offset : offset + limit]),
            len(order),
            self._program_cells,
        )
        total = store.count_programs(self.db)
        shown = f"{len(programs)} of {total}" if len(programs) < total else f"{total}"
        self.query_one("#programs-title", Static).update(f"Programs by fit ({shown})")
        if self.select_after:
            self._select(*self.select_after)
            self.select_after = None
        self._show_detail()

    def reveal(self, target: Target) -> None:
        if target.table_id and target.record_id is not None:
            self._select(target.table_id, target.record_id)

    def _select(self, table_id: str, record_id: int) -> None:
        """Put the cursor on a record just added, in its table, and focus that table."""
        if select_row(self.query_one(f"#{table_id}", PagedTable), record_id):
            self.current_table = table_id

    def _program_cells(self, p: Program) -> list[Cell]:
        score = self.scores[p.id]
        label = fit_label(score)
        return [
            Text(f"{score:+d} {label}", style=_fit_style(label)),
            excerpt(p.institution or p.name, 30),
            p.kind,
            _short(p.sponsors_j1),
            _short(p.sponsors_h1b),
            _short(p.has_img_residents),
            str(self.applications.get(p.id, "")),
        ]

    def _rotation_cells(self, r: Rotation) -> list[Cell]:
        if r.status in OPEN_STATUSES and r.deadline_on:
            urgency = deadline_urgency(r.deadline_on, self.today)
            deadline = Text(
                relative_days(r.deadline_on, self.today), style=URGENCY_STYLES.get(urgency, "")
            )
        else:
            deadline = Text(short_date(r.deadline_on), style="dim")
        return [
            excerpt(r.institution or r.program_name, 24),
            label(r.status),
            deadline,
            short_block(r.starts_on, r.ends_on, self.today),
            SPECIALTY_SHORT[r.specialty],
        ]

    def _show_mix(self, lines: list[Finding]) -> None:
        self.mix = lines
        options = self.query_one("#mix-list", OptionList)
        highlighted = options.highlighted
        options.clear_options()
        summary = Text()
        for line in lines:
            mark, style = MIX_MARKS.get(line.state, NEUTRAL_MARK)
            options.add_option(
                Option(
                    safe_text(
                        Text.assemble(
                            (f"{mark} ", style), (f"{line.rule_id} ", "bold"), line.message
                        )
                    ),
                    id=line.rule_id,
                )
            )
            summary.append_text(Text.assemble((f"{mark} ", style), (f"{line.rule_id}  ", "bold")))
        if highlighted is not None and lines:
            options.highlighted = min(highlighted, len(lines) - 1)
        summary.append("m: the list mix in full", style="dim")
        self.query_one("#mix-summary", Static).update(summary)

    def _selected_program(self) -> Program | None:
        program_id = selected_key(self.query_one("#programs-table", DataTable))
        return store.get_program(self.db, program_id) if program_id else None

    def _fit(self, program: Program) -> Fit:
        return fit(program, self.profile or get_profile(self.db))

    def _select_value(self, selector: str) -> str | None:
        return self.query_one(selector, Picker).value

    def _show_detail(self) -> None:
        detail = self.query_one("#apps-detail", Static)
        if self.current_table == "programs-table":
            program = self._selected_program()
            detail.update(
                program_detail(program, self._fit(program), self.applications.get(program.id, 0))
                if program
                else "No program selected."
            )
        else:
            rotation_id = selected_key(self.query_one("#rotations-table", DataTable))
            rotation = self.rotations.get(rotation_id)
            filtered = self.query_one("#apps-filter", Input).value or self._select_value(
                "#status-filter"
            )
            empty = (
                "No application matches the filter; escape clears it."
                if filtered
                else "No application yet. Press n to add one."
            )
            detail.update(
                rotation_detail(
                    rotation,
                    store.status_history(self.db, rotation.id),
                    planned_total(self.db, rotation.id, get_profile(self.db)),
                )
                if rotation and rotation.id
                else empty
            )

    # --- events ----------------------------------------------------------------------

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.has_focus and event.data_table.id:
            self.current_table = event.data_table.id
        self._show_detail()

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        table_id = event.widget.id if isinstance(event.widget, DataTable) else None
        if table_id and table_id != self.current_table:
            self.current_table = table_id
            self._show_detail()

    def on_descendant_blur(self, event: DescendantBlur) -> None:
        if event.widget.id == "mix-list":
            self.remove_class("-mix-open")

    @on(OptionList.OptionSelected, "#mix-list")
    def _mix_rule(self, event: OptionList.OptionSelected) -> None:  # enter on a mix line
        self.away.action_show_rule(event.option.id)

    def current_rule_id(self) -> str | None:
        mix_list = self.query_one("#mix-list", OptionList)
        if mix_list.has_focus and mix_list.highlighted is not None:
            return self.mix[mix_list.highlighted].rule_id
        if self.current_table == "programs-table":
            program = self._selected_program()
            reasons = list(self._fit(program).reasons) if program else []
            chosen = [r for r in reasons if r.sign != "+"] or reasons
            return chosen[0].rule_id if chosen else None
        return next((line.rule_id for line in self.mix if line.state == State.NOT_MET), None)

    @on(DataTable.RowSelected)
    def _selected(self) -> None:
        self.action_edit()

    @on(Input.Changed, "#apps-filter")
    def _filter_typed(self) -> None:
        # Debounce: reload once typing pauses, not on every key.
        if self._filter_timer:
            self._filter_timer.stop()
        self._filter_timer = self.set_timer(0.2, self.reload)

    @on(Input.Submitted, "#apps-filter")
    def _filter_done(self) -> None:
        self.reload()
        self.query_one(f"#{self.current_table}", DataTable).focus()

    @on(Picker.Changed)
    def _filter_chosen(self) -> None:
        if self.built:
            self.reload()

    # --- actions ---------------------------------------------------------------------

    def action_filter(self) -> None:
        self.query_one("#apps-filter", Input).focus()

    def action_toggle_mix(self) -> None:
        mix_list = self.query_one("#mix-list", OptionList)
        if mix_list.has_focus:
            self.remove_class("-mix-open")
            self.query_one(f"#{self.current_table}", DataTable).focus()
            return
        self.add_class("-mix-open")
        if mix_list.highlighted is None and mix_list.option_count:
            mix_list.highlighted = 0
        mix_list.focus()

    def action_toggle_detail(self) -> None:
        self.toggle_class("-detail-open")

    def action_clear_filter(self) -> None:
        self.query_one("#apps-filter", Input).value = ""
        self.query_one("#status-filter", Picker).clear()
        self.query_one("#kind-filter", Picker).clear()
        self.reload()
        self.query_one(f"#{self.current_table}", DataTable).focus()

    def action_new(self) -> None:
        if self.away.refuse_if_read_only():
            return
        if self.current_table == "programs-table":
            self._program_form(None)
        else:
            self.action_new_application()

    def action_new_application(self) -> None:
        if self.away.refuse_if_read_only():
            return
        program_id = None
        if self.current_table == "programs-table":
            program_id = selected_key(self.query_one("#programs-table", DataTable))
        if store.count_programs(self.db) == 0:
            self.notify("First the program, then its application.")
            self._program_form(None)
            return
        values = {
            "program_id": str(program_id or ""),
            "status": "idea",
            "specialty": "anesthesiology",
        }
        self._rotation_form(None, values)

    def action_edit(self) -> None:
        if self.away.refuse_if_read_only():
            return
        if self.current_table == "programs-table":
            if program := self._selected_program():
                self._program_form(program)
        else:
            rotation_id = selected_key(self.query_one("#rotations-table", DataTable))
            rotation = self.rotations.get(rotation_id)
            if rotation:
                from tracker.ui.modals.programs import rotation_values

                self._rotation_form(rotation.id, rotation_values(rotation))

    def action_delete(self) -> None:
        from tracker.ui.modals.confirm import ConfirmScreen

        if self.away.refuse_if_read_only():
            return
        if self.current_table == "programs-table":
            program = self._selected_program()
            if program is None:
                return
            record_id: int | None = program.id
            counts = store.dependents(self.db, program_id=record_id)
            question = f"Delete the program {program.name} ({program.institution})?"
            delete: Callable[[AwayDatabase, int], None] = store.delete_program
        else:
            record_id = selected_key(self.query_one("#rotations-table", DataTable))
            rotation = self.rotations.get(record_id)
            if not rotation:
                return
            counts = store.dependents(self.db, rotation_id=record_id)
            counts.pop("applications")
            question = f"Delete the application to {rotation.institution}?"
            delete = store.delete_rotation
        question += _delete_consequences(counts)

        def answered(yes: bool | None) -> None:
            if yes and record_id and self.away.try_write(lambda: delete(self.db, record_id)):
                self.notify("Deleted.")
                self._changed()

        self.app.push_screen(ConfirmScreen(question), answered)

    def action_advance(self) -> None:
        if self.away.refuse_if_read_only():
            return
        rotation = self._selected_rotation()
        if rotation is None:
            return
        following = NEXT_STATUS.get(RotationStatus(rotation.status))
        if following is None:
            self.notify(
                f"'{label(rotation.status)}' has no next step; press s to set a status.",
                severity="warning",
            )
            return
        self._set_status(rotation, following)

    def _offer_checklists(self, rotation: Rotation) -> None:
        """Once a block is accepted: the guide's document, immunization and visa lists."""
        from tracker.domain.checklist_templates import TEMPLATES
        from tracker.store import checklists
        from tracker.ui.modals.confirm import ConfirmScreen

        rotation_id = rotation.id
        if rotation_id is None or checklists.has_template_items(self.db, rotation_id):
            return

        def answer(yes: bool | None) -> None:
            if yes and self.away.try_write(
                lambda: checklists.apply_templates(self.db, list(TEMPLATES), rotation_id)
            ):
                self.notify("Added: see the Checklists pane (3).")
                self.post_message(RecordsChanged("checklists", self))

        self.app.push_screen(
            ConfirmScreen(
                f"Accepted at {rotation.institution or rotation.program_name}. Add the "
                "documents, immunizations and visa steps the guide lists (D1, D2, V1-V4) to "
                "its checklist, with due dates from its deadline and block?",
                yes_label="Add them",
            ),
            answer,
        )

    def _set_status(self, rotation: Rotation, status: str) -> None:
        """Through the guarded path; a block not yet over is completed only if confirmed."""
        from tracker.ui.modals.confirm import ConfirmScreen

        rotation_id = rotation.id
        if rotation_id is None:
            return

        def write() -> None:
            if self.away.try_write(
                lambda: store.set_status(self.db, rotation_id, status, self.today)
            ):
                self.notify(f"{rotation.institution}: {label(status)}")
                self._changed()
                if status == RotationStatus.ACCEPTED:
                    self._offer_checklists(rotation)

        if status == RotationStatus.COMPLETED and not block_is_over(rotation, self.today):
            when = (
                f"ends {short_date(rotation.ends_on)}"
                if rotation.ends_on
                else "has no end date yet"
            )
            question = f"The block at {rotation.institution} {when}. Mark it completed anyway?"
            self.app.push_screen(
                ConfirmScreen(question, yes_label="Completed"), lambda yes: write() if yes else None
            )
            return
        write()

    def action_choose_status(self) -> None:
        from tracker.ui.modals.choice import ChoiceScreen

        if self.away.refuse_if_read_only():
            return
        rotation = self._selected_rotation()
        if rotation is None:
            return

        def chosen(status: str | None) -> None:
            if status and status != rotation.status:
                self._set_status(rotation, status)

        choices = [(label(s.value), s.value) for s in RotationStatus]
        self.app.push_screen(
            ChoiceScreen(f"Status of {rotation.institution}", choices, rotation.status), chosen
        )

    # --- helpers ---------------------------------------------------------------------

    def _selected_rotation(self) -> Rotation | None:
        if self.current_table != "rotations-table":
            self.notify(
                "Select an application in the applications table first.", severity="warning"
            )
            return None
        rotation_id = selected_key(self.query_one("#rotations-table", DataTable))
        return self.rotations.get(rotation_id)

    def _program_form(self, program: Program | None) -> None:
        from tracker.ui.modals.form import FormScreen
        from tracker.ui.modals.programs import PROGRAM_FIELDS, program_values

        def save(values: dict[str, str]) -> dict[str, str]:
            try:
                record = program_from_values(values, program.id if program else None)
                if program:
                    store.update_program(self.db, record)
                else:
                    self.select_after = ("programs-table", store.add_program(self.db, record))
            except InvalidValues as error:
                return error.errors
            return {}

        title = f"Edit {program.name}" if program else "New program"
        values = program_values(program or Program())
        self.app.push_screen(FormScreen(title, PROGRAM_FIELDS, values, save), self._saved)

    def _rotation_form(self, rotation_id: int | None, values: dict[str, str]) -> None:
        from tracker.ui.modals.form import FormScreen
        from tracker.ui.modals.programs import rotation_fields

        def save(form_values: dict[str, str]) -> dict[str, str]:
            try:
                record = rotation_from_values(form_values, rotation_id)
                if rotation_id:
                    store.update_rotation(self.db, record, self.today.isoformat())
                else:
                    new_id = store.add_rotation(self.db, record, self.today.isoformat())
                    self.select_after = ("rotations-table", new_id)
            except InvalidValues as error:
                return error.errors
            return {}

        title = "Edit application" if rotation_id else "New application"
        fields = rotation_fields(store.program_names(self.db))
        self.app.push_screen(FormScreen(title, fields, values, save), self._saved)

    def _saved(self, values: dict[str, str] | None) -> None:
        if values is not None:
            self.notify("Saved.")
            self._changed()

    def _changed(self) -> None:
        self.reload()
        self.post_message(RecordsChanged("programs", self))


def _delete_consequences(counts: dict[str, int]) -> str:
    """What goes with a delete and what stays: the journal is never deleted with it."""
    gone = counts.get("applications", 0)
    kept = [
        plural(counts[what], word)
        for what, word in (("journal days", "journal day"), ("cases", "case"))
        if counts.get(what)
    ]
    text = f"\n\nThis also deletes {plural(gone, 'application')}." if gone else ""
    if kept:
        verb = (
            "is"
            if len(kept) == 1 and counts.get("journal days", 0) + counts.get("cases", 0) == 1
            else "are"
        )
        text += f"\n\n{' and '.join(kept)} {verb} kept, no longer tied to a rotation."
    return text


def _short(tristate: str) -> str:
    return "?" if tristate == "unknown" else tristate


def _fit_style(fit_label: str) -> str:
    return {"strong": "bold green", "good": "green", "weak": "yellow"}.get(fit_label, "red")
