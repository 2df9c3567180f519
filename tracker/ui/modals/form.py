"""A modal form built from field specs, with inline validation; nothing is written until Save."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from tracker.domain.checks import Check, first_errors
from tracker.domain.text import plural, visible
from tracker.ui.focus import quiet_focus
from tracker.ui.text import Plain, PlainLabel
from tracker.ui.widgets.picker import Picker
from tracker.ui.widgets.validators import CheckValidator

if TYPE_CHECKING:
    from tracker.ui.app import AwayApp

YES_NO = (("yes", "1"), ("no", "0"))


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    checks: tuple[Check, ...] = ()
    choices: tuple[tuple[str, str], ...] | None = None  # (label, value): shown as a Picker
    placeholder: str = ""


# The save callback writes the values and returns field -> reason when it refused them.
SaveValues = Callable[[dict[str, str]], dict[str, str]]


class FormScreen(ModalScreen[dict[str, str] | None]):
    """Dismisses with the saved values, or None when cancelled."""

    CSS_PATH = "form.tcss"
    focused = quiet_focus()
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="form.save", tooltip="Check and save the form"),
        Binding("escape", "cancel", "Cancel", id="form.cancel", tooltip="Close without saving"),
    ]

    def __init__(
        self, title: str, fields: list[Field], values: dict[str, str], save: SaveValues
    ) -> None:
        super().__init__()
        self.form_title = title
        self.fields = fields
        self.values = values
        self.save_values = save
        self._shown = False
        self._shown_values: dict[str, str] = {}

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        # Textual restyles every widget of a screen it shows; the first time, they were
        # styled as they mounted a moment before (a third of the time to open a form).
        # Later, Screen's own handler runs after this one, as usual.
        if not self._shown:
            self._shown = True
            event.prevent_default()
            super()._on_screen_resume(events.ScreenResume(refresh_styles=False))

    def compose(self) -> ComposeResult:
        with Vertical(id="form"):
            yield Plain(self.form_title, id="form-title")
            # A grid of label | editor, each error under its row across both columns: no
            # container per row (each widget costs the form's first frame time).
            with VerticalScroll(id="form-fields", can_focus=False):
                for field in self.fields:
                    yield PlainLabel(field.label, classes="form-label")
                    yield self._editor(field)
                    error = Plain("", id=f"error-{field.name}", classes="form-error")
                    error.display = False
                    yield error
            yield Plain("", id="form-message")
            with Horizontal(id="form-buttons"):
                yield Button("Save  ctrl+s", variant="primary", id="form-save")
                yield Button("Cancel  esc", id="form-cancel")

    def on_mount(self) -> None:
        self.query_one(f"#field-{self.fields[0].name}").focus()
        self._shown_values = self.current_values()

    def _editor(self, field: Field) -> Input | Picker:
        value = self.values.get(field.name, "")
        if field.choices is not None:
            return Picker(
                field.choices,
                value=value,  # (the first choice when it is none of them)
                allow_blank=False,
                title=field.label,
                id=f"field-{field.name}",
            )
        # Compact editors: one line per field, so a long form fits without scrolling.
        return Input(
            value=visible(value),  # (an edit then stores the visible signs: never escapes)
            placeholder=field.placeholder,
            id=f"field-{field.name}",
            validators=[CheckValidator(check) for check in field.checks],
            validate_on=["changed", "blur", "submitted"],
            compact=True,
        )

    def current_values(self) -> dict[str, str]:
        values = {}
        for field in self.fields:
            editor = self.query_one(f"#field-{field.name}")
            value = editor.value if isinstance(editor, (Input, Picker)) else ""
            values[field.name] = "" if value is None else str(value)
        return values

    def _set_error(self, name: str, message: str) -> None:
        # display, not CSS :empty: a Static with text is never "empty" to the CSS.
        error = self.query_one(f"#error-{name}", Static)
        error.update(message)
        error.display = bool(message)

    def show_errors(self, errors: dict[str, str]) -> None:
        for field in self.fields:
            self._set_error(field.name, errors.get(field.name, ""))
        count = len(errors)
        where = "the reason is under it" if count == 1 else "the reasons are under them"
        self.query_one("#form-message", Static).update(
            f"Not saved: {plural(count, 'field')} to fix ({where})." if errors else ""
        )
        first = next((field.name for field in self.fields if field.name in errors), None)
        if first:
            editor = self.query_one(f"#field-{first}")
            editor.focus()
            self.call_after_refresh(editor.scroll_visible)

    def _check_all(self, values: dict[str, str]) -> dict[str, str]:
        return first_errors(values, {field.name: field.checks for field in self.fields})

    @on(Input.Changed)
    def _show_inline(self, event: Input.Changed) -> None:
        name = (event.input.id or "").removeprefix("field-")
        result = event.validation_result
        message = "" if result is None or result.is_valid else result.failure_descriptions[0]
        self._set_error(name, message)

    @on(Input.Submitted)
    @on(Button.Pressed, "#form-save")
    def action_save(self) -> None:
        values = self.current_values()
        errors = self._check_all(values)
        if not errors:
            refused: dict[str, str] = {}

            def write() -> None:
                refused.update(self.save_values(values))

            # A failed write is a notification; the form stays open with the typed text.
            if not cast("AwayApp", self.app).try_write(write):
                return
            errors = refused
        if errors:
            self.show_errors(errors)
            return
        self.dismiss(values)

    @on(Button.Pressed, "#form-cancel")
    def action_cancel(self) -> None:
        # What the user typed is lost only when they say so: Escape is also the first byte
        # of an arrow key's sequence, which a slow link can deliver late.
        if self.current_values() == self._shown_values:
            self.dismiss(None)
            return
        from tracker.ui.modals.confirm import ConfirmScreen

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        question = "Close the form without saving? What you changed here is lost."
        self.app.push_screen(ConfirmScreen(question, yes_label="Discard"), answered)
