"""Command palette (ctrl+p) commands for every pane and the app-wide actions."""

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider


class AwayCommands(Provider):
    def _commands(self):
        app = self.app
        for key, (pane_id, title, _) in enumerate(app.PANES, start=1):
            yield (f"Go to {title}", f"Show the {title} pane (key {key})",
                   partial(app.action_show_pane, pane_id))
        yield ("Edit profile", "Your name, visa, match year and ERAS date",
               app.action_edit_profile)
        yield ("Open the demo data", "A fictional example in a separate file",
               app.action_open_demo)
        yield ("Reload all panes", "Read everything again from the database",
               app.action_reload)

    async def discover(self) -> Hits:
        for name, help_text, callback in self._commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            if (score := matcher.match(name)) > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
