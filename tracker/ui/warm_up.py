"""What the app does around start-up: the work done ahead while the user reads the first
pane, and garbage collections kept out of the way of the user's keys."""

import asyncio
import contextlib
import gc
import sys
import time
from collections.abc import Awaitable, Callable, Iterable
from functools import partial
from importlib import import_module
from pathlib import Path

from textual import events
from textual.app import App
from textual.dom import DOMNode

from tracker.domain.money import minor_digits_by_code
from tracker.ui import style_cache
from tracker.ui.panes import PANES

# The other panes' modules and every style file are read this long after start, once
# the first pane is on screen.
WARM_UP_AFTER_S = 0.3
# The warm-up pauses while the user has pressed a key this recently.
BUSY_FOR_S = 0.5
# Closing waits at most this long for a pane being built ahead.
BUILD_LIMIT_S = 3.0
# A full garbage collection walks every object the panes hold (70-130 ms at 100x), so
# Python's own ones are made rare (cli.py) and the app runs them as often as Python's
# rule would (a full one per ten middle ones), where no key waits on them: once the
# screen shows what a key did (after this long, for the frame to reach the terminal),
# or after this long a pause. Left to Python's rare ones, a form closed or a pane left
# stayed in memory: 10 MB more after a walk through the panes.
AFTER_FRAME_S = 0.05
IDLE_BEFORE_COLLECTING_S = 2.0
FULL_COLLECTION_AFTER = 10
# Modules imported where first used, whose first use would wait on them: the forms and
# the PHI guard's patterns (the currency table behind amounts is read ahead too).
IMPORTED_AHEAD = ("tracker.ui.modals.form", "tracker.domain.phi")


