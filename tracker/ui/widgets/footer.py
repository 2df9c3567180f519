"""Textual's footer, built again only when the keys it shows change."""

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer as TextualFooter
from textual.widgets._footer import FooterKey


class Footer(TextualFooter):
    """Textual rebuilds its footer (a dozen keys, each styled and drawn) after every
    change of focus, twice when switching panes (focus dropped, then given to the new
    pane's table), and again for each table of a pane the cursor moves between. Here
    the changes of one frame make one check, and the keys are built again only when the
    ones shown differ."""

    _pending = False
    _shown: tuple[tuple[str, str, bool, str], ...] | None = None

    def bindings_changed(self, screen: Screen) -> None:  # type: ignore[type-arg]
        self._bindings_ready = True
        if not screen.app.app_focus or not self.is_attached or screen is not self.screen:
            return
        if not self._pending:
            self._pending = True
            self.call_after_refresh(self._rebuild)

    def watch_show_command_palette(self) -> None:
        self._shown = None  # the palette's key comes or goes: built again
        if self.is_attached:
            self.bindings_changed(self.screen)

    def compose(self) -> ComposeResult:
        # Each key is made compact before it mounts: Textual sets the class from its
        # watcher once mounted, restyling each key again (4-8 of them, at start and at
        # every rebuild); the watcher then finds it set.
        for widget in super().compose():
            if self.compact and isinstance(widget, FooterKey):
                widget.add_class("-compact")
            yield widget

    async def _rebuild(self) -> None:
        self._pending = False
        shown = tuple(
            (binding.key, binding.description, enabled, tooltip)
            for _, binding, enabled, tooltip in self.screen.active_bindings.values()
            if binding.show
        )
        if shown != self._shown:
            self._shown = shown
            await self.recompose()

    async def recompose(self) -> None:
        await super().recompose()
        self._forget_removed_keys()

    def _forget_removed_keys(self) -> None:
        # Textual's footer binds each key's `compact` to its own (data_bind), and drops a
        # binding only when `compact` changes, which it never does: each rebuild kept the
        # keys it replaced in memory (123 after a walk through the panes, 1.6 MB, and on
        # all day). Textual's own rule for a dead binding: its widget has closed. (The
        # "__watchers" attribute is Textual's private store, pinned by textual<8.3.)
        watchers = getattr(self, "__watchers", {}).get("compact")
        if watchers:
            watchers[:] = [(key, setter) for key, setter in watchers if not key._closing]
