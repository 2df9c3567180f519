"""Textual's parsed styles kept in a file: read back, the app is styled exactly as when
parsed; nothing is parsed twice; the theme's variables, errors and damage are respected."""

import sys
from pathlib import Path

import pytest
from textual.app import App
from textual.css.model import RuleSet
from textual.css.stylesheet import Stylesheet, StylesheetParseError

from tests.conftest import DEMO_DAY
from tracker.ui import style_cache
from tracker.ui.app import AwayApp, make_app
from tracker.ui.style_cache import KeptStylesheet

CSS = "Label { color: $primary; padding: 1 2; }\n#box:focus > .row { text-style: bold; }"
WHERE = ("test", "CSS")


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The file in a temporary folder, written even under PYTHONDONTWRITEBYTECODE."""
    path = tmp_path / "__pycache__" / "styles.bin"
    monkeypatch.setattr(style_cache, "cache_file", lambda: path)
    monkeypatch.setattr(style_cache, "_read", None)
    monkeypatch.setattr(style_cache, "_unsaved", {})
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    return path


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts Textual's own parser is given."""
    seen: list[str] = []
    parse = Stylesheet._parse_rules

    def counted(sheet: Stylesheet, css: str, *args: object, **kwargs: object) -> object:
        seen.append(css)
        return parse(sheet, css, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Stylesheet, "_parse_rules", counted)
    return seen


def variables(**changed: str) -> dict[str, str]:
    return App().get_css_variables() | changed


def test_rules_read_back_are_the_rules_parsed_and_are_not_parsed_again(cache, parses):
    parsed = KeptStylesheet(variables=variables())._parse_rules(CSS, WHERE)
    assert len(parses) == 1
    style_cache.save()
    assert cache.exists()
    read = KeptStylesheet(variables=variables())._parse_rules(CSS, WHERE)
    assert len(parses) == 1, "parsed again although the file holds it"
    assert [rule.css for rule in read] == [rule.css for rule in parsed]
    assert [rule.selector_names for rule in read] == [rule.selector_names for rule in parsed]


def test_another_theme_is_parsed_with_its_own_colours(cache, parses):
    dark = KeptStylesheet(variables=variables(primary="#112233"))._parse_rules(CSS, WHERE)
    style_cache.save()
    light = KeptStylesheet(variables=variables(primary="#ddeeff"))._parse_rules(CSS, WHERE)
    assert len(parses) == 2
    assert "#112233" in dark[0].css.lower()
    assert "#ddeeff" in light[0].css.lower()


def test_rules_with_errors_are_not_kept_and_still_reported(cache):
    sheet = KeptStylesheet(variables=variables())
    sheet.add_source("Label { colour: red; }", WHERE)
    with pytest.raises(StylesheetParseError):
        sheet.parse()
    style_cache.save()
    assert not cache.exists() or style_cache._kept.read() == {}


def test_a_damaged_entry_or_file_is_parsed_again(cache, parses):
    KeptStylesheet(variables=variables())._parse_rules(CSS, WHERE)
    style_cache.save()
    entries = style_cache._kept.read()
    style_cache._kept.add({key: b"\x80\x05not a pickle" for key in entries})
    rules = KeptStylesheet(variables=variables())._parse_rules(CSS, WHERE)
    assert len(parses) == 2
    assert rules[0].selector_names
    for damaged in (b"", b"\x00garbage"):
        cache.write_bytes(damaged)
        style_cache._read = None
        assert KeptStylesheet(variables=variables())._parse_rules(CSS, WHERE)
    assert len(parses) == 4


def styles_on_screen(app: App[object]) -> list[tuple[str, str | None, str]]:
    """Each widget's styles from the stylesheet (not those code sets on it: the footer
    sets its columns as it is built, which may come before or after the warm-up ends,
    as the machine is busy: CI once caught the footer before it in one run only)."""
    return [
        (type(node).__name__, node.id, node._css_styles.css)
        for node in app.screen.walk_children(with_self=True)
    ]


async def styles_once_started(app: AwayApp) -> list[tuple[str, str | None, str]]:
    """Every widget's styles as the warm-up ends (every style file read, Today shown)."""
    seen: list[list[tuple[str, str | None, str]]] = []
    app.started = lambda: seen.append(styles_on_screen(app))
    async with app.run_test(size=(120, 40)) as pilot:
        while not seen:
            await pilot.pause(0.05)
    return seen[0]


async def test_the_app_is_styled_the_same_from_the_file_and_parses_nothing(
    cache, parses, demo_path
):
    parsed = await styles_once_started(make_app(demo_path, DEMO_DAY))
    assert parses, "nothing was parsed on a first run"
    parses.clear()  # (saved as the warm-up ended)
    read = await styles_once_started(make_app(demo_path, DEMO_DAY))
    assert parses == [], "styles parsed although the file holds them"
    assert read == parsed


def test_rules_are_hashed_by_identity_as_textual_does(cache):
    """The app's stylesheet hashes a rule with object's identity hash (in C), as
    Textual's own __hash__ (its id) would: two equal rules stay two members of a set."""
    style_cache.kept_stylesheet(Stylesheet())
    first, second = RuleSet(), RuleSet()
    assert first == second  # (a dataclass: equal fields)
    assert hash(first) == object.__hash__(first)
    assert len({first, second}) == 2
    assert {first} & {second} == set()
