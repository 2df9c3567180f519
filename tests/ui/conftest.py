"""Fixtures of the UI tests."""

import pytest

from tracker.domain.profile import Profile
from tracker.store.db import open_db
from tracker.store.profile import save_profile


@pytest.fixture
def user_path(db_path):
    """A new user's database, past the welcome screen (a profile, nothing else)."""
    db = open_db(db_path)
    save_profile(db, Profile(full_name="Zoë Nguyễn"))
    db.close()
    return db_path
