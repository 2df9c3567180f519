"""The one way stored text reaches the screen: as literal text, never as markup, with
control characters shown as visible signs (domain.text.visible) instead of reaching the
terminal. Every widget that shows user text goes through safe(): Plain and PlainLabel,
the tables (widgets/tables.py), option prompts, inputs and notifications (app.py).
"""

from typing import TypeAlias

from rich.text import Text
from textual.content import Content
from textual.visual import VisualType
from textual.widgets import Label, Static

from tracker.domain.text import visible

Shown: TypeAlias = str | Text | Content  # what a pane hands to a widget


def literal(value: object) -> Text:
    """Any value as literal text: '[b]x[/b]' stays those eight characters. (A Rich Text:
    a DataTable measures its cells' width only for Rich renderables.)"""
    return Text(visible(str(value)))


def safe_text(text: Text) -> Text:
    """A Rich Text with its control characters made visible, styles kept (visible()
    replaces one character by one, so every span still covers the same letters)."""
    plain = visible(text.plain)
    if plain == text.plain:
        return text
    shown = text.copy()
    shown.plain = plain
    return shown


def safe(value: Shown) -> Text | Content:
    """What a widget may render: a str is literal text; Text and Content keep their
    styles (made by our code) with their characters made visible."""
    if isinstance(value, str):
        return literal(value)
    if isinstance(value, Text):
        return safe_text(value)
    plain = visible(value.plain)
    return value if plain == value.plain else Content(plain, list(value.spans))


class _Literal:
    """Shows literal text: every str, Text or Content it is given goes through safe().
    (Not a widget itself: Textual styles a widget by its first widget base, so Plain is
    styled as a Static and PlainLabel as a Label.)"""

    def __init__(self, content: Shown = "", **kwargs: object) -> None:
        super().__init__(safe(content), markup=False, **kwargs)  # type: ignore[call-arg]

    def update(self, content: VisualType = "", *, layout: bool = True) -> None:
        shown = safe(content) if isinstance(content, (str, Text, Content)) else content
        super().update(shown, layout=layout)  # type: ignore[misc]


class Plain(_Literal, Static):
    """A Static that shows literal text: the only Static a pane uses for stored text."""


class PlainLabel(_Literal, Label):
    """A Label that shows literal text."""
