"""Running a command as an ordinary user (root ignores file modes): only as root, with
setpriv, and when that user can read this checkout and its Python. A clone inside a
private (0700) folder cannot be read by them: the tests skip and say why."""

import functools
import os
import shutil
import subprocess
import sys

import pytest

from tests.reliability.faults import ENV

AS_NOBODY = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]


@functools.cache
def why_not() -> str | None:
    """None when commands can run as the ordinary user, else the reason they cannot."""
    if os.geteuid() != 0:
        return "needs root to act as an ordinary user"
    if not shutil.which("setpriv"):
        return "needs setpriv to act as an ordinary user"
    probe = subprocess.run(
        [*AS_NOBODY, sys.executable, "-c", "import tracker.cli"],
        capture_output=True,
        env=ENV,
        cwd="/",
        timeout=60,
    )
    if probe.returncode:
        return (
            "the ordinary user (uid 65534) cannot read this checkout or its Python "
            "(e.g. a clone inside a 0700 folder)"
        )
    return None


def needs_ordinary_user(test):  # type: ignore[no-untyped-def]
    """Skip the test, with the reason, when it cannot run as the ordinary user."""
    return pytest.mark.skipif(why_not() is not None, reason=why_not() or "")(test)
