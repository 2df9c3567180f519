"""One snapshot per pane on the demo data at a fixed date and terminal size."""

import pytest

from tracker.services.demo import write_demo
from tracker.ui.app import make_app
from tests.conftest import DEMO_DAY


@pytest.fixture
def relative_demo(tmp_path, monkeypatch):
    # A relative path keeps the header (which names the file) the same on every machine.
    monkeypatch.chdir(tmp_path)
    write_demo(tmp_path / "demo.db", DEMO_DAY)
    return "demo.db"


@pytest.mark.parametrize("key, pane", [("1", "today"), ("2", "applications"),
                                       ("3", "checklists"), ("4", "budget"),
                                       ("5", "journal"), ("6", "letters")])
def test_pane_snapshot(snap_compare, relative_demo, key, pane):
    assert snap_compare(make_app(relative_demo, DEMO_DAY), press=[key],
                        terminal_size=(120, 40))
