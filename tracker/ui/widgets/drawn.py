"""The lines a pane drew, dropped while it is hidden.

Textual keeps every line each widget drew, and each line (a Strip) the caches of the
lines cut from it (made as used: ui/strips.py; seven per line before): after a walk
through the six panes, about 7,000 lines (8 MB with all their caches, and most of the
objects a full garbage collection walked). Only the pane on screen
needs them. A pane shown again draws its lines from what its widgets hold (a table's rows
and the cells it drew stay): nothing is read from the store again.
"""

from textual.cache import LRUCache
from textual.widget import Widget


def forget_drawn_lines(root: Widget) -> None:
    for widget in root.walk_children(Widget, with_self=True):
        # (private parts, pinned by textual<8.3 in pyproject: Widget._set_dirty is what
        # Widget.refresh() does to its own lines, without asking for a new frame)
        widget._set_dirty()
        if widget._render_cache.lines:
            widget._render_cache = widget._render_cache._replace(lines=[])
        # DataTable's, TextArea's and Tree's own caches of drawn lines (found by name: to
        # import TextArea for isinstance took 2-3 ms of start-up, for the Journal's sake)
        line_cache = getattr(widget, "_line_cache", None)
        if isinstance(line_cache, LRUCache):
            line_cache.clear()


def content_width(widget: Widget) -> int:
    """The width inside the widget's padding and border, as last laid out: what
    `content_size` gives once the screen is laid out, without asking the compositor where
    the widget is. Asked during a layout (Textual renders a widget to measure its height),
    that lookup arranged the whole screen again: once per picker, 5 ms each on a form's
    first frame."""
    # (Widget._size: private, pinned by textual<8.3; set by each layout, which also
    # marks the widget's lines to be drawn again when it changes)
    return max(widget._size.width - widget.styles.gutter.width, 0)
