"""Textual's TextArea, working out its theme's styles only when a style has changed."""

from textual.geometry import Region
from textual.strip import Strip
from textual.widgets import TextArea


class StyledTextArea(TextArea):
    """Textual's TextArea works out its theme's styles from CSS at every drawing (its
    `render_lines` calls `TextAreaTheme.apply_css`: the widget's style through all its
    ancestors, and six of its parts; about a millisecond each, five times in a frame of
    the Journal). They change only with a style: the widget's, an ancestor's (its
    background), a part's, or the theme's. Those are looked at here, and the styles are
    worked out again when one has changed."""

    _styled_by: tuple[object, ...] | None = None

    def _style_key(self) -> tuple[object, ...]:
        # (a style's _cache_key counts its changes; a part's styles are replaced when the
        # widget is styled again, so their identity is part of the key)
        return (
            id(self._theme),
            self.app.theme,
            tuple(node.styles._cache_key for node in self.ancestors_with_self),
            tuple((id(styles), styles._cache_key) for styles in self._component_styles.values()),
        )

    def render_lines(self, crop: Region) -> list[Strip]:
        theme = self._theme
        if theme:
            key = self._style_key()
            if key != self._styled_by:
                theme.apply_css(self)
                self._styled_by = key
        # (TextArea's own render_lines is the apply_css above, then this)
        return super(TextArea, self).render_lines(crop)
