"""The side list of groups (Checklists: Mine and each rotation; Budget: each rotation):
refilled keeping the user's place, and stepped with [ and ]."""

from collections.abc import Iterable

from rich._wrap import divide_line
from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tracker.ui.text import safe_text


class SideList(OptionList):
    """An OptionList that measures its options again only when its width changes, and
    counts the heights of plain text options itself.

    Textual's measures every option (its height at the list's width) by making its text
    again and wrapping it, and forgets them all on any Resize, its first layout's
    included: at 100x the demo, Budget's 500 blocks took 32 ms to measure, twice on its
    first visit. Counted here, 7 ms; again only at a new width (the scroll bar the
    options bring narrows the list once)."""

    _measured_at: int | None = None

    def _update_lines(self) -> None:
        # The width every height was measured at: set when they all were (from none).
        measuring_all = not self._line_cache.lines and bool(self.options)
        width = self.scrollable_content_region.width
        self._add_option_heights()
        super()._update_lines()  # measures the options left, from the first not added
        # (read before: the heights may bring a scroll bar, which narrows the list; the
        # Resize it brings has them measured again at the new width)
        if measuring_all and self._line_cache.lines:
            self._measured_at = width

    def _add_option_heights(self) -> None:
        """Add the heights of the options next in line whose prompt is plain Rich Text,
        counted as Textual's measuring counts them (its lines, each wrapped by the same
        Rich function), without it: it makes each option's text again and formats every
        wrapped line (at 100x the demo, 32 ms for the Budget's 500 blocks)."""
        cache = self._line_cache
        start = cache.lines[-1][0] + 1 if cache.lines else 0
        if start >= len(self.options):  # (each line drawn asks: all measured already)
            return
        region = self.scrollable_content_region
        if not region or self.styles.text_wrap != "wrap":
            return
        padding = self.get_component_styles("option-list--option").padding
        room = (
            region.width - self._get_left_gutter_width() - padding.width - 2 * self.styles.line_pad
        )
        fold = self.styles.text_overflow == "fold"
        for index in range(start, len(self.options)):
            if (height := wrapped_height(self.options[index], room, fold)) is None:
                return
            cache.index_to_line[index] = len(cache.lines)
            cache.heights[index] = height
            cache.lines.extend((index, line) for line in range(height))

    def _on_resize(self, event: events.Resize) -> None:  # type: ignore[override]
        # (Textual's takes no event: a handler gets the event when it asks for it)
        if self.scrollable_content_region.width == self._measured_at:
            event.prevent_default()  # (OptionList's own handler forgets every height)


def wrapped_height(option: Option, width: int, fold: bool) -> int | None:
    """The option's height at this width, wrapped as Textual wraps it (Content's
    _wrap_and_format: each line divided by rich's divide_line), or None for what this
    does not count: a prompt other than Rich Text, a tab to expand, a last empty line,
    a divider."""
    prompt = option.prompt
    if type(prompt) is not Text or option._divider or width < 1:
        return None
    plain = prompt.plain
    if "\t" in plain or plain.endswith("\n"):
        return None
    return sum(
        1 if cell_len(line) <= width else len(divide_line(line, width, fold=fold)) + 1
        for line in plain.split("\n")
    )


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
