"""What Away writes or prints is the user's: files 0600 and new folders 0700 whatever
the umask, `--out -` is standard output, a link at --out is never followed or replaced
without --force, and stored control characters never reach the terminal."""

import json
import os
import shutil
import subprocess
import sys

from tests.conftest import DEMO_DAY
from tests.hostile import PAYLOADS, poison


def away(*args, umask: int | None = None) -> subprocess.CompletedProcess[bytes]:
    """A real subprocess, its output as bytes (control characters are the point)."""
    return subprocess.run(
        [sys.executable, "-m", "tracker", *map(str, args)],
        capture_output=True,
        timeout=120,
        preexec_fn=(lambda: os.umask(umask)) if umask is not None else None,
    )


def mode(path) -> str:
    return oct(path.stat().st_mode & 0o777)


def test_exports_and_packets_are_private_whatever_the_umask(demo_path, tmp_path):
    for form in ("json", "md"):
        written = away("--db", demo_path, "export", "--format", form, umask=0)
        assert written.returncode == 0, written.stderr
    exports = demo_path.parent / "exports"
    assert mode(exports) == "0o700"
    assert {mode(f) for f in exports.iterdir()} == {"0o600"}
    packet = away("--db", demo_path, "packet", "Tomás", umask=0)
    assert packet.returncode == 0, packet.stderr
    packets = demo_path.parent / "packets"
    assert mode(packets) == "0o700"
    assert {mode(f) for f in packets.iterdir()} == {"0o600"}
    nested = tmp_path / "new" / "folder" / "summary.html"
    assert away("--db", demo_path, "export", "--format", "html", "--out", nested).returncode == 0
    assert (mode(nested), mode(nested.parent), mode(nested.parent.parent)) == (
        "0o600",
        "0o700",
        "0o700",
    )


def test_out_dash_is_standard_output(demo_path, tmp_path):
    os.chdir(tmp_path)
    printed = away("--db", demo_path, "export", "--format", "json", "--out", "-")
    assert printed.returncode == 0, printed.stderr
    assert json.loads(printed.stdout)["schema"] == "away-export/1"
    backup = away("--db", demo_path, "backup", "--out", "-")
    assert backup.stdout.startswith(b"SQLite format 3\x00")
    assert not (tmp_path / "-").exists(), "a file named - was written"


def test_a_link_at_out_is_kept_without_force(demo_path, tmp_path):
    link = tmp_path / "summary.md"
    link.symlink_to(tmp_path / "nowhere.md")  # a broken link: exists() says False
    refused = away("--db", demo_path, "export", "--format", "md", "--out", link)
    assert refused.returncode == 2
    assert b"already exists" in refused.stderr
    assert link.is_symlink()
    assert not (tmp_path / "nowhere.md").exists()


def test_stored_control_characters_never_reach_the_terminal(demo_path, tmp_path):
    hostile = tmp_path / "hostile.db"
    shutil.copy(demo_path, hostile)
    poison(hostile)
    day = DEMO_DAY.isoformat()
    for command in (["today"], ["packet", "1", "--out", "-"], ["check"]):
        shown = away("--db", hostile, "--today", day, *command)
        out = shown.stdout.decode("utf-8", "replace") + shown.stderr.decode("utf-8", "replace")
        leaked = [payload for payload in PAYLOADS if payload in out]
        assert not leaked, f"away {command[0]}: {leaked!r} reached the terminal"
    today = away("--db", hostile, "--today", day, "today").stdout.decode()
    assert "␛" in today or "[/]" in today, "no stored text was shown at all"
