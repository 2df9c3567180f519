"""The PHI guard against a labelled set of fictional journal sentences."""

from pathlib import Path

from tracker.domain.phi import describe, find_phi

SENTENCES = Path(__file__).with_name("phi_sentences.tsv")


def labelled() -> list[tuple[str, str]]:
    lines = [
        line
        for line in SENTENCES.read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    return [tuple(line.split("\t", 1)) for line in lines[1:]]  # type: ignore[misc]


def test_recall_and_false_positives_on_the_labelled_set():
    rows = labelled()
    identifiers = [text for label, text in rows if label == "phi"]
    clinical = [text for label, text in rows if label == "clean"]
    assert len(identifiers) >= 150
    assert len(clinical) >= 150
    missed = [text for text in identifiers if not find_phi(text)]
    wrongly = [text for text in clinical if find_phi(text)]
    recall = 1 - len(missed) / len(identifiers)
    false_positives = len(wrongly) / len(clinical)
    figures = (
        f"recall {recall:.3f} on {len(identifiers)} sentences with identifiers, "
        f"false positives {false_positives:.3f} on {len(clinical)} clinical ones; "
        f"missed {missed[:3]}, flagged {wrongly[:3]}"
    )
    assert recall >= 0.95, figures
    assert false_positives <= 0.05, figures


def test_the_issue_examples():
    flags = find_phi("Mr. Jones MRN 4839201")
    assert [flag.text for flag in flags] == ["Jones", "4839201"]
    assert "a name after a title" in describe(flags)
    for clinical in [
        "ASA 3E",
        "20G IV",
        "2 mg midazolam",
        "BP 120/80",
        "SpO2 94%",
        "L4-5",
        "T10 level",
        "7.0 ETT at 22 cm",
        "Mallampati 3",
        "GA with RSI at 07:30",
        "Dr. Okafor showed me the block",
    ]:
        assert find_phi(clinical) == [], clinical


def test_flags_are_ordered_spans_of_the_text():
    text = "Pt Harris, DOB 03/14/1958, call 312-555-0147 or h@example.com"
    flags = find_phi(text)
    assert [text[f.start : f.end] for f in flags] == [f.text for f in flags]
    assert [f.start for f in flags] == sorted(f.start for f in flags)
    assert len(flags) == 4
