"""The lines a pane drew, dropped while it is hidden.

Textual keeps every line each widget drew, and each line (a Strip) keeps seven small
caches of the lines cut from it: after a walk through the six panes, about 7,000 of them
(8 MB, and most of the objects a full garbage collection walks). Only the pane on screen
needs them. A pane shown again draws its lines from what its widgets hold (a table's rows
and the cells it drew stay): nothing is read from the store again.
"""

from textual.widget import Widget
from textual.widgets import DataTable, TextArea


def forget_drawn_lines(root: Widget) -> None:
    for widget in root.walk_children(Widget, with_self=True):
        # (private parts, pinned by textual<8.3 in pyproject: Widget._set_dirty is what
        # Widget.refresh() does to its own lines, without asking for a new frame)
        widget._set_dirty()
        if widget._render_cache.lines:
            widget._render_cache = widget._render_cache._replace(lines=[])
        if isinstance(widget, (DataTable, TextArea)):  # their own caches of drawn lines
            widget._line_cache.clear()
