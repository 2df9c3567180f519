"""The PHI guard's labelled sets: the first pass's sentences, the second pass's
development lines, and the held-out lines never used to tune it."""

from pathlib import Path

HERE = Path(__file__).parent
SETS = {
    "first-pass": HERE / "phi_sentences.tsv",
    "dev": HERE / "phi" / "dev.tsv",
    "heldout": HERE / "phi" / "heldout.tsv",
}


def labelled(name: str) -> list[tuple[str, str]]:
    """(label, sentence) of a set: label is phi or clean."""
    lines = [
        line
        for line in SETS[name].read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    return [tuple(line.split("\t", 1)) for line in lines[1:]]  # type: ignore[misc]
