"""The rule registry: complete, and docs/RULES.md made from it."""

import re
from pathlib import Path

from tracker.domain.rules import GROUPS, NOT_ADVICE, RULES, rule, rules_markdown

ROOT = Path(__file__).parents[2]


def test_docs_rules_md_is_generated_from_the_registry():
    written = (ROOT / "docs" / "RULES.md").read_text()
    assert written == rules_markdown(), (
        "docs/RULES.md is stale: run  python -m tracker.domain.rules > docs/RULES.md"
    )


def test_every_rule_of_the_guide_is_there():
    expected = {
        f"{group}{n}"
        for group, count in {
            "R": 7,
            "P": 7,
            "D": 2,
            "V": 4,
            "B": 2,
            "J": 7,
            "L": 7,
            "A": 3,
            "E": 5,
        }.items()
        for n in range(1, count + 1)
    }
    assert set(RULES) == expected
    assert {r.group for r in RULES.values()} == set(GROUPS.values())
    assert all(len(r.text) > 40 and r.title for r in RULES.values())
    assert rule("r6").id == "R6"
    assert rule("X9") is None
    assert "not legal or immigration advice" in NOT_ADVICE


def test_every_rule_id_the_code_cites_exists():
    cited = set()
    for source in (ROOT / "tracker").rglob("*.py"):
        cited |= set(re.findall(r"""["'\s(]([RPDVBJLAE][1-9])["'\s)]""", source.read_text()))
    unknown = cited - set(RULES)
    assert not unknown, f"cited but not in the registry: {sorted(unknown)}"
    assert len(cited) > 20


def test_the_readme_points_only_inside_the_repository():
    readme = (ROOT / "README.md").read_text()
    assert "../shared" not in readme
    assert "docs/RULES.md" in readme
