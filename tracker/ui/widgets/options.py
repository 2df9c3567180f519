"""The side list of groups (Checklists: Mine and each rotation; Budget: each rotation):
refilled keeping the user's place, and stepped with [ and ]."""

from collections.abc import Iterable

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tracker.ui.text import safe_text


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
