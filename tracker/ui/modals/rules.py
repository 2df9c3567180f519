"""The guide inside the app: every rule by ID, its explanation, and that it is not advice."""

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tracker.domain.rules import NOT_ADVICE, RULES
from tracker.ui.text import Plain


class RulesScreen(ModalScreen[None]):
    """Opens on one rule (or the first); arrows move through all of them."""

    CSS_PATH = "rules.tcss"
    BINDINGS = [
        Binding("escape,q", "close", "Close", id="rules.close", tooltip="Back to where you were")
    ]

    def __init__(self, rule_id: str | None = None) -> None:
        super().__init__()
        self.start = rule_id.upper() if rule_id and rule_id.upper() in RULES else None

    def compose(self) -> ComposeResult:
        with Vertical(id="rules"):
            yield Plain("The guide's rules", id="rules-title")
            with Horizontal(id="rules-body"):
                yield OptionList(
                    *(Option(f"{rule.id} {rule.title}", id=rule.id) for rule in RULES.values()),
                    id="rules-list",
                )
                with VerticalScroll(id="rules-text-scroll", can_focus=False):
                    yield Plain("", id="rules-text")
            yield Plain(NOT_ADVICE, id="rules-not-advice")

    def on_mount(self) -> None:
        options = self.query_one("#rules-list", OptionList)
        options.focus()
        self._show(self.start or next(iter(RULES)))
        # After the first layout: before it the list resets its highlight to the top.
        self.call_after_refresh(self._highlight_start)

    def _highlight_start(self) -> None:
        options = self.query_one("#rules-list", OptionList)
        options.highlighted = list(RULES).index(self.start) if self.start else 0
        options.scroll_to_highlight(top=True)

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id:
            self._show(event.option.id)

    def _show(self, rule_id: str) -> None:
        rule = RULES[rule_id]
        self.query_one("#rules-text", Static).update(
            Text.assemble(
                (f"{rule.id} {rule.title}", "bold"), "\n", (rule.group, "dim"), "\n\n", rule.text
            )
        )

    def action_close(self) -> None:
        self.dismiss(None)
