"""A side list counts an option's height as Textual's OptionList measures it, for any
text and width, and the Budget's side list ends with the lines Textual's would have."""

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.text import Text
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tests.conftest import DEMO_DAY
from tracker.services.demo import write_demo
from tracker.ui.app import make_app
from tracker.ui.widgets import options

# Letters, spaces, wide and combining characters, emoji, tabs, line breaks, dashes.
CHARACTERS = st.sampled_from(list("ab Zé\u0301漢字한😀\t\n-·/…") + ["\u200b", "  "])


@settings(max_examples=500, deadline=None)
@given(
    plain=st.lists(CHARACTERS, max_size=60).map("".join),
    width=st.integers(1, 40),
    overflow=st.sampled_from(["fold", "ellipsis", "clip"]),
)
def test_an_option_is_as_high_as_textual_measures_it(plain: str, width: int, overflow: str):
    option = Option(Text(plain, style="bold"))
    counted = options.wrapped_height(option, width, fold=overflow == "fold")
    rules = {"text_overflow": overflow, "text_wrap": "wrap", "line_pad": 0}
    measured = Content.from_rich_text(option.prompt).get_height(rules, width)  # type: ignore[arg-type]
    if "\t" in plain or plain.endswith("\n"):
        assert counted is None  # left to Textual
    else:
        assert counted == measured


def test_what_it_leaves_to_textual():
    assert options.wrapped_height(Option("a [b]markup[/b]"), 20, fold=True) is None
    divided = Option(Text("a"))
    divided._divider = True
    assert options.wrapped_height(divided, 20, fold=True) is None


async def test_the_budget_side_list_has_the_lines_textual_would_measure(tmp_path, monkeypatch):
    """Textual's OptionList measured every option again on each Resize (its first layout's
    included); the side list measures them again only at a new width, which the scroll
    bar its options bring makes (its heights once stayed those of the wider list)."""
    counted: list[Option] = []
    count = options.wrapped_height
    monkeypatch.setattr(
        options, "wrapped_height", lambda o, *a, **k: counted.append(o) or count(o, *a, **k)
    )
    app = make_app(write_demo(tmp_path / "big.db", DEMO_DAY, scale=5), DEMO_DAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await pilot.pause(0.2)
        side = app.query_one("#budget-scopes", options.SideList)
        assert side.option_count > 20
        # without, then with the scroll bar: twice each, not once per Resize
        assert len(counted) == 2 * side.option_count
        await assert_measured_as_by_textual(pilot, side)
        counted.clear()
        await pilot.resize_terminal(80, 24)  # narrower: the side list is 19 wide
        await pilot.pause(0.2)
        assert len(counted) >= side.option_count  # measured again at its new width
        await assert_measured_as_by_textual(pilot, side)


async def assert_measured_as_by_textual(pilot, side: options.SideList) -> None:
    """Textual's own list, the same options at the same width, has the same lines."""
    textual = OptionList(*(Option(o.prompt) for o in side.options))
    textual.styles.width = side.outer_size.width
    textual.styles.height = side.outer_size.height
    textual.styles.scrollbar_size_vertical = side.styles.scrollbar_size_vertical
    await pilot.app.screen.mount(textual)
    await pilot.pause(0.1)
    textual._update_lines()
    assert textual.scrollable_content_region.width == side.scrollable_content_region.width
    assert side._line_cache.lines == textual._line_cache.lines
    assert side._line_cache.heights == textual._line_cache.heights
    assert any(height > 1 for height in side._line_cache.heights.values())
    await textual.remove()
