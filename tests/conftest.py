"""Shared fixtures: every test gets its own temporary data folder, never the user's."""

from pathlib import Path

import pendulum
import pytest

from tracker.services.demo import write_demo
from tracker.store.db import open_db

# Snapshots and demo-based tests anchor the demo on this date.
DEMO_DAY = pendulum.date(2026, 7, 15)


@pytest.fixture(scope="session")
def session_cache(tmp_path_factory) -> Path:
    """One cache folder for the run (the PHI guard's word lists, built once)."""
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(autouse=True)
def private_data_dirs(tmp_path_factory, monkeypatch, session_cache):
    """Point the default database and AWAY_DB away from the real user data folder, and
    the cache away from the user's."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("AWAY_CACHE_DIR", str(session_cache))
    monkeypatch.delenv("AWAY_DB", raising=False)


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "data" / "away.db"


@pytest.fixture
def db(db_path):
    """An open database on a new temporary file, closed after the test."""
    database = open_db(db_path)
    yield database
    database.close()


@pytest.fixture
def demo_path(tmp_path) -> Path:
    return write_demo(tmp_path / "demo.db", DEMO_DAY)
