"""Writes that never stall the screen: a thread with its own connection.

The journal saves as the user types. A write waits for another process's write lock
(busy timeout, up to 10 s); on the UI's thread that wait would freeze typing. Here the
writes queue for one thread, in order, and jobs with the same key coalesce, so only the
newest text of a day is written. Each result goes to `done(key, result, error)`, called
on the writer's thread (the app posts it back as a message).
"""

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tracker.store.db import AwayDatabase, connect

Job = Callable[[AwayDatabase], Any]
Done = Callable[[str, Any, BaseException | None], None]


class BackgroundWriter:
    def __init__(self, path: Path, done: Done) -> None:
        self.path = path
        self._done = done
        self._jobs: dict[str, Job] = {}
        self._busy = False
        self._closed = False
        self._changed = threading.Condition()
        self._thread: threading.Thread | None = None
        self._db: AwayDatabase | None = None

    def submit(self, key: str, job: Job) -> None:
        """Queue job; an unstarted job with the same key is replaced by this one."""
        with self._changed:
            if self._closed:
                raise RuntimeError("the writer is closed")
            self._jobs.pop(key, None)  # the newest goes last, after older keys
            self._jobs[key] = job
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="away-writer", daemon=True)
                self._thread.start()
            self._changed.notify_all()

    def pending(self) -> bool:
        with self._changed:
            return bool(self._jobs) or self._busy

    def flush(self, timeout: float | None = None) -> bool:
        """Wait until every queued job has run; False when timeout passed first."""
        with self._changed:
            return self._changed.wait_for(lambda: not self._jobs and not self._busy, timeout)

    def close(self, timeout: float | None = None) -> bool:
        """Run what is queued, then stop; False when jobs were still running at timeout."""
        finished = self.flush(timeout)
        with self._changed:
            self._closed = True
            self._changed.notify_all()
        if self._thread is not None and finished:
            self._thread.join(timeout)
        return finished

    def _run(self) -> None:
        while True:
            with self._changed:
                self._changed.wait_for(lambda: self._jobs or self._closed)
                if not self._jobs:  # closed and nothing left
                    break
                key = next(iter(self._jobs))
                job = self._jobs.pop(key)
                self._busy = True
            result, error = None, None
            try:
                if self._db is None:
                    self._db = connect(self.path)
                result = job(self._db)
            except BaseException as caught:  # reported, never lost in the thread
                error = caught
                if self._db is not None:
                    self._db.rollback()
            try:
                self._done(key, result, error)
            finally:
                with self._changed:
                    self._busy = False
                    self._changed.notify_all()
        if self._db is not None:
            self._db.close()
