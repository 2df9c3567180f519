"""One snapshot per pane on the demo data at a fixed date, at 120x40 and at 80x24 (the
smallest supported terminal)."""

import pytest

from tests.conftest import DEMO_DAY
from tracker.services.demo import write_demo
from tracker.ui.app import make_app

PANES = [
    ("1", "today"),
    ("2", "applications"),
    ("3", "checklists"),
    ("4", "budget"),
    ("5", "journal"),
    ("6", "letters"),
    ("7", "eras"),
]


@pytest.fixture(autouse=True)
def no_panes_built_ahead(monkeypatch):
    """The panes Away builds in hidden tabs after start-up never show in a snapshot, but
    they move the moment it is taken, and a form's blinking cursor with it: a snapshot
    waits for the app to be idle. Their own tests are in test_app.py."""
    from tracker.ui.app import AwayApp

    monkeypatch.setattr(AwayApp, "_build_ahead_steps", lambda app: [])


@pytest.fixture
def relative_demo(tmp_path, monkeypatch):
    # A relative path keeps the header (which names the file) the same on every machine.
    monkeypatch.chdir(tmp_path)
    write_demo(tmp_path / "demo.db", DEMO_DAY)
    return "demo.db"


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
@pytest.mark.parametrize(("key", "pane"), PANES)
def test_pane_snapshot(snap_compare, relative_demo, key, pane, size):
    assert snap_compare(make_app(relative_demo, DEMO_DAY), press=[key], terminal_size=size)


@pytest.mark.parametrize(
    "keys", [["p"], ["2", "tab", "n", "ctrl+s"]], ids=["profile-form", "program-form-errors"]
)
def test_form_snapshot_at_80x24(snap_compare, relative_demo, keys):
    assert snap_compare(make_app(relative_demo, DEMO_DAY), press=keys, terminal_size=(80, 24))


def test_rules_screen_snapshot(snap_compare, relative_demo):
    assert snap_compare(
        make_app(relative_demo, DEMO_DAY), press=["2", "m", "enter"], terminal_size=(80, 24)
    )
