"""Textual's frame, made without drawing what is hidden behind other widgets.

Textual's compositor makes a frame from its widgets front to back: it asks each widget for
all its lines, cuts every line at each widget edge on that row, and keeps a piece only
where no widget in front filled it. The containers behind the panes (the screen, the
tab's switcher, a pane, its rows and columns) are all hidden but for a margin or padding,
and were still drawn and cut whole: at 100x the demo, about half of the lines drawn for
a frame, and a third of its time. Here a widget is asked only for the rows where a
piece it covers is still empty, and only those rows are cut; the pieces kept are the
same as Textual's (a test compares whole frames of every pane).
"""

from collections.abc import Callable, Mapping, Sequence
from typing import cast

from textual._compositor import Compositor
from textual.geometry import Region
from textual.strip import Strip

TEXTUAL_RENDER_CHOPS = Compositor._render_chops


def render_chops(
    self: Compositor, crop: Region, is_rendered_line: Callable[[int], bool]
) -> Sequence[Mapping[int, Strip]]:
    """Compositor._render_chops (Textual 8.2), asking each widget only for rows it shows."""
    cuts = self.cuts
    chops: list[dict[int, Strip | None]] = [dict.fromkeys(cut_set[:-1]) for cut_set in cuts]
    visible_widgets = self.visible_widgets
    crop_overlaps = crop.overlaps
    intersection = Region.intersection
    for widget, (region, clip) in visible_widgets.items():  # (front to back)
        if crop and not crop_overlaps(clip):
            continue
        render_region = intersection(region, clip)
        first_cut, last_cut = render_region.column_span
        if not render_region.width:
            continue
        # The rows of the widget with a piece still empty (nothing in front of it there)
        rows: list[tuple[int, list[int]]] = []
        for y in render_region.line_range:
            if not is_rendered_line(y):
                continue
            chops_line = chops[y]
            row_cuts = [cut for cut in cuts[y] if last_cut >= cut >= first_cut]
            if any(chops_line.get(cut, 0) is None for cut in row_cuts[:-1]):
                rows.append((y, row_cuts))
        if not rows:
            continue
        top, bottom = rows[0][0], rows[-1][0] + 1
        lines = widget.render_lines(
            Region(render_region.x - region.x, top - region.y, render_region.width, bottom - top)
        )
        render_x = render_region.x
        for y, row_cuts in rows:
            if y - top >= len(lines):  # (fewer lines than asked for: Textual's zip stops)
                break
            strip = lines[y - top]
            chops_line = chops[y]
            cut_strips = strip.divide([cut - render_x for cut in row_cuts[1:]])
            for cut, piece in zip(row_cuts, cut_strips, strict=False):
                if chops_line.get(cut, 0) is None:
                    chops_line[cut] = piece
    return cast("Sequence[Mapping[int, Strip]]", chops)


def draw_only_what_shows() -> None:
    """Swap the compositor's method (once per process; idempotent)."""
    Compositor._render_chops = render_chops  # type: ignore[method-assign]
