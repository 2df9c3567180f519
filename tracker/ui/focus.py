"""The focus of a screen, moved without drawing the whole screen again.

Textual's Screen.focused repaints every line of the screen when the focus moves: after a
pane switch, the frame that shows the pane was followed by a second one of every line
(16-21 KB more for the terminal); in a form, each Tab drew the whole form again. The
widgets that gain and lose the focus restyle and draw themselves again (their :focus
styles, Textual's _update_focus_styles); nothing else changes.
"""

from textual.reactive import Reactive
from textual.widget import Widget


def quiet_focus() -> Reactive[Widget | None]:
    """A screen's `focused`, whose change draws only the widgets it restyles."""
    return Reactive(None, repaint=False)
