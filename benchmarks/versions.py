"""Away as it is and as it was at a git revision, to time both in the same run.

A version is a source tree; its commands run with that tree first on the path and as
the working folder (`python -m` looks there before anywhere else)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def baseline_of(argv: list[str]) -> str | None:
    """The REV of --baseline REV on a command line, if any."""
    return argv[argv.index("--baseline") + 1] if "--baseline" in argv else None


def checkout(revision: str, folder: Path) -> Path:
    """The project's files as they were at a git revision, in folder (made here)."""
    archive = subprocess.run(
        ["git", "archive", revision], cwd=ROOT, capture_output=True, check=True
    ).stdout
    folder.mkdir(parents=True)
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder


def versions(argv: list[str], scratch: Path) -> dict[str, Path]:
    """'now' (this checkout) and, with --baseline REV, REV: name -> source tree."""
    trees = {"now": ROOT}
    if revision := baseline_of(argv):
        trees[revision] = checkout(revision, scratch / "baseline")
    return trees


def away(tree: Path, *args: str) -> list[str]:
    """The command line of `away args` from tree (run it with cwd=tree)."""
    return ["env", f"PYTHONPATH={tree}", sys.executable, "-m", "tracker", *args]
