"""A disk that fills up during each area's writes (files may not grow past a limit, with
SIGXFSZ ignored: the write fails as on a full disk), and a folder that turns read-only.
The user gets one sentence; every write acknowledged before is there after reopening,
nothing is half-written, and the file passes SQLite's integrity check."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.ordinary_user import needs_ordinary_user
from tests.reliability.faults import ENV, runs
from tests.reliability.writers import AREAS, TABLES
from tracker.domain.profile import Profile
from tracker.store.db import open_db
from tracker.store.profile import save_profile

ROUNDS = runs(2, 10)  # per area, each at another limit


def writer(path: Path, area: str, start: int, limit: int) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tests.reliability.writers", str(path), str(start)]
        + ["--areas", area, "--file-limit", str(limit)],
        capture_output=True,
        text=True,
        env=ENV,
        timeout=120,
    )


@pytest.mark.parametrize("area", [*AREAS, "programs"])
def test_a_disk_filling_up_in_each_area_costs_no_committed_record(tmp_path, area, figure):
    path = tmp_path / "away.db"
    db = open_db(path)
    save_profile(db, Profile(full_name="Zoë"))
    db.close()
    acknowledged: list[list[str]] = []
    sentences = set()
    for round_ in range(ROUNDS):
        # Room for a few dozen writes beyond what the files hold now, more each round.
        limit = max(p.stat().st_size for p in tmp_path.glob("away.db*")) + 40_000 * (round_ + 1)
        result = writer(path, area, round_ * 1_000, limit)
        lines = result.stdout.splitlines()
        assert result.returncode == 1, f"{area}: the writer was not stopped: {result.stderr}"
        assert "Traceback" not in result.stderr, result.stderr
        assert lines[-1].startswith("refused: "), lines[-1]
        sentences.add(lines[-1].removeprefix("refused: ").replace(str(path), "away.db"))
        acknowledged += [line.split() for line in lines[:-1]]
    conn = sqlite3.connect(path)
    integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
    lost = [
        ids
        for _, *ids in acknowledged
        if not conn.execute(f"SELECT 1 FROM {TABLES[area]} WHERE id = ?", [int(ids[0])]).fetchone()
    ]
    half = conn.execute(
        """SELECT (SELECT count(*) FROM people WHERE id NOT IN (SELECT person_id FROM letters))
                + (SELECT count(*) FROM cases WHERE id NOT IN
                     (SELECT case_id FROM case_skills GROUP BY case_id HAVING count(*) = 2))"""
    ).fetchone()[0]
    stored = conn.execute(f"SELECT count(*) FROM {TABLES[area]}").fetchone()[0]
    conn.close()
    figure(
        f"{area}: refusals / acknowledged / lost", f"{ROUNDS} / {len(acknowledged)} / {len(lost)}"
    )
    assert len(acknowledged) > ROUNDS, "the writes never got going"
    assert integrity == "ok", f"{area}: integrity {integrity}"
    assert not lost, f"{area}: {len(lost)} of {len(acknowledged)} acknowledged writes lost"
    assert half == 0, f"{area}: {half} half-written actions"
    assert stored == len(acknowledged), "a refused write was kept anyway"
    for sentence in sentences:
        assert sentence.endswith("nothing was saved"), sentence
        assert "file-size limit" in sentence, f"not the real cause: {sentence}"
        assert "\n" not in sentence
    figure(f"{area}: what the user read", " | ".join(sorted(sentences)))


@needs_ordinary_user
def test_a_folder_turned_read_only_is_one_sentence_and_keeps_every_record(figure):
    import pwd
    import shutil

    nobody = pwd.getpwnam("nobody")
    as_nobody = ["setpriv", f"--reuid={nobody.pw_uid}", f"--regid={nobody.pw_gid}"]
    as_nobody.append("--clear-groups")
    folder = Path("/tmp") / f"away-ro-{os.getpid()}"  # not under root's private tmp_path
    folder.mkdir(mode=0o700)
    try:
        path = folder / "away.db"
        open_db(path).close()
        for made in [folder, *folder.iterdir()]:
            os.chown(made, nobody.pw_uid, nobody.pw_gid)
        command = [*as_nobody, sys.executable, "-m", "tests.reliability.writers", str(path)]
        written = subprocess.run(
            [*command, "0", "--rounds", "20"], capture_output=True, text=True, env=ENV, timeout=60
        )
        assert written.returncode == 0, written.stderr
        acknowledged = [line.split() for line in written.stdout.splitlines()]
        os.chmod(folder, 0o500)  # the folder, then the file, turn read-only
        os.chmod(path, 0o400)
        refused = subprocess.run(
            [*command, "100", "--rounds", "5"], capture_output=True, text=True, env=ENV, timeout=60
        )
        sentence = refused.stdout.splitlines()[-1]
        figure("read-only folder: what the user read", sentence.replace(str(path), "away.db"))
        assert refused.returncode == 1
        assert "Traceback" not in refused.stderr
        assert sentence.startswith("refused: ")
        assert "read-only" in sentence or "permission denied" in sentence, sentence
        os.chmod(folder, 0o700)
        os.chmod(path, 0o600)
        conn = sqlite3.connect(path)
        lost = [
            ids
            for area, *ids in acknowledged
            if not conn.execute(
                f"SELECT 1 FROM {TABLES[area]} WHERE id = ?", [int(ids[0])]
            ).fetchone()
        ]
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.close()
        figure("read-only folder: acknowledged / lost", f"{len(acknowledged)} / {len(lost)}")
        assert len(acknowledged) == 80
        assert not lost, f"{len(lost)} of {len(acknowledged)} acknowledged writes lost"
    finally:
        shutil.rmtree(folder, ignore_errors=True)


async def test_the_app_on_a_disk_that_fills_keeps_the_typed_text_on_screen(db_path, figure):
    """The real limit, in the app's own process: its background writer is refused, the
    text stays on screen with the reason, and it is saved once there is room again."""
    import resource
    import signal

    from textual.widgets import Static, TextArea

    from tests.ui.test_journal import DAY, settle, stored
    from tests.ui.test_never_crashes import on_screen
    from tracker.ui.app import make_app

    db = open_db(db_path)
    save_profile(db, Profile(full_name="Zoë Nguyễn"))
    db.close()
    app = make_app(db_path, DAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("5", "w", *"Precious words")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        limits = resource.getrlimit(resource.RLIMIT_FSIZE)
        handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (1, limits[1]))  # no file may grow
        try:
            await pilot.press(*" and more")
            await pilot.press("ctrl+s")
            await settle(app, pilot)
        finally:
            resource.setrlimit(resource.RLIMIT_FSIZE, limits)
            signal.signal(signal.SIGXFSZ, handler)
        state = app.query_one("#day-state", Static)
        said = str(state.render())
        figure("the app on a full disk: what the user read", said.replace(str(db_path), "away.db"))
        assert "Not saved" in said
        assert on_screen(app, state)
        field = app.query_one("#day-learning_points", TextArea)
        assert field.text == "Precious words and more", "the typed text left the screen"
        assert stored(db_path, DAY.isoformat())["learning_points"] == "Precious words"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert stored(db_path, DAY.isoformat())["learning_points"] == "Precious words and more"
