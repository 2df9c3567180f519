"""The app shell: the panes under their tab bar, header, footer, keys, palette, welcome.

Only Today is built at start; every other pane is built, hidden, after the warm-up while
the user pauses (warm_up._build_ahead), or as its tab is first shown.
"""

import os
from collections.abc import Awaitable, Callable
from datetime import date
from functools import partial
from pathlib import Path

from textual import events, on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Container, Vertical
from textual.dom import DOMNode
from textual.driver import Driver
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.widget import AwaitMount
from textual.widgets import Header

from tracker.domain.checks import InvalidValues
from tracker.domain.text import visible
from tracker.services.crash import write_crash_log
from tracker.store.db import AwayDatabase, demo_path_of, home_path_of, is_demo, open_db
from tracker.store.errors import explain, is_explainable
from tracker.store.profile import get_profile, is_new_user, save_profile
from tracker.ui.chops import draw_only_what_shows
from tracker.ui.commands import AwayCommands
from tracker.ui.format import weekday_date
from tracker.ui.main_screen import MainScreen
from tracker.ui.messages import RecordsChanged
from tracker.ui.panes import PANES
from tracker.ui.panes.base import AreaPane, Target
from tracker.ui.strips import make_strip_caches_on_first_use
from tracker.ui.style_cache import kept_stylesheet
from tracker.ui.warm_up import WarmUp
from tracker.ui.widgets.footer import Footer
from tracker.ui.widgets.pane_tabs import PaneTabs, Tab

# Below this width the tabs take their short titles (all seven fit in 80 columns).
NARROW_TABS_BELOW = 90
# Below this width the footer leaves out ^p palette (still a key), which took the room
# of the Journal's, Letters' and ERAS's last keys, "? Keys" among them, at 80 columns.
PALETTE_IN_FOOTER_FROM = 100


