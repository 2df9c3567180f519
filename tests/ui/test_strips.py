"""Strips whose caches are made when first used draw and cut exactly as Textual's."""

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from tracker.ui import strips

STYLES = st.sampled_from([Style(), Style(bold=True), Style(color="red"), Style(bgcolor="blue")])
SEGMENTS = st.lists(
    st.builds(
        lambda text, style: Segment(text, style), st.text("ab é漢\u0301", max_size=6), STYLES
    ),
    max_size=6,
)


def textual_strip(segments: list[Segment]) -> Strip:
    strip = Strip.__new__(Strip)
    strips.TEXTUAL_INIT(strip, segments)
    return strip


def every_use(strip: Strip, start: int, end: int, cut: int, style: Style) -> list[object]:
    """What each cached method returns, asked twice (the second from its cache)."""
    width = strip.cell_length
    results: list[object] = []
    for _ in range(2):
        results += [
            list(strip.crop(start, end)),
            [list(part) for part in strip.divide([cut, width])],
            list(strip.apply_style(style)),
            list(strip.extend_cell_length(width + cut, style)),
            list(strip.crop_extend(start, end, style)),
            list(strip.apply_offsets(start, cut)),
            strip.render(strips_console()),
        ]
    return results


def strips_console():  # type: ignore[no-untyped-def]
    from rich.console import Console

    return Console(width=80, color_system="truecolor", force_terminal=True)


def test_a_new_strip_holds_no_cache_until_one_is_used() -> None:
    strips.make_strip_caches_on_first_use()
    strip = Strip([Segment("hello")])
    slot = Strip.__dict__["_crop_cache"]
    for name in strips.CACHE_SIZES:
        try:
            Strip.__dict__[name].__get__(strip)
        except AttributeError:
            continue
        raise AssertionError(f"{name} was made with the strip")
    cropped = strip.crop(1, 3)
    assert strip.crop(1, 3) is cropped  # cached, as Textual's
    assert slot.__get__(strip)._maxsize == 16
    try:
        strip.no_such_attribute  # noqa: B018
    except AttributeError:
        pass
    else:
        raise AssertionError("a missing attribute must still be missing")


@settings(max_examples=300, deadline=None)
@given(SEGMENTS, st.integers(0, 12), st.integers(0, 12), st.integers(0, 8), STYLES)
def test_each_cut_and_style_is_textuals(
    segments: list[Segment], start: int, end: int, cut: int, style: Style
) -> None:
    strips.make_strip_caches_on_first_use()
    lazy = Strip(segments)
    assert every_use(lazy, start, end, cut, style) == every_use(
        textual_strip(segments), start, end, cut, style
    )
