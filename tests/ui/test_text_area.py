"""A text area that works out its theme's styles only when a style changed draws exactly
what Textual's draws, through focus, typing and a change of theme."""

from textual.widgets import TextArea

from tests.conftest import DEMO_DAY
from tests.ui.test_chops import frame
from tracker.ui.app import make_app
from tracker.ui.widgets.text_area import StyledTextArea


def textuals_frame(app, monkeypatch) -> list[tuple[str, list[object]]]:  # type: ignore[no-untyped-def]
    with monkeypatch.context() as patch:
        patch.setattr(StyledTextArea, "render_lines", TextArea.render_lines)
        return frame(app)


async def test_the_journal_draws_as_with_textuals_text_area(demo_path, monkeypatch):
    app = make_app(demo_path, DEMO_DAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("5")
        await pilot.pause()
        areas = list(app.query(StyledTextArea))
        assert len(areas) == 5
        steps = [
            lambda: areas[0].focus(),
            lambda: areas[0].insert("x"),
            lambda: areas[1].focus(),
            lambda: setattr(app, "theme", "textual-light"),
            lambda: areas[1].insert("y"),
            lambda: setattr(app, "theme", "textual-dark"),
        ]
        for number, step in enumerate(steps):
            step()
            await pilot.pause()
            assert frame(app) == textuals_frame(app, monkeypatch), number


async def test_styles_are_worked_out_again_only_when_one_changed(demo_path, monkeypatch):
    worked_out: list[object] = []
    app = make_app(demo_path, DEMO_DAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("5")
        await pilot.pause()
        area = app.query(StyledTextArea).first()
        apply_css = type(area._theme).apply_css

        def counted(theme, text_area) -> None:  # type: ignore[no-untyped-def]
            worked_out.append(text_area)
            apply_css(theme, text_area)

        monkeypatch.setattr(type(area._theme), "apply_css", counted)
        frame(app)
        assert worked_out == []  # drawn again: nothing changed
        area.focus()
        await pilot.pause()
        worked_out.clear()
        frame(app)
        frame(app)
        assert worked_out.count(area) <= 1
