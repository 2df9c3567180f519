"""A seeded Experience draws on the block's most written lines that the PHI guard
passes, and asks the guard about no more lines than the seed takes."""

from tracker.domain import phi
from tracker.domain.eras import SEED_LINES
from tracker.store.db import open_db
from tracker.store.eras import block_facts

FEEDBACK = [
    "Mr. Jones MRN 4839201 was anxious",  # flagged: never seeded
    "Good airway work",
    "Keep the plan simple",
    "Read about rapid sequence induction",
    "Ask before you draw up",
]


def test_the_seed_takes_the_first_lines_the_guard_passes(demo_path, monkeypatch):
    db = open_db(demo_path)
    rotation_id = db.execute(
        """SELECT rotation_id FROM journal_days WHERE rotation_id IS NOT NULL
           GROUP BY 1 ORDER BY count(*) DESC LIMIT 1"""
    ).fetchone()[0]
    with db.atomic():
        db.execute(
            "UPDATE journal_days SET feedback = ? WHERE rotation_id = ?",
            ["\n".join(FEEDBACK), rotation_id],
        )
    asked: list[str] = []
    guard = phi.find_phi
    monkeypatch.setattr(phi, "find_phi", lambda text, team: asked.append(text) or guard(text, team))

    facts = block_facts(db, rotation_id, frozenset())

    assert facts is not None
    assert facts.feedback == ["Good airway work", "Keep the plan simple"]
    assert len(facts.feedback) == SEED_LINES["feedback"]
    assert [line for line in asked if line in FEEDBACK] == FEEDBACK[:3]  # no further
    assert len(facts.teaching) <= SEED_LINES["teaching"]
    assert len(facts.memorable) <= SEED_LINES["memorable"]
    db.close()
