"""The PHI guard's word lists through their cache: the same answers as the packages,
written once, read back; a damaged or unwritable cache never stops the guard."""

from tracker.domain import phi_words
from tracker.domain.phi import find_phi
from tracker.services import phi_cache


def test_the_cache_gives_the_packages_lists_and_survives_damage(tmp_path, monkeypatch):
    monkeypatch.setenv("AWAY_CACHE_DIR", str(tmp_path / "cache"))
    built_names, built_words = phi_words.from_packages()
    names, words = phi_cache.cached_word_lists()  # builds, then writes
    path = phi_cache.cache_file()
    assert path.exists()
    assert path.stat().st_size == 8 * (len(built_names) + len(built_words) + 1)
    names, words = phi_cache.cached_word_lists()  # reads
    for word in ("okoro", "reyes", "precious", "grace"):
        assert (word in names) == (word in built_names), word
    for word in ("anesthesia", "grace", "block", "okoro"):
        assert (word in words) == (word in built_words), word
    path.write_bytes(b"\x01")  # damaged: built again
    assert len(phi_cache.cached_word_lists()[0]) == len(built_names)


def test_the_guard_works_through_the_cache_and_without_a_writable_folder(tmp_path, monkeypatch):
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")  # no cache can be made under it, even as root
    monkeypatch.setenv("AWAY_CACHE_DIR", str(blocked / "away"))
    try:
        phi_cache.install()
        assert find_phi("mr okoro bed 5 was anxious")
        assert find_phi("Grace tolerated the spinal well")
        assert find_phi("Reviewed the block plan with the team") == []
        assert not (blocked / "away").exists()
    finally:
        phi_words.use_word_source(phi_words.from_packages)
