"""Which sections a shared summary holds (ctrl+e, after the format): a mentor's copy
ticked by default; space ticks or unticks, a ticks every one, enter writes."""

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import SelectionList

from tracker.services.summary import FOR_A_MENTOR, SECTIONS
from tracker.ui.text import Plain


class SectionList(SelectionList[str]):
    """Space ticks; enter goes on (a plain SelectionList would tick with enter too)."""

    BINDINGS = [Binding("enter", "screen.done", "Write", show=False)]


class SectionsScreen(ModalScreen[frozenset[str] | None]):
    CSS_PATH = "choice.tcss"
    BINDINGS = [
        Binding("enter,ctrl+s", "done", "Write", id="sections.done", tooltip="Go on with these"),
        Binding("a", "every", "All", id="sections.all", tooltip="Tick every section"),
        Binding("escape", "cancel", "Cancel", id="sections.cancel", tooltip="Write nothing"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="choice"):
            yield Plain(
                "What the summary holds (space ticks; a: all, for yourself; enter: go on):",
                id="choice-title",
            )
            ticked = [
                (f"{name}: {what}", name, name in FOR_A_MENTOR) for name, what in SECTIONS.items()
            ]
            yield SectionList(*ticked, id="sections-list")

    def on_mount(self) -> None:
        self.query_one(SelectionList).focus()

    def action_every(self) -> None:
        self.query_one(SelectionList).select_all()

    def action_done(self) -> None:
        chosen = frozenset(self.query_one(SelectionList).selected)
        if not chosen:
            self.notify("Tick at least one section.", severity="warning")
            return
        self.dismiss(chosen)

    def action_cancel(self) -> None:
        self.dismiss(None)
