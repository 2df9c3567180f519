"""Command palette (ctrl+p) commands for every pane and the app-wide actions."""

from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

from tracker.store.db import home_path_of, is_demo
from tracker.ui.panes import PANES

if TYPE_CHECKING:
    from tracker.ui.app import AwayApp


class AwayCommands(Provider):
    def _commands(self) -> Iterator[tuple[str, str, Callable[[], object]]]:
        app = cast("AwayApp", self.app)
        for key, pane in enumerate(PANES, start=1):
            yield (
                f"Go to {pane.title}",
                f"Show the {pane.title} pane (key {key})",
                partial(app.action_show_pane, pane.id),
            )
        yield (
            "Edit profile",
            "Your name, visa, ERAS season and date (key p)",
            app.action_edit_profile,
        )
        yield (
            "Rules of the guide",
            "Every rule ID (R1, P3, L4 …) explained (key r)",
            app.action_show_rule,
        )
        if is_demo(app.db_path):
            yield (
                "Back to my database",
                f"Leave the demo for {home_path_of(app.db_path)}",
                app.action_leave_demo,
            )
        else:
            yield (
                "Open the demo data",
                "A fictional example in a separate file",
                app.action_open_demo,
            )
        yield ("Reload all panes", "Read everything again from the database", app.action_reload)

    async def discover(self) -> Hits:
        for name, help_text, callback in self._commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            if (score := matcher.match(name)) > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
