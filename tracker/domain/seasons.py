"""The ERAS season calendar: facts that change every season, in one table with their
source and the date they were checked, and estimates for seasons not published yet.

AAMC names a season by its Match year: "ERAS 2028" opens in June 2027, applicants
submit from September 2027, programs review from late September, interviews run
October-January, and the Match is in March 2028. Next season is a new row, not code.
"""

from dataclasses import dataclass, replace
from datetime import date, timedelta

AAMC_TIMELINE = "AAMC, ERAS timeline for residency applicants (students-residents.aamc.org)"
AAMC_FAQ = "AAMC, ERAS residency applicants FAQ (students-residents.aamc.org)"


@dataclass(frozen=True)
class Season:
    """One ERAS season's dates. estimated: derived from past seasons' pattern, not yet
    published (the user's own ERAS date in the profile wins)."""

    season: int  # AAMC's name for it: the Match year
    opens_on: date  # MyERAS opens to applicants
    submit_from: date  # applicants may submit applications to programs
    review_from: date  # programs may begin reviewing applications and MSPEs
    ends_on: date  # the season closes (no more applications)
    match_day: date  # NRMP Match Day, the Friday of Match Week
    source: str
    checked_on: date | None  # when the source was read; None for an estimate

    @property
    def estimated(self) -> bool:
        return self.checked_on is None

    @property
    def interviews(self) -> tuple[date, date]:
        """Interview season: October to January (programs invite from late September)."""
        return date(self.season - 1, 10, 1), date(self.season, 1, 31)


# Published seasons. Add each new season's row when AAMC publishes its timeline (May).
PUBLISHED = {
    2026: Season(
        2026,
        opens_on=date(2025, 6, 4),
        submit_from=date(2025, 9, 3),
        review_from=date(2025, 9, 24),
        ends_on=date(2026, 5, 31),
        match_day=date(2026, 3, 20),
        source=AAMC_TIMELINE + "; Match Week 16-20 March 2026 (NRMP)",
        checked_on=date(2026, 12, 4),
    ),
    2025: Season(
        2025,
        opens_on=date(2024, 6, 5),
        submit_from=date(2024, 9, 4),
        review_from=date(2024, 9, 25),
        ends_on=date(2025, 5, 31),
        match_day=date(2025, 3, 21),
        source=AAMC_FAQ + " (the opening); submission and review dates as reported from "
        "AAMC's 2025 timeline; Match Day (NRMP)",
        checked_on=date(2026, 12, 4),
    ),
    2023: Season(
        2023,
        opens_on=date(2022, 6, 8),
        submit_from=date(2022, 9, 7),
        review_from=date(2022, 9, 28),
        ends_on=date(2023, 5, 31),
        match_day=date(2023, 3, 17),
        source=AAMC_FAQ,
        checked_on=date(2026, 12, 4),
    ),
}


def _weekday_on_or_after(day: date, weekday: int) -> date:
    return day + timedelta(days=(weekday - day.weekday()) % 7)


WEDNESDAY, FRIDAY = 2, 4


def season(year: int) -> Season:
    """ERAS `year` (the Match year): published, else estimated from the pattern every
    published season here follows (opens the first Wednesday from 2 June, submissions
    the first Wednesday of September, review three weeks later, Match Day the third
    Friday of March, the season closing on 31 May). The opening rule was fitted to these
    rows (ERAS 2018 opened on a Tuesday): the user's own date always wins."""
    if year in PUBLISHED:
        return PUBLISHED[year]
    submit = _weekday_on_or_after(date(year - 1, 9, 1), WEDNESDAY)
    return Season(
        year,
        opens_on=_weekday_on_or_after(date(year - 1, 6, 2), WEDNESDAY),
        submit_from=submit,
        review_from=submit + timedelta(days=21),
        ends_on=date(year, 5, 31),
        match_day=_weekday_on_or_after(date(year, 3, 15), FRIDAY),
        source=f"estimated from the published seasons ({AAMC_TIMELINE}); check it",
        checked_on=None,
    )


def season_opening(year: int | None, opens_on: str | None) -> date | None:
    """When ERAS opens for the user: their own date, else the season's."""
    if opens_on:
        return date.fromisoformat(opens_on)
    return season(year).opens_on if year else None


def season_name(year: int) -> str:
    """'ERAS 2028 (opens June 2027, Match March 2028)', AAMC's naming."""
    facts = season(year)
    return f"ERAS {year} (opens {facts.opens_on:%B %Y}, Match {facts.match_day:%B %Y})"


AAMC_EXPERIENCES = (
    "AAMC, MyERAS residency application: Experiences (students-residents.aamc.org/"
    "applying-residencies-eras/publication-chapters/experience)"
)
AAMC_FEES = (
    "AAMC, Fees for the 2026 ERAS season (students-residents.aamc.org/applying-residencies-"
    "eras/publication-chapters/fees-2025-eras-season)"
)
AACPD_GUIDE = (
    "AACPD, Guide for residency applicants 2025-2026: program signaling and supplemental "
    "questions for anesthesiology"
)


@dataclass(frozen=True)
class ErasLimits:
    """What MyERAS takes in one season, for an anesthesiology applicant, with sources."""

    season: int  # the Match year
    experiences: int  # Experiences listed
    description: int  # characters of each Experience's description
    meaningful: int  # Experiences marked most meaningful
    reflection: int  # characters of each most meaningful reflection
    gold_signals: int
    silver_signals: int
    supplemental: int  # characters of each supplemental answer
    fee_tier_programs: int  # programs per specialty at the first fee
    fee_first: int  # dollars per program, up to fee_tier_programs
    fee_after: int  # dollars per program after that
    experiences_source: str
    signals_source: str
    fees_source: str
    checked_on: date | None  # None: carried over from the last published season
    facts_of: int = 0  # the season these facts were published for (0: this one)

    @property
    def published_for(self) -> int:
        return self.facts_of or self.season

    def provenance(self) -> str:
        """'as published for ERAS 2026, checked 2026-12-06', or carried over."""
        if self.checked_on:
            return f"as published for ERAS {self.season}, checked {self.checked_on.isoformat()}"
        return f"as published for ERAS {self.published_for}, carried over: check them"


# The season the facts were published for. Next season is a new row, not code.
ERAS_LIMITS = {
    2026: ErasLimits(
        2026,
        experiences=10,
        description=750,
        meaningful=3,
        reflection=300,
        gold_signals=5,
        silver_signals=10,
        supplemental=500,
        fee_tier_programs=30,
        fee_first=11,
        fee_after=30,
        experiences_source=AAMC_EXPERIENCES,
        signals_source=AACPD_GUIDE,
        fees_source=AAMC_FEES,
        checked_on=date(2026, 12, 6),
    ),
}


def eras_limits(year: int | None) -> ErasLimits:
    """The season's limits: published, else the latest published season's, marked as
    carried over (checked_on None) until its row is added."""
    if year in ERAS_LIMITS:
        return ERAS_LIMITS[year]
    latest = ERAS_LIMITS[max(ERAS_LIMITS)]
    return replace(latest, season=year or latest.season, checked_on=None, facts_of=latest.season)
