"""Words to send (a request for a strong letter, a thank-you): editable, copied with one key."""

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import TextArea

from tracker.ui.text import Plain
from tracker.ui.widgets.text_area import StyledTextArea


class DraftScreen(ModalScreen[None]):
    CSS_PATH = "draft.tcss"
    BINDINGS = [
        # Priority: the text area would take ctrl+y as "redo".
        Binding(
            "ctrl+y",
            "copy",
            "Copy",
            id="draft.copy",
            priority=True,
            tooltip="Copy the words to the clipboard",
        ),
        Binding(
            "escape", "close", "Close", id="draft.close", tooltip="Back (the words are not kept)"
        ),
    ]

    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        self.draft_title = title
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical(id="draft"):
            yield Plain(self.draft_title, id="draft-title")
            yield StyledTextArea(self.text, id="draft-text", soft_wrap=True)
            yield Plain("Edit freely · ctrl+y copies it · escape closes", id="draft-keys")

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    def action_copy(self) -> None:
        # OSC 52: most terminals put it on the system clipboard (tmux needs set-clipboard).
        self.app.copy_to_clipboard(self.query_one(TextArea).text)
        self.notify("Copied to the clipboard.")

    def action_close(self) -> None:
        self.dismiss(None)
