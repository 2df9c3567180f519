"""The app shell: six panes in a tab bar, header, footer, keys, palette and welcome."""

from pathlib import Path

import pendulum
from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Header, TabbedContent

from tracker.domain.checks import InvalidValues
from tracker.store.db import Database, open_db
from tracker.store.profile import get_profile, is_new_user, save_profile
from tracker.ui.commands import AwayCommands
from tracker.ui.messages import RecordsChanged
from tracker.ui.panes.base import AreaPane
from tracker.ui.panes.budget import BudgetPane
from tracker.ui.panes.checklists import ChecklistsPane
from tracker.ui.panes.journal import JournalPane
from tracker.ui.panes.letters import LettersPane
from tracker.ui.panes.programs import ApplicationsPane
from tracker.ui.panes.today import TodayPane


class AwayApp(App[Path | None]):
    """Returns a Path when the user asked to open another database (the demo)."""

    # Each pane's styles live beside it; the app loads them all.
    CSS_PATH = ["app.tcss", "panes/programs.tcss"]
    TITLE = "Away"
    COMMANDS = App.COMMANDS | {AwayCommands}
    PANES = [
        ("today", "Today", TodayPane),
        ("applications", "Applications", ApplicationsPane),
        ("checklists", "Checklists", ChecklistsPane),
        ("budget", "Housing & Budget", BudgetPane),
        ("journal", "Journal", JournalPane),
        ("letters", "Letters", LettersPane),
    ]
    BINDINGS = [
        *(
            Binding(str(key), f"show_pane('{pane_id}')", title, show=False,
                    id=f"pane.{pane_id}", tooltip=f"Show the {title} pane")
            for key, (pane_id, title, _) in enumerate(PANES, start=1)
        ),
        Binding("question_mark", "toggle_help", "Keys", id="app.help",
                tooltip="Show or hide the keys of the focused pane"),
        Binding("q", "quit", "Quit", id="app.quit", tooltip="Leave Away"),
    ]

    def __init__(self, db_path: Path, today: pendulum.Date | None = None,
                 db: Database | None = None, warning: str | None = None) -> None:
        super().__init__()
        self.db_path = db_path
        self.today = today or pendulum.today().date()
        self.db = db or open_db(db_path)
        self.open_warning = warning  # e.g. why today's backup could not be made

    def compose(self) -> ComposeResult:
        yield Header()
        with TabbedContent(initial="today", id="panes"):
            for _, _, pane_class in self.PANES:
                yield pane_class()
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = f"{self.db_path}  ·  {self.today.format('ddd D MMM YYYY')}"
        for key, (pane_id, title, _) in enumerate(self.PANES, start=1):
            self.query_one(TabbedContent).get_tab(pane_id).label = f"{key} {title}"
        if self.open_warning:
            self.notify(self.open_warning[0].upper() + self.open_warning[1:] + ".",
                        severity="warning", timeout=15)
        if is_new_user(self.db):
            from tracker.ui.modals.welcome import WelcomeScreen  # only ever needed once

            self.push_screen(WelcomeScreen(), self._welcome_chosen)

    def on_unmount(self) -> None:
        self.db.close()

    @on(TabbedContent.TabActivated)
    def _focus_pane(self, event: TabbedContent.TabActivated) -> None:
        if isinstance(event.pane, AreaPane):
            event.pane.focus_first_table()

    @on(RecordsChanged)
    def _mark_stale(self, event: RecordsChanged) -> None:
        # Other panes re-read the store the next time they are shown.
        for pane in self.query(AreaPane):
            if pane is not event.control:
                pane.loaded = False

    def action_show_pane(self, pane_id: str) -> None:
        # Drop focus first: Textual would move it to the next table of the pane being
        # hidden, and focus inside a pane makes TabbedContent switch back to it.
        tabbed = self.query_one(TabbedContent)
        if tabbed.active == pane_id:
            tabbed.get_pane(pane_id).focus_first_table()
            return
        self.screen.set_focus(None)
        tabbed.active = pane_id

    def action_toggle_help(self) -> None:
        if self.screen.query("HelpPanel"):  # by name: importing it loads markdown-it
            self.action_hide_help_panel()
        else:
            self.action_show_help_panel()

    def action_reload(self) -> None:
        for pane in self.query(AreaPane):
            if pane.built:
                pane.reload()

    def action_edit_profile(self) -> None:
        from tracker.ui.modals.form import FormScreen
        from tracker.ui.modals.profile import (
            PROFILE_FIELDS, profile_to_values, values_to_profile,
        )

        def save(values: dict[str, str]) -> dict[str, str]:
            try:
                save_profile(self.db, values_to_profile(values))
            except InvalidValues as error:
                return error.errors
            return {}

        def saved(values: dict[str, str] | None) -> None:
            if values is not None:
                self.notify("Profile saved.")
                self.action_reload()

        form = FormScreen("Your profile", PROFILE_FIELDS,
                          profile_to_values(get_profile(self.db)), save)
        self.push_screen(form, saved)

    def action_open_demo(self) -> None:
        from tracker.services.demo import write_demo

        demo_path = self.db_path.with_name(f"{self.db_path.stem}-demo.db")
        if not demo_path.exists():
            write_demo(demo_path, self.today)
        self.exit(demo_path)

    def _welcome_chosen(self, choice: str | None) -> None:
        if choice == "profile":
            self.action_edit_profile()
        elif choice == "demo":
            self.action_open_demo()


def make_app(db_path: Path | str, today: pendulum.Date | None = None,
             db: Database | None = None, warning: str | None = None) -> AwayApp:
    """The one factory for the CLI, the tests, the snapshots and the screenshots.

    db: a connection the caller already opened (and checked) on db_path; the app owns it.
    warning: a sentence from opening it to show once (a backup that could not be made).
    """
    return AwayApp(Path(db_path), today, db, warning)
