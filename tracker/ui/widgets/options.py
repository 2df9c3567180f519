"""The side list of groups (Checklists: Mine and each rotation; Budget: each rotation):
refilled keeping the user's place, and stepped with [ and ]."""

from collections.abc import Iterable

from rich.text import Text
from textual import events
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tracker.ui.text import safe_text


class SideList(OptionList):
    """An OptionList that measures its options again only when its width changes.

    Textual's measures every option (its height at the list's width) and forgets them on
    any resize: the Resize of its first layout came after the first measuring, so each
    side list measured its options twice on its first show (at 100x the demo, 500 blocks:
    about 17 ms of the Budget pane's first visit)."""

    _measured_at: int | None = None

    def _update_lines(self) -> None:
        # The width every height was measured at: set when they all were (from none).
        measuring_all = not self._line_cache.lines and bool(self.options)
        super()._update_lines()
        if measuring_all and self._line_cache.lines:
            self._measured_at = self.scrollable_content_region.width

    def _on_resize(self, event: events.Resize) -> None:  # type: ignore[override]
        # (Textual's takes no event: a handler gets the event when it asks for it)
        if self.scrollable_content_region.width == self._measured_at:
            event.prevent_default()  # (OptionList's own handler forgets every height)


def refill(
    options: OptionList, entries: Iterable[tuple[str, Text]], keep: str | None, fallback: int
) -> int:
    """Replace the options (key, prompt); highlight keep if it is still there, else the
    option at fallback. Returns the highlighted index."""
    listed = list(entries)
    options.clear_options()
    options.add_options(Option(safe_text(prompt), id=key) for key, prompt in listed)
    keys = [key for key, _ in listed]
    index = keys.index(keep) if keep in keys else fallback
    options.highlighted = index
    return index


def step(options: OptionList, by: int) -> None:
    """Move the highlight by some options, wrapping around."""
    if options.option_count:
        options.highlighted = ((options.highlighted or 0) + by) % options.option_count