class AwayApp(WarmUp, App[Path | None]):
    """Returns a Path when the user asked to open another database (the demo)."""

    # Each pane's and each form's styles live beside it, read when first needed (read_styles).
    CSS_PATH = "app.tcss"
    TITLE = "Away"
    COMMANDS = App.COMMANDS | {AwayCommands}
    BINDINGS = [
        *(
            Binding(
                str(key),
                f"show_pane('{pane.id}')",
                pane.title,
                show=False,
                id=f"pane.{pane.id}",
                tooltip=f"Show the {pane.title} pane",
            )
            for key, pane in enumerate(PANES, start=1)
        ),
        Binding(
            "ctrl+e",
            "export",
            "Export",
            show=False,
            id="app.export",
            tooltip="The ERAS summary (md, html, pdf) or all your data (json, csv, ics)",
        ),
        Binding(
            "p",
            "edit_profile",
            "Profile",
            show=False,
            id="app.profile",
            tooltip="Your name, visa, ERAS season and date",
        ),
        Binding(
            "r",
            "show_rule",
            "Rules",
            show=False,
            id="app.rules",
            tooltip="The guide's rule behind the selected line, and all the others",
        ),
        Binding(
            "question_mark",
            "toggle_help",
            "Keys",
            id="app.help",
            tooltip="Show or hide the keys of the focused pane",
        ),
        Binding("q", "quit", "Quit", id="app.quit", show=False, tooltip="Leave Away"),
    ]
    # Narrow or short terminals (80x24 is supported) get compact layouts in the .tcss.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (32, "-tall")]

    def __init__(
        self,
        db_path: Path,
        today: date | None = None,
        db: AwayDatabase | None = None,
        warning: str | None = None,
    ) -> None:
        super().__init__()
        self.stylesheet = kept_stylesheet(self.stylesheet)  # styles parsed once, kept
        make_strip_caches_on_first_use()  # a drawn line's caches: made when used
        draw_only_what_shows()  # a frame asks widgets only for the rows they show
        self.db_path = db_path
        self.today = today or date.today()
        self.db = db or open_db(db_path)
        self.open_warning = warning  # e.g. why today's backup could not be made
        self.read_only = self.db.read_only
        self._mounting: dict[str, AwaitMount] = {}  # panes being mounted, by id
        # Animations redraw the screen at each step (Textual's tab bar slid its underline
        # 15-20 times after each switch: 30-60 ms of the next key); TEXTUAL_ANIMATIONS
        # still chooses.
        if "TEXTUAL_ANIMATIONS" not in os.environ:
            self.animation_level = "none"

    def get_driver_class(self) -> type[Driver]:
        driver = super().get_driver_class()
        if driver.__name__ != "LinuxDriver":  # Windows, or TEXTUAL_DRIVER
            return driver
        from tracker.ui.driver import QuickEscapeDriver, use_quick_escape, use_quick_handover

        use_quick_escape()
        use_quick_handover()
        return QuickEscapeDriver

    def get_default_screen(self) -> Screen[None]:
        return MainScreen(self.size, self.HORIZONTAL_BREAKPOINTS, self.VERTICAL_BREAKPOINTS)

    active_pane = PANES[0].id  # the pane shown

    def compose(self) -> ComposeResult:
        yield Header()
        tabs = [
            Tab(spec.id, spec.tab_label(number, False), spec.tab_label(number, True))
            for number, spec in enumerate(PANES, start=1)
        ]
        with Vertical(id="panes"):
            yield PaneTabs(tabs, self.active_pane, NARROW_TABS_BELOW)
            # The first pane is built at once, so the first paint shows the user's data;
            # the others join it as they are built (area_pane), hidden until shown.
            with Container(id="pane-switcher"):
                yield PANES[0].pane_class()()
        yield Footer(compact=True)  # every key of a pane fits on one line at 80 columns

    def on_mount(self) -> None:
        marks = ["DEMO"] if is_demo(self.db_path) else []
        marks += ["READ-ONLY"] if self.read_only else []
        path = visible(str(self.db_path))  # a file name is data too
        self.sub_title = "  ·  ".join([*marks, path, weekday_date(self.today)])
        if self.open_warning:
            self.notify(
                self.open_warning[0].upper() + self.open_warning[1:] + ".",
                severity="warning",
                timeout=15,
            )
        self.start_warm_up()
        self.app_resume_signal.subscribe(self, self._terminal_returned, immediate=True)
        if is_new_user(self.db):
            from tracker.ui.modals.welcome import WelcomeScreen  # only ever needed once

            self.push_screen(WelcomeScreen(), self._welcome_chosen)

    def update_styles(self, node: DOMNode, animate: bool = True) -> None:
        # A widget made but not mounted yet is styled as it mounts (App._register); Textual
        # styled it at once too, whenever its constructor set a class (compact=True does):
        # 24 passes of the stylesheet on the Journal's first visit, 16 for the application form.
        if node is not self and node.parent is None:
            return
        super().update_styles(node, animate)

    # Set when the terminal comes back from another program (App.suspend; Away itself
    # never suspends): everything on it must be drawn again.
    _terminal_lent = False

    def refresh(
        self, *, repaint: bool = True, layout: bool = False, recompose: bool = False
    ) -> "AwayApp":
        # Textual calls this once a screen taken off the stack (a form closed) is removed,
        # for a new frame of every line of the screen below, which drew itself as it
        # resumed: a second frame of the whole screen (18 KB) 40 ms after the first. Its
        # layout is still checked; only what changes is drawn.
        if layout and not recompose and not self._terminal_lent:
            repaint = False
        self._terminal_lent = False
        super().refresh(repaint=repaint, layout=layout, recompose=recompose)
        return self

    def _terminal_returned(self, _app: App[object]) -> None:
        self._terminal_lent = True

    def on_unmount(self) -> None:
        self.db.close()

    def on_resize(self, event: events.Resize) -> None:
        self.query_one(Footer).show_command_palette = event.size.width >= PALETTE_IN_FOOTER_FROM

    def _build_ahead_steps(self) -> list[Callable[[], Awaitable[object] | None]]:
        # Each pane built and filled in its hidden tab while the user reads Today: its
        # first visit then only shows it (at 100x a first visit cost 100-180 ms).
        # Records written meanwhile mark it stale (RecordsChanged): it reloads when shown.
        return [partial(self._build_pane, spec.id) for spec in PANES[1:]]

    def _build_pane(self, pane_id: str) -> AwaitMount | None:
        """Build a pane in its tab if it is not yet; what to await until it is built and
        filled (None once it is)."""
        self.area_pane(pane_id)
        return self._mounting.pop(pane_id, None)

    def area_pane(self, pane_id: str) -> AreaPane:
        """The pane of a tab; the first time, its module is imported and the pane mounted,
        hidden unless chosen, in the switcher (it builds and loads itself as it mounts)."""
        switcher = self.query_one("#pane-switcher")
        for pane in switcher.query_children(AreaPane):
            if pane_id == pane.PANE_ID:
                return pane
        spec = next(spec for spec in PANES if spec.id == pane_id)
        self.read_styles(spec.styles)
        pane = spec.pane_class()()
        pane.display = pane_id == self.active_pane
        self._mounting[pane_id] = switcher.mount(pane)
        return pane

    @on(PaneTabs.Chosen)
    async def _tab_clicked(self, event: PaneTabs.Chosen) -> None:
        await self.action_show_pane(event.pane_id)

    @on(RecordsChanged)
    def _mark_stale(self, event: RecordsChanged) -> None:
        # Other panes that show this area re-read the store the next time they are shown.
        for pane in self.query(AreaPane):
            if pane is not event.source and event.area in pane.READS:
                pane.loaded = False

    async def action_show_pane(self, pane_id: str) -> None:
        # One frame: the screen is drawn once the pane is built, filled and shown (its
        # first visit drew 5-9 frames on the way, each a redraw of the whole screen).
        with self.batch_update():
            if mounting := self._build_pane(pane_id):
                await mounting
            pane = self.area_pane(pane_id)
            if self.active_pane == pane_id:
                pane.focus_first_table()
                return
            shown = self.area_pane(self.active_pane)
            self.active_pane = self.query_one(PaneTabs).active = pane_id
            shown.display, pane.display = False, True
            # Focus is dropped: Textual would move it to the next focusable widget. After
            # the switch, not before: a table that loses focus draws itself again (its
            # cursor's colours), which the hidden one need not (20-40 ms at 100x). The
            # pane focuses its first table as it shows (AreaPane.on_show).
            self.screen.set_focus(None)

    def open_target(self, pane_id: str, target: Target) -> None:
        """Show a pane with its cursor on a record (enter on a line of Today)."""
        pane = self.area_pane(pane_id)
        if self.active_pane == pane_id:
            pane.reveal(target)
            return
        pane.target = target  # landed on once the pane is shown and loaded
        self.call_later(self.action_show_pane, pane_id)

    def action_toggle_help(self) -> None:
        if self.screen.query("HelpPanel"):  # by name: importing it loads markdown-it
            self.action_hide_help_panel()
        else:
            self.action_show_help_panel()

    def action_reload(self) -> None:
        for pane in self.query(AreaPane):
            pane.reload()

    # --- the one guarded path for writes ----------------------------------------------

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Every notice (widgets' included) is literal text: most name a record."""
        super().notify(
            visible(message), title=visible(title), severity=severity, timeout=timeout, markup=False
        )

    def refuse_if_read_only(self) -> bool:
        """True (and says why) when nothing can be written; call before opening a form."""
        if self.read_only:
            self.notify(
                f"{self.db_path} is open read-only (you cannot write to it), so "
                "nothing can be changed here.",
                severity="warning",
            )
        return self.read_only

    def try_write(self, write: Callable[[], object]) -> bool:
        """Run a write; a store, SQLite or OS error becomes one sentence, the app stays.

        Every write from the TUI comes through here; the caller keeps its pane and any
        open form as they were, typed text included.
        """
        if self.refuse_if_read_only():
            return False
        try:
            write()
        except Exception as error:
            self.say_not_saved(error)
            return False
        return True

    def say_not_saved(self, error: BaseException) -> str:
        """The one-sentence reason a write failed, shown; the reason, for the caller.
        An error that is not the store's, SQLite's or the OS's is a bug: raised."""
        if not is_explainable(error):
            raise error
        reason = explain(error, self.db_path)
        self.notify(reason + ".", title="Not saved", severity="error", timeout=12)
        return reason

    async def action_quit(self) -> None:
        # Panes finish their writes first (the journal's autosave); one may ask first.
        for pane in self.query(AreaPane):
            if not pane.before_quit():
                return
        self.exit()

    # --- crashes: one sentence and a log without local variables ----------------------

    crash_log: Path | None = None

    def _fatal_error(self) -> None:
        # Textual's own report prints local variables, which can hold journal text.
        if self.crash_log is None:  # once, though Textual may report the error twice
            self.crash_log = write_crash_log(self.db_path, self._exception)
            self.bell()
            self._exit_renderables.append(
                f"Away stopped after an unexpected error; what happened (without your "
                f"data) was written to {self.crash_log}. Your saved records are safe."
            )
        self._close_messages_no_wait()

    def deliver_screenshot(
        self,
        filename: str | None = None,
        path: str | None = None,
        time_format: str | None = None,
    ) -> str | None:
        # Beside the database, not ~/Downloads (which may not exist): the palette's
        # "Save screenshot" failed there.
        return super().deliver_screenshot(filename, path or str(self.db_path.parent), time_format)

    def action_show_rule(self, rule_id: str | None = None) -> None:
        from tracker.ui.modals.rules import RulesScreen

        if rule_id is None:
            rule_id = self.area_pane(self.active_pane).current_rule_id()
        self.push_screen(RulesScreen(rule_id))

    def action_export(self) -> None:
        from tracker.ui.modals.export import ask_and_export

        ask_and_export(self)

    def action_edit_profile(self) -> None:
        from tracker.ui.modals.form import FormScreen
        from tracker.ui.modals.profile import (
            PROFILE_FIELDS,
            form_errors,
            profile_to_values,
            values_to_profile,
        )

        if self.refuse_if_read_only():
            return

        def save(values: dict[str, str]) -> dict[str, str]:
            try:
                save_profile(self.db, values_to_profile(values))
            except InvalidValues as error:
                return form_errors(error.errors)
            return {}

        def saved(values: dict[str, str] | None) -> None:
            if values is not None:
                self.notify("Profile saved.")
                self.action_reload()

        form = FormScreen(
            "Your profile", PROFILE_FIELDS, profile_to_values(get_profile(self.db)), save
        )
        self.push_screen(form, saved)

    def action_open_demo(self) -> None:
        from tracker.services.demo import write_demo

        if is_demo(self.db_path):
            self.notify('This is the demo already; the palette has "Back to my database".')
            return
        demo_path = demo_path_of(self.db_path)
        if not demo_path.exists() and not self.try_write(lambda: write_demo(demo_path, self.today)):
            return
        self.exit(demo_path)

    def action_leave_demo(self) -> None:
        if is_demo(self.db_path):
            self.exit(home_path_of(self.db_path))

    def _welcome_chosen(self, choice: str | None) -> None:
        if choice == "profile":
            self.action_edit_profile()
        elif choice == "demo":
            self.action_open_demo()


def make_app(
    db_path: Path | str,
    today: date | None = None,
    db: AwayDatabase | None = None,
    warning: str | None = None,
) -> AwayApp:
    """The one factory for the CLI, the tests, the snapshots and the screenshots.

    db: a connection the caller already opened (and checked) on db_path; the app owns it.
    warning: a sentence from opening it to show once (a backup that could not be made).
    """
    return AwayApp(Path(db_path), today, db, warning)
