"""Frames made without drawing hidden lines equal Textual's own, whole, for every pane."""

import pytest
from textual._compositor import Compositor

from tests.conftest import DEMO_DAY
from tracker.ui import chops
from tracker.ui.app import make_app
from tracker.ui.widgets.drawn import forget_drawn_lines


def frame(app, render_chops=None) -> list[tuple[str, list[object]]]:  # type: ignore[no-untyped-def]
    """Every line of the screen as drawn from nothing (each widget's lines forgotten),
    with render_chops as the compositor's method if given."""
    original = Compositor._render_chops
    Compositor._render_chops = render_chops or original
    try:
        forget_drawn_lines(app.screen)
        return [
            (line.text, [segment.style for segment in line])
            for line in app.screen._compositor.render_strips()
        ]
    finally:
        Compositor._render_chops = original


def drawn_rows(app) -> int:  # type: ignore[no-untyped-def]
    """How many widget lines a whole frame asks for, with Away's method."""
    asked: list[int] = []
    compositor = app.screen._compositor
    for widget in compositor.visible_widgets:
        render_lines = widget.render_lines

        def counted(crop, render_lines=render_lines):  # type: ignore[no-untyped-def]
            asked.append(crop.height)
            return render_lines(crop)

        widget.render_lines = counted
    try:
        frame(app, chops.render_chops)
    finally:
        for widget in compositor.visible_widgets:
            del widget.render_lines
    return sum(asked)


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_every_panes_frame_is_textuals_own(demo_path, size):
    app = make_app(demo_path, DEMO_DAY)
    async with app.run_test(size=size) as pilot:
        for key in "1234567":
            await pilot.press(key)
            await pilot.pause()
            assert frame(app, chops.render_chops) == frame(app, chops.TEXTUAL_RENDER_CHOPS), key
        await pilot.press("2", "n")  # a form over the pane: a screen of its own
        await pilot.pause()
        assert frame(app, chops.render_chops) == frame(app, chops.TEXTUAL_RENDER_CHOPS)


async def test_lines_hidden_behind_other_widgets_are_not_drawn(demo_path):
    app = make_app(demo_path, DEMO_DAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        # (Textual asks each visible widget for all its lines: the screen's 40 included)
        every_line = sum(
            region.intersection(clip).height
            for region, clip in app.screen._compositor.visible_widgets.values()
        )
        assert drawn_rows(app) < every_line * 0.7
