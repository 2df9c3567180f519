"""The app's first screen (the tabs, the panes, the footer), styled once as it is built.

Textual restyled every widget of it twice more before the first paint, and the tab bar
twice: when the screen first resumed (it restyles on every resume: a screen above may
have changed the styles), when the first resize set the breakpoint classes (-wide,
-tall), and when the tab bar took the focus and then gave it to the first pane's table.
About 20 ms of start-up, for styles that ended as they began.
"""

from textual import events
from textual.geometry import Size
from textual.screen import Screen

from tracker.ui.focus import quiet_focus


class MainScreen(Screen[None]):
    # The first pane's table takes the focus at once (as the pane gives it on each show);
    # by default the first focusable widget, the tab bar, would take it first.
    AUTO_FOCUS = "AreaPane DataTable"
    focused = quiet_focus()  # (drawn again: the widgets the focus restyles, not every line)

    def __init__(
        self,
        size: Size,
        horizontal: list[tuple[int, str]],
        vertical: list[tuple[int, str]],
    ) -> None:
        # Its breakpoint classes for the terminal's size, before any widget is styled:
        # the first resize finds them set (Textual restyles only on a change).
        classes = self._get_breakpoint_classes(size.width, horizontal)
        classes |= self._get_breakpoint_classes(size.height, vertical)
        super().__init__(id="_default", classes=" ".join(sorted(classes)))

    _resumed = False

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        # (Textual calls Screen's own handler after this one.) The first resume follows
        # the styling of every widget as it mounted: no change to bring. Its layout draws
        # every line, for the first time: Screen's handler then repaints them all again (a
        # second frame of the whole screen, 10 ms after the first).
        if not self._resumed:
            self._resumed = True
            event.prevent_default()
            laid_out = self._size != self.app.size  # (Screen's handler lays out then)
            super()._on_screen_resume(events.ScreenResume(refresh_styles=False))
            if laid_out:
                self._repaint_required = False
