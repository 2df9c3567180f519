"""A lone Escape is sent once the escape delay (25 ms) is over, not at the input thread's
next 100 ms wake; keys' sequences are still read whole; ESCDELAY still chooses."""

import os
import selectors
import subprocess
import sys
import threading
from typing import Any

import pytest
from textual import events

from tracker.ui.driver import (
    AFTER_DEADLINE_S,
    ESCAPE_DELAY_S,
    HANDOVER_S,
    IDLE_WAKE_S,
    QuickEscapeDriver,
)


class RecordedSelector(selectors.SelectSelector):
    """Records how long each select() begun after the last write was asked to wait."""

    waits: list[float] = []

    def select(self, timeout: float | None = None) -> list[tuple[selectors.SelectorKey, int]]:
        RecordedSelector.waits.append(-1.0 if timeout is None else timeout)
        return super().select(timeout)


async def keys_read(data: list[bytes]) -> tuple[list[str], list[float]]:
    """The keys the driver's input thread reads from data, written one chunk at a time
    (each after the last one's keys arrived), and for each chunk the first wait the
    thread asked for after reading it."""
    read_end, write_end = os.pipe()
    driver = QuickEscapeDriver(Any)  # type: ignore[arg-type]  # the input thread needs no app
    driver.fileno = read_end
    received: list[str] = []
    arrived = threading.Event()

    def process_message(message: Any) -> None:
        if isinstance(message, events.Key):
            received.append(message.key)
            arrived.set()

    driver.process_message = process_message  # type: ignore[method-assign]
    thread = threading.Thread(target=driver.run_input_thread, daemon=True)
    thread.start()
    waits: list[float] = []
    try:
        for chunk in data:
            arrived.clear()
            RecordedSelector.waits = []  # the select() in progress is not recorded
            os.write(write_end, chunk)
            assert arrived.wait(5), f"no key read from {chunk!r}"
            waits.append(RecordedSelector.waits[0])
    finally:
        driver.exit_event.set()
        thread.join(5)
        os.close(write_end)
        os.close(read_end)
    assert not thread.is_alive()  # it still ends when asked (quitting waits for it)
    return received, waits


@pytest.fixture
def recorded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(selectors, "SelectSelector", RecordedSelector)
    monkeypatch.setattr("textual.constants.ESCAPE_DELAY", ESCAPE_DELAY_S)


async def test_a_lone_escape_is_sent_after_the_escape_delay_not_the_idle_wake(
    recorded: None,
) -> None:
    keys, waits = await keys_read([b"x", b"\x1b"])
    assert keys == ["x", "escape"]
    # After a key, the idle wake; after the Escape, no longer than the delay (Textual's
    # thread slept its 100 ms idle wake whatever the delay, then sent the Escape).
    assert waits[0] == IDLE_WAKE_S
    assert 0 < waits[1] <= ESCAPE_DELAY_S + AFTER_DEADLINE_S


async def test_sequences_are_still_read_as_one_key(recorded: None) -> None:
    keys, _ = await keys_read([b"\x1b[A", b"x", b"\x1b", b"\x1bOB"])
    assert keys == ["up", "x", "escape", "down"]


def test_the_app_uses_the_quick_escape_unless_escdelay_is_set_and_a_quick_handover() -> None:
    script = (
        "from textual import constants\n"
        "from tracker.ui.app import make_app\n"
        "from types import SimpleNamespace\n"
        "app = make_app('unused.db', db=SimpleNamespace(read_only=False))\n"
        "import sys\n"
        "print(app.driver_class.__name__, constants.ESCAPE_DELAY, sys.getswitchinterval())\n"
    )
    env = {key: value for key, value in os.environ.items() if key != "ESCDELAY"}

    def run(extra: dict[str, str]) -> str:
        command = [sys.executable, "-c", script]
        done = subprocess.run(command, env=env | extra, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        return done.stdout.split()

    handover = str(HANDOVER_S)  # (Python's own: 0.005)
    assert run({}) == ["QuickEscapeDriver", str(ESCAPE_DELAY_S), handover]
    assert run({"ESCDELAY": "80"}) == ["QuickEscapeDriver", "0.08", handover]
