"""Alike widgets' parts are matched once per batch and styled as Textual styles them."""

from textual.app import App, ComposeResult
from textual.containers import Vertical
from textual.css.stylesheet import Stylesheet
from textual.dom import DOMNode
from textual.widgets import TextArea

from tracker.ui.style_parts import SharedPartStyles

CSS = """
TextArea > .text-area--cursor { background: red; }
TextArea.-special > .text-area--cursor { background: blue; }
#named > .text-area--cursor { background: green; }
TextArea:first-of-type > .text-area--gutter { color: yellow; }
TextArea:focus > .text-area--selection { background: magenta; }
"""
IDS = ["first", "second", "special", "named", "last"]


class PartsApp(App[None]):
    CSS = CSS

    def __init__(self) -> None:
        super().__init__()
        self.stylesheet = SharedPartStyles(variables=self.stylesheet._variables)

    def compose(self) -> ComposeResult:
        with Vertical():
            for name in IDS:
                yield TextArea(id=name, classes="-special" if name == "special" else "")


def part_rules(area: TextArea) -> dict[str, object]:
    return {name: styles.get_rules() for name, styles in area._component_styles.items()}


async def test_parts_are_styled_as_textual_styles_them(monkeypatch):
    app = PartsApp()
    async with app.run_test() as pilot:
        areas = [app.query_one(f"#{name}", TextArea) for name in IDS]
        await pilot.click(areas[-1])  # one of them focused
        await pilot.pause()
        matched: list[DOMNode] = []
        apply = Stylesheet.apply

        def counted(sheet, node, **kwargs):
            if type(node) is DOMNode:  # a part
                matched.append(node)
            return apply(sheet, node, **kwargs)

        monkeypatch.setattr(Stylesheet, "apply", counted)
        app.stylesheet.update_nodes(areas)  # one batch, as Textual restyles them
        shared = [part_rules(area) for area in areas]
        monkeypatch.undo()
        for area in areas:  # Textual's way, part by part
            Stylesheet._process_component_classes(app.stylesheet, area)
        assert shared == [part_rules(area) for area in areas]

        cursor = [str(rules["text-area--cursor"]["background"]) for rules in shared]
        red, blue, green = "Color(255, 0, 0)", "Color(0, 0, 255)", "Color(0, 128, 0)"
        assert cursor == [red, red, blue, green, red]
        yellow, magenta = "Color(255, 255, 0)", "Color(255, 0, 255)"
        assert str(shared[0]["text-area--gutter"]["color"]) == yellow  # first of its type
        assert str(shared[1]["text-area--gutter"]["color"]) != yellow
        assert str(shared[-1]["text-area--selection"]["background"]) == magenta  # focused
        assert str(shared[0]["text-area--selection"]["background"]) != magenta

    def times(part: str) -> int:
        return sum(1 for node in matched if part in node.classes)

    # The cursor matched for first (second is alike), special, named and the focused
    # last; the gutter, whose rules depend on a place (:first-of-type), for each area.
    assert times("text-area--cursor") == 4
    assert times("text-area--gutter") == len(IDS)
