"""The real app in a real pseudo-terminal, killed with SIGKILL mid-sentence: what was
typed before the last pause is in the file when it is opened again."""

import fcntl
import os
import signal
import sqlite3
import struct
import subprocess
import sys
import termios
import threading
import time
from datetime import date

from tracker.domain.profile import Profile
from tracker.store.db import open_db
from tracker.store.profile import save_profile
from tracker.ui.panes.journal import SAVE_AFTER_PAUSE_S


class Terminal:
    """A process on a pseudo-terminal of 120x40, its output drained into a buffer."""

    def __init__(self, args: list[str]) -> None:
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        env = os.environ | {"TERM": "xterm-256color", "COLUMNS": "120", "LINES": "40"}
        self.process = subprocess.Popen(
            args, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
        )
        os.close(slave)
        self.master = master
        self.output = bytearray()
        threading.Thread(target=self._drain, daemon=True).start()

    def _drain(self) -> None:
        while True:
            try:
                chunk = os.read(self.master, 65536)
            except OSError:
                return
            if not chunk:
                return
            self.output.extend(chunk)

    def wait_for(self, text: str, timeout: float = 30, key: str = "") -> None:
        """Until text is on the terminal; pressing key each second (a key sent before the
        app reads its input may be dropped while it starts)."""
        end = time.monotonic() + timeout
        next_press = 0.0
        while text.encode() not in self.output:
            assert self.process.poll() is None, "the app stopped"
            assert time.monotonic() < end, f"{text!r} never appeared on the terminal"
            if key and time.monotonic() >= next_press:
                self.type(key)
                next_press = time.monotonic() + 1
            time.sleep(0.05)

    def type(self, text: str) -> None:
        for char in text:
            os.write(self.master, char.encode())
            time.sleep(0.02)  # a fast typist

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(10)
        os.close(self.master)


def test_killed_mid_typing_the_journal_reopens_with_the_last_pause_saved(db_path, figure):
    db = open_db(db_path)
    save_profile(db, Profile(full_name="Zoë Nguyễn"))  # past the welcome screen
    db.close()
    terminal = Terminal([sys.executable, "-m", "tracker", "--db", str(db_path)])
    try:
        terminal.wait_for("Journal")
        terminal.wait_for("Learning points", key="5")
        terminal.type("w")
        time.sleep(0.3)
        terminal.type("Saw a TAP block, ultrasound-guided.")
        time.sleep(SAVE_AFTER_PAUSE_S + 1.0)  # a pause: saved within 2 seconds
        terminal.type(" Then the attending asked me ab")  # mid-sentence
    finally:
        terminal.kill()
    conn = sqlite3.connect(db_path)
    row = conn.execute(
        "SELECT learning_points FROM journal_days WHERE day = ?", [date.today().isoformat()]
    ).fetchone()
    integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
    conn.close()
    kept = "the text before the pause" if row and row[0].startswith("Saw a TAP") else "not"
    figure("the app killed mid-sentence: what reopens", f"{kept}; integrity {integrity}")
    assert integrity == "ok"
    assert row is not None, "nothing was saved before the kill"
    assert row[0].startswith("Saw a TAP block, ultrasound-guided."), row[0]
