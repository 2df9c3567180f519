"""First start on an empty database: fill in the profile, or look at the demo first."""

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Markdown

WELCOME = """\
# Welcome to Away

Away keeps your **away rotations** in one place: applications, visa / immunization /
document checklists, housing and budget, a daily **OR learning journal**, and your
**letter writers**. Everything stays in one file on this computer, backed up daily.

Start by filling in your profile (which visa you need and when ERAS opens drive the
advice), or open a **fictional demo** in a separate file to look around first.
"""


class WelcomeScreen(ModalScreen[str]):
    """Dismisses with 'profile', 'demo' or 'later'."""

    CSS_PATH = "welcome.tcss"
    BINDINGS = [
        Binding(
            "p",
            "choose('profile')",
            "Profile",
            id="welcome.profile",
            tooltip="Fill in your profile",
        ),
        Binding(
            "d",
            "choose('demo')",
            "Demo",
            id="welcome.demo",
            tooltip="Open the fictional demo data in a separate file",
        ),
        Binding(
            "escape,l", "choose('later')", "Later", id="welcome.later", tooltip="Close this welcome"
        ),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="welcome"):
            yield Markdown(WELCOME)
            with Horizontal(id="welcome-buttons"):
                yield Button("Fill in my profile  p", variant="primary", id="profile")
                yield Button("Open the demo  d", id="demo")
                yield Button("Later  esc", id="later")

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id or "later")

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)
