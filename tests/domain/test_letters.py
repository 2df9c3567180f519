"""Letters through ERAS: the pipeline, L1's counts, the ranking of candidates (L2), the
moment to ask (L3) and the words of a thank-you (L5)."""

from datetime import date

from tracker.domain.letters import (
    Candidate,
    Letter,
    count_letters,
    from_week_two,
    in_last_week,
    next_status,
    problem_with_step,
    rank,
    thank_you_words,
)


def test_the_pipeline_runs_from_candidate_to_thanked():
    steps, status = [], "candidate"
    while status:
        steps.append(status)
        status = next_status(status)
    assert steps == [
        "candidate",
        "asked",
        "agreed",
        "packet_sent",
        "id_created",
        "id_sent",
        "uploaded",
        "thanked",
    ]
    assert next_status("declined") is None
    assert "Letter ID" in problem_with_step(Letter(), "uploaded")
    assert problem_with_step(Letter(eras_letter_id="L-1"), "uploaded") is None


def test_l1_counts_only_letters_uploaded_to_eras_and_shows_the_others_apart():
    count = count_letters(
        [
            Letter(status="agreed"),
            Letter(status="uploaded"),
            Letter(status="thanked"),  # after its upload
            Letter(status="candidate"),  # not asked yet
            Letter(status="declined"),
            Letter(status="asked", us_anesthesiology=False),
            Letter(status="uploaded", us_anesthesiology=False),
        ]
    )
    assert (count.us_anesthesiology, count.others) == (2, 1)
    assert (count.asked, count.agreed) == (1, 1)
    assert not count.short_of_l1
    assert "on the way: 1 asked, 1 agreed" in count.describe()
    asked_only = count_letters([Letter(status="asked"), Letter(status="agreed")])
    assert asked_only.short_of_l1, "letters asked or agreed do not meet L1"


def test_candidates_rank_by_cases_then_days_feedback_and_teaching():
    a = Candidate(1, "Dr. A", 9, cases=2, days=5, feedback=1, teaching=0)
    b = Candidate(2, "Dr. B", 9, cases=7, days=4, feedback=2, teaching=3)
    c = Candidate(3, "Dr. C", 9, cases=0, days=1, feedback=0, teaching=0)
    assert [x.name for x in rank([a, c, b])] == ["Dr. B", "Dr. A", "Dr. C"]
    assert b.reasons() == "7 cases, 4 days, 2 feedback notes, 3 teaching points"
    assert c.reasons() == "1 day"


def test_the_moments_of_l2_and_l3():
    assert not from_week_two("2026-07-06", date(2026, 7, 12))
    assert from_week_two("2026-07-06", date(2026, 7, 13))
    assert in_last_week("2026-07-06", "2026-08-02", date(2026, 7, 27))
    assert not in_last_week("2026-07-06", "2026-08-02", date(2026, 7, 26))
    assert not in_last_week("2026-07-06", "2026-08-02", date(2026, 8, 3))


def test_a_thank_you_names_what_was_learned():
    words = thank_you_words("Dr. Okafor", "Lakeside", ["Sugammadex by depth of block.", "", "x"])
    assert "Sugammadex by depth of block; and x." in words
    assert words.startswith("Dear Dr. Okafor")
