"""The terminal driver: Textual's own, with a lone Escape sent in 25 ms instead of 100.

A terminal sends Escape as the byte that also starts the sequences of other keys (arrows,
F-keys, alt+letter): a program tells them apart by waiting for more bytes. Textual waits
ESCDELAY ms (100 by default), and its input thread only notices the wait is over when it
next wakes, every 100 ms: closing a form took 110-130 ms, all of it waiting. Terminals
send a key's sequence in one write; fish waits 30 ms, tmux 10. ESCDELAY still chooses.
Its threads (keys in, frames out) also get the interpreter sooner while the app computes.
"""

import os
import selectors
import sys
from codecs import getincrementaldecoder

from textual import constants
from textual._loop import loop_last
from textual._parser import ParseError
from textual._time import get_time
from textual._xterm_parser import XTermParser
from textual.drivers.linux_driver import LinuxDriver

ESCAPE_DELAY_S = 0.025
IDLE_WAKE_S = 0.1  # Textual's: how often the input thread looks at its exit flag
# select() may return a hair before its timeout; the parser's deadline must have passed.
AFTER_DEADLINE_S = 0.001
# How long a thread waits for the interpreter while another computes (Python's: 5 ms).
HANDOVER_S = 0.001


def use_quick_escape() -> None:
    """The escape delay above, unless the user set ESCDELAY (Textual reads it at import)."""
    if "ESCDELAY" not in os.environ:
        constants.ESCAPE_DELAY = ESCAPE_DELAY_S  # type: ignore[misc]  # Final: read at each key


def use_quick_handover() -> None:
    """The threads that read keys and write frames need the interpreter for a moment
    while the app computes (building a pane, a collection): Python hands it over after
    5 ms, each time; 1 ms here (a first pane visit at 100x came 5-10 ms sooner)."""
    sys.setswitchinterval(HANDOVER_S)


def wait_for_input(parser: XTermParser) -> float:
    """How long the input thread sleeps: until the parser's deadline when it holds the
    start of a sequence (a lone Escape so far), else Textual's idle wake."""
    deadline = parser._timeout_time  # private (textual 8.2), set while a sequence is open
    if deadline is None:
        return IDLE_WAKE_S
    return min(IDLE_WAKE_S, max(0.0, deadline - get_time()) + AFTER_DEADLINE_S)


class QuickEscapeDriver(LinuxDriver):
    """LinuxDriver whose input thread wakes at the parser's deadline (the rest is
    Textual 8.2's run_input_thread as it is)."""

    def run_input_thread(self) -> None:
        selector = selectors.SelectSelector()
        selector.register(self.fileno, selectors.EVENT_READ)
        parser = XTermParser(self._debug)
        decode = getincrementaldecoder("utf-8")().decode

        def process(ready: list[tuple[selectors.SelectorKey, int]], final: bool = False) -> None:
            for last, (_key, mask) in loop_last(ready):
                if mask & selectors.EVENT_READ:
                    data = decode(os.read(self.fileno, 1024 * 4), final=final and last)
                    if not data:
                        break  # stdin is a pipe that closed
                    for event in parser.feed(data):
                        self.process_message(event)
            for event in parser.tick():
                self.process_message(event)

        try:
            while not self.exit_event.is_set():
                process(selector.select(wait_for_input(parser)))
            selector.unregister(self.fileno)
            process(selector.select(IDLE_WAKE_S), final=True)
        finally:
            selector.close()
            try:
                for _event in parser.feed(""):
                    pass
            except (EOFError, ParseError):
                pass