class WarmUp(App[Path | None]):
    """Mixed into the app: call start_warm_up() once mounted."""

    # Called once start-up is over: the first pane painted, the warm-up done (the CLI
    # resumes the garbage collector there).
    started: Callable[[], object] | None = None

    def start_warm_up(self) -> None:
        self.set_timer(WARM_UP_AFTER_S, lambda: self._warm_up(self._warm_up_steps()))
        self.set_interval(1.0, self._collect_when_idle)

    def read_styles(self, paths: list[Path]) -> None:
        """Parse style files not read yet. Textual would restyle every widget on screen
        when a screen brings new styles; these only style widgets not mounted yet (a pane's,
        a form's), so reading them ahead leaves the screen as it is."""
        unread = [path for path in paths if not self.stylesheet.has_source(str(path))]
        for path in unread:
            self.stylesheet.read(path)
        if unread:
            self.stylesheet.parse()

    def read_default_styles(self, widget_classes: Iterable[type[DOMNode]]) -> None:
        """Add the DEFAULT_CSS of widget classes not mounted yet (and of their bases).
        Textual adds it as the first one mounts, and parses the whole stylesheet again then:
        the first visit of a pane and the first form each waited on that."""
        added = False
        for widget_class in widget_classes:
            # (only its class is read: DOMNode._get_default_css looks at nothing else)
            for read_from, css, tie_breaker, scope in widget_class.__new__(
                widget_class
            )._get_default_css():
                if read_from not in self.stylesheet.source:
                    self.stylesheet.add_source(css, read_from, True, tie_breaker, scope)
                    added = True
        if added:
            self.stylesheet.parse()

    def _warm_up(self, steps: list[Callable[[], object]]) -> None:
        """One step of the work done ahead while the user reads the first pane; each step
        is its own message, so a key pressed meanwhile waits for one step at most."""
        if steps:
            steps.pop(0)()
            self.call_later(self._warm_up, steps)
            return
        style_cache.save()  # every style file was read: a terminal closed on Away never exits
        if self.started is not None:
            self.started()
        self.call_later(self._build_ahead, self._build_ahead_steps())

    async def _build_ahead(self, builds: list[Callable[[], Awaitable[object] | None]]) -> None:
        """After the warm-up, the work that makes a first visit cheap (building panes),
        one at a time (several at once made a key wait for all of them), and only while
        the user pauses: the panes they open meanwhile are built then, as they open."""
        # (after exit() Textual refuses every mount: a pane cannot be built any more)
        if not builds or self._closing_down or self._exit:
            return
        if time.monotonic() - self.last_input < BUSY_FOR_S:
            self.set_timer(BUSY_FOR_S, partial(self._build_ahead, builds))
            return
        if (building := builds.pop(0)()) is not None:
            self._building = asyncio.ensure_future(building)
            await self._building
        self.call_later(self._build_ahead, builds)

    _building: "asyncio.Future[object] | None" = None
    _closing_down = False

    async def _shutdown(self) -> None:
        # A pane being built ahead is finished first: Textual takes down a widget still
        # mounting with an error (a widget whose parts are gone), which would end the
        # session with "Away stopped after an unexpected error". No other starts then
        # (the next one, called meanwhile, looked for the tabs of a screen being closed).
        self._closing_down = True
        if self._building is not None and not self._building.done():
            with contextlib.suppress(Exception):
                await asyncio.wait_for(asyncio.shield(self._building), BUILD_LIMIT_S)
        await super()._shutdown()

    def _build_ahead_steps(self) -> list[Callable[[], Awaitable[object] | None]]:
        return []

    def _warm_up_steps(self) -> list[Callable[[], object]]:
        from tracker.ui.modals import STYLES

        steps: list[Callable[[], object]] = [partial(self.read_styles, STYLES)]
        for spec in PANES[1:]:
            steps += [partial(self.read_styles, spec.styles), spec.pane_class]
        imports = [partial(import_module, name) for name in IMPORTED_AHEAD]
        # The PHI guard's word lists (read from their cache: about 50 ms), which the
        # journal's first day and the ERAS pane's first visit would otherwise wait on.
        return [
            *steps,
            *imports,
            minor_digits_by_code,
            lambda: self.read_default_styles(_widget_classes_in(UI_MODULES)),
            _read_phi_words,
        ]

    last_input = 0.0  # time.monotonic() of the user's last key or mouse event

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.InputEvent):
            self.last_input = key_time = time.monotonic()
            if isinstance(event, (events.Key, events.MouseUp, events.Paste)):
                # after the frame the key brings (the screen runs this once it is drawn)
                self.call_after_refresh(
                    self.set_timer, AFTER_FRAME_S, partial(self._collect_after_frame, key_time)
                )
        await super().on_event(event)

    def _collect_when_idle(self) -> None:
        if time.monotonic() - self.last_input >= IDLE_BEFORE_COLLECTING_S:
            self._collect_if_due()

    def _collect_after_frame(self, key_time: float) -> None:
        # (a key pressed meanwhile brings its own frame, and this check after it)
        if self.last_input == key_time:
            self._collect_if_due()

    def _collect_if_due(self) -> None:
        if gc.isenabled() and gc.get_count()[2] >= FULL_COLLECTION_AFTER:
            gc.collect()


# Where the panes, forms and dialogs take their widgets from (imported by then).
UI_MODULES = ("tracker.ui.panes.", "tracker.ui.modals.", "tracker.ui.widgets.")


def _widget_classes_in(prefixes: tuple[str, ...]) -> set[type[DOMNode]]:
    """The widget classes the named modules use, and those their widgets are made of
    (a widget's parts live beside it in Textual's module)."""
    used = {
        value
        for name, module in list(sys.modules.items())
        if name.startswith(prefixes)
        for value in vars(module).values()
        if isinstance(value, type) and issubclass(value, DOMNode)
    }
    beside = {
        value
        for widget_class in used
        if widget_class.__module__.startswith("textual.")
        for value in vars(sys.modules[widget_class.__module__]).values()
        if isinstance(value, type) and issubclass(value, DOMNode)
    }
    return used | beside


def _read_phi_words() -> None:
    from tracker.domain import phi_words

    phi_words.names()
