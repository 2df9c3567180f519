"""The guidance engine: every rule of the guide, evaluated from a snapshot of the user's
data on a date. Pure: the store builds the snapshot, Today and `away today` show it.

Each rule has a handler (a test fails when one is missing). A handler returns the
findings that apply at that moment, or none: J1 the evening before an OR day, J5/J6
during a block, L2 in weeks 2-3, L3 in the last week, L5 after a block, L6 when ERAS
opens, A1-A3 as the application approaches.
"""

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from enum import StrEnum
from functools import cached_property

from tracker.domain.checklists import BlockDates, ChecklistItem, Expiring, due_now, expiring
from tracker.domain.journal import Flagged, JournalDay, goals_done
from tracker.domain.letters import NEXT_FOR_ERAS, Letter, LetterStatus, count_letters
from tracker.domain.profile import Profile, VisaNeed
from tracker.domain.programs import (
    SECURED_STATUSES,
    SUBMITTED_STATUSES,
    ProgramKind,
    Rotation,
    RotationStatus,
    block_dates,
    current_rotation,
    rotation_day,
)
from tracker.domain.seasons import Season, season, season_opening
from tracker.domain.text import in_days, plural, summarise

LOOKAHEAD_DAYS = 21  # one look-ahead for deadlines, everywhere
S = RotationStatus
UNDER_WAY = {S.PREPARING, S.APPLIED, S.WAITLISTED, S.OFFERED}
SECURED = SECURED_STATUSES
APPLY_RANGE = (8, 15)  # P1
KIND_RANGES = {  # P2, over the programs applied to
    ProgramKind.ACADEMIC: (3, 5),
    ProgramKind.AFFILIATED: (4, 6),
    ProgramKind.COMMUNITY: (2, 4),
}


class State(StrEnum):
    OVERDUE = "overdue"
    DUE_SOON = "due soon"
    NOT_MET = "not met"
    INFO = "for information"
    MET = "met"


STATE_ORDER = list(State)


@dataclass(frozen=True)
class Finding:
    rule_id: str
    state: State
    message: str
    pane: str = "today"  # where its record lives
    record_id: int | None = None  # that pane's record: a rotation, checklist item, follow-up
    rotation_id: int | None = None  # the block it is about, when the record is a whole list


@dataclass(frozen=True)
class Snapshot:
    """What the rules read, gathered by keyed queries (store.guidance.snapshot)."""

    today: date
    profile: Profile
    rotations: list[Rotation]
    letters: list[Letter] = field(default_factory=list)
    open_items: list[ChecklistItem] = field(default_factory=list)  # not settled, due soon
    block_items: list[ChecklistItem] = field(default_factory=list)  # the next block's, all
    entry_today: JournalDay | None = None
    candidates: int = 0  # people with a journal record in the current block, no letter yet
    next_planned: int | None = None  # the next block's planned cost, USD cents (B1)
    next_housing: list[str] = field(default_factory=list)  # its housing warnings (B2)
    researched: dict[str, int] = field(default_factory=dict)  # programs on file, by kind
    # Journal text the PHI guard flags (J7): read on a thread by Today (all the text, once
    # the pane is on screen), empty until then and in `away today`.
    flagged: tuple[Flagged, ...] = ()
    # The ERAS workbench (E4, E5): secured blocks whose Experience is still the journal's
    # seed, signals given by tier, and supplemental answers written.
    experiences_seeded: int = 0
    signals: dict[str, int] = field(default_factory=dict)
    answers_written: int = 0

    # Worked out once per snapshot: the checklist rules (D, V, B) each read them (at 100x
    # the demo, 500 blocks made four times over).
    @cached_property
    def blocks(self) -> dict[int, BlockDates]:
        """Each block's status and dates, by id (what its items' due dates depend on)."""
        return block_dates(self.rotations)

    @cached_property
    def places(self) -> dict[int | None, str]:
        """Each block's place, by id."""
        return {r.id: _place(r) for r in self.rotations}


def _d(iso: str | None) -> date | None:
    return date.fromisoformat(iso) if iso else None


def _place(rotation: Rotation) -> str:
    return rotation.institution or rotation.program_name or "the host"


def current_block(snapshot: Snapshot) -> Rotation | None:
    return current_rotation(snapshot.rotations, snapshot.today)


def next_block(snapshot: Snapshot) -> Rotation | None:
    upcoming = [
        r
        for r in snapshot.rotations
        if r.status == S.ACCEPTED and (s := _d(r.starts_on)) and s > snapshot.today
    ]
    return min(upcoming, key=lambda r: r.starts_on or "", default=None)


def last_ended(snapshot: Snapshot) -> Rotation | None:
    ended = [
        r
        for r in snapshot.rotations
        if r.status in SECURED and (e := _d(r.ends_on)) and e < snapshot.today
    ]
    return max(ended, key=lambda r: r.ends_on or "", default=None)


def _secured(snapshot: Snapshot, specialty: str | None = "anesthesiology") -> list[Rotation]:
    return [
        r
        for r in snapshot.rotations
        if r.status in SECURED and (specialty is None or r.specialty == specialty)
    ]


def _pending(snapshot: Snapshot) -> list[Rotation]:
    return [r for r in snapshot.rotations if r.status in UNDER_WAY]


def _rotation_target(profile: Profile) -> tuple[int, int, str]:
    """How many anesthesiology rotations to aim for, and the rule that says so."""
    if profile.budget_limited:
        return 1, 1, "R4"
    if profile.usce_months == 0:
        return 3, 3, "R2"
    if 2 <= profile.usce_months <= 3:
        return 2, 2, "R3"
    return 2, 3, "R1"


# --- R: how many rotations, when, where -------------------------------------------------


def _r_count(rule: str) -> Callable[[Snapshot], list[Finding]]:
    def handler(snapshot: Snapshot) -> list[Finding]:
        low, high, which = _rotation_target(snapshot.profile)
        if which != rule:
            return []
        done, pending = len(_secured(snapshot)), len(_pending(snapshot))
        aim = f"{low}" if low == high else f"{low}-{high}"
        state = State.MET if done >= low else State.NOT_MET
        text = f"{done} anesthesiology rotation(s) secured, aim {aim}"
        if pending:
            text += f"; {pending} application(s) pending"
        if rule == "R4" and done < 1:
            text += "; choose one high-impact program (sponsors, IMGs, structured letters)"
        if rule == "R4":
            text += "; remote or home electives add experience at little cost"
        return [Finding(rule, state, text, "applications")]

    return handler


def _r5(snapshot: Snapshot) -> list[Finding]:
    odd = [
        r
        for r in snapshot.rotations
        if r.status in UNDER_WAY | SECURED
        and r.starts_on
        and r.ends_on
        and abs((_d(r.ends_on) - _d(r.starts_on)).days + 1 - 28) > 3  # type: ignore[operator]
    ]
    return [
        Finding(
            "R5",
            State.INFO,
            f"The block at {_place(r)} is not four weeks long",
            "applications",
            r.id,
        )
        for r in odd[:2]
    ] + ended_blocks(snapshot)


ENDED_SAYING = "mark it completed (c)"


def ended_blocks(snapshot: Snapshot) -> list[Finding]:
    """An accepted block whose last day has passed is asked about once a day until it is
    marked completed (one key on Today), so the lists stop treating it as ahead."""
    return [
        Finding(
            "R5",
            State.DUE_SOON,
            f"The block at {_place(r)} ended on {r.ends_on}: {ENDED_SAYING}",
            "applications",
            r.id,
        )
        for r in snapshot.rotations
        if r.status == S.ACCEPTED and (end := _d(r.ends_on)) and end < snapshot.today
    ]


def _r6(snapshot: Snapshot) -> list[Finding]:
    """Rotate April-October of the year before the application (apply in Sept 2026:
    rotate Apr-Oct 2025). The application year is the year ERAS opens: the user's date,
    else the season's (ERAS 2028 opens in June 2027: AAMC names a season by its Match)."""
    profile = snapshot.profile
    opens = season_opening(profile.match_year, profile.eras_opens_on)
    if opens is None:
        return [
            Finding(
                "R6",
                State.NOT_MET,
                "Set the ERAS season you apply in (profile, p): it times every rotation",
                "today",
            )
        ]
    applying = opens.year
    year = applying - 1
    window = (date(year, 4, 1), date(year, 10, 31))
    if profile.match_year and profile.match_year != opens.year + 1:
        return [
            Finding(
                "R6",
                State.NOT_MET,
                f"ERAS opens in {opens.year}, which is the ERAS {opens.year + 1} season, but "
                f"the season set is ERAS {profile.match_year}: check the profile (p)",
                "today",
            )
        ]
    live = [
        r
        for r in snapshot.rotations
        if r.status in UNDER_WAY | SECURED and r.starts_on and r.ends_on
    ]
    outside = [r for r in live if not (window[0] <= _d(r.starts_on) and _d(r.ends_on) <= window[1])]  # type: ignore[operator]
    if snapshot.today > window[1] and not live:
        return [
            Finding(
                "R6",
                State.INFO,
                f"The Apr-Oct {year} window for applying in {applying} has passed: "
                f"rotations now still add experience, or plan to apply in {applying + 1}",
                "applications",
            )
        ]
    if outside:
        r = outside[0]
        more = f" (and {len(outside) - 1} more)" if len(outside) > 1 else ""
        return [
            Finding(
                "R6",
                State.NOT_MET,
                f"{_place(r)} falls outside Apr-Oct {year}, the window for applying "
                f"in {applying}{more}",
                "applications",
                r.id,
            )
        ]
    return [
        Finding(
            "R6",
            State.MET if live else State.INFO,
            f"Rotate Apr-Oct {year}: letters ready before ERAS opens in {applying}",
            "applications",
        )
    ]


def _r7(snapshot: Snapshot) -> list[Finding]:
    academic = [r for r in _secured(snapshot, None) if r.program_kind == "academic"]
    pending = [r for r in _pending(snapshot) if r.program_kind == "academic"]
    if academic:
        return [
            Finding(
                "R7",
                State.MET,
                f"{len(academic)} rotation(s) at an academic center secured",
                "applications",
            )
        ]
    text = "No academic-center rotation secured yet"
    if pending:
        text += f" ({len(pending)} pending)"
    return [Finding("R7", State.NOT_MET, text, "applications")]


# --- P: the programs applied to ----------------------------------------------------------


def _applied(snapshot: Snapshot) -> dict[int | None, Rotation]:
    """One application per program applied to (not ideas, not being prepared)."""
    return {r.program_id: r for r in snapshot.rotations if r.status in SUBMITTED_STATUSES}


def _p1(snapshot: Snapshot) -> list[Finding]:
    if len(_secured(snapshot)) >= _rotation_target(snapshot.profile)[0]:
        return [
            Finding(
                "P1",
                State.MET,
                "Enough rotations secured: no need to apply to more",
                "applications",
            )
        ]
    opens = season_opening(snapshot.profile.match_year, snapshot.profile.eras_opens_on)
    if opens is not None and snapshot.today > date(opens.year - 1, 10, 31):
        # R6's window for this season has closed: more applications cannot help it.
        text = (
            f"The rotation window before ERAS opens in {opens.year} has closed (Apr-Oct "
            f"{opens.year - 1}): no more applications for this season"
        )
        return [Finding("P1", State.INFO, text, "applications")]
    n = len(_applied(snapshot))
    low, high = APPLY_RANGE
    if n < low:
        state, advice = State.NOT_MET, f"apply to {low - n} more"
    elif n > high:
        state, advice = State.NOT_MET, "more than you can follow up well"
    else:
        state, advice = State.MET, "on target"
    text = f"Applied to {plural(n, 'program')} (aim {low}-{high}): {advice}"
    return [Finding("P1", state, text, "applications")]


def _p2(snapshot: Snapshot) -> list[Finding]:
    """The mix of programs applied to; the programs only researched are shown apart."""
    kinds: dict[str, int] = {}
    for r in _applied(snapshot).values():
        kinds[r.program_kind] = kinds.get(r.program_kind, 0) + 1
    researched = sum(snapshot.researched.values())
    if not kinds and not researched:
        return []
    # "academic 2 of 4 (aim 3-5)": applied to, of the programs on file of that kind.
    parts = [
        f"{k} {kinds.get(k, 0)} of {snapshot.researched.get(k, 0)} ({low}-{high})"
        for k, (low, high) in KIND_RANGES.items()
    ]
    text = "Applied, of those researched: " + ", ".join(parts)
    balanced = all(low <= kinds.get(k, 0) <= high for k, (low, high) in KIND_RANGES.items())
    enough = len(_secured(snapshot)) >= _rotation_target(snapshot.profile)[0]
    # Nothing applied to yet, or enough rotations secured: an unbalanced mix no longer presses.
    pressing = State.INFO if not kinds or enough else State.NOT_MET
    state = State.MET if balanced else pressing
    return [Finding("P2", state, text, "applications")]


def _p_info(rule: str, text: str) -> Callable[[Snapshot], list[Finding]]:
    """Rules read while choosing programs: shown while applications are being made."""

    def handler(snapshot: Snapshot) -> list[Finding]:
        choosing = any(r.status in (S.IDEA, S.PREPARING) for r in snapshot.rotations)
        return [Finding(rule, State.INFO, text, "applications")] if choosing else []

    return handler


def _p3(snapshot: Snapshot) -> list[Finding]:
    need = snapshot.profile.visa_needed
    if need == VisaNeed.NONE:
        return []
    wanted = {"j1": "J-1", "h1b": "H-1B", "j1_or_h1b": "J-1 or H-1B"}.get(need, need)
    return _p_info("P3", f"Favour programs that sponsor the {wanted} you will need")(snapshot)


# --- D, V, B: before a block -------------------------------------------------------------


def _items(rule_prefix: str) -> Callable[[Snapshot], list[Finding]]:
    def handler(snapshot: Snapshot) -> list[Finding]:
        found = []
        blocks, places = snapshot.blocks, snapshot.places
        horizon = (snapshot.today + timedelta(days=LOOKAHEAD_DAYS)).isoformat()
        for item in snapshot.open_items:
            if not item.rule_id.startswith(rule_prefix):
                continue
            due = due_now(item, snapshot.today, blocks.get(item.rotation_id or 0))
            if due is None or due > horizon:  # its block is over, or it moved to the block
                continue
            overdue = due < snapshot.today.isoformat()
            when = f"overdue since {due}" if overdue else f"due {due}"
            block = places.get(item.rotation_id or 0)
            when = f"{block}, {when}" if block else when
            found.append(
                Finding(
                    item.rule_id,
                    State.OVERDUE if overdue else State.DUE_SOON,
                    f"{item.title} ({when})",
                    "checklists",
                    item.id,
                )
            )
        return found

    return handler


def _d1(snapshot: Snapshot) -> list[Finding]:
    found = _items("D1")(snapshot)
    block = next_block(snapshot)
    if block is not None:
        starts, ends = _d(block.starts_on), _d(block.ends_on)
        for item in snapshot.block_items:
            verdict: Expiring | None = expiring(item, starts, ends)
            if verdict:
                found.append(
                    Finding(
                        "D1",
                        State.NOT_MET,
                        f"{item.title} {verdict.describe()} at {_place(block)}",
                        "checklists",
                        item.id,
                    )
                )
        if not snapshot.block_items:
            found.append(
                Finding(
                    "D1",
                    State.NOT_MET,
                    f"No document checklist for {_place(block)} yet (3, then a)",
                    "checklists",
                    rotation_id=block.id,
                )
            )
    return found


def _before_block(rule: str, text: str, days: int = 90) -> Callable[[Snapshot], list[Finding]]:
    def handler(snapshot: Snapshot) -> list[Finding]:
        block = next_block(snapshot)
        if block is None or (_d(block.starts_on) - snapshot.today).days > days:  # type: ignore[operator]
            return []
        message = text.format(place=_place(block))
        return [Finding(rule, State.INFO, message, "checklists", rotation_id=block.id)]

    return handler


VISA_WAITS = "travel.state.gov: Global Visa Wait Times"
VISA_PROCESSING_DAYS = 14  # after the interview, until the passport comes back


def _v1(snapshot: Snapshot) -> list[Finding]:
    """From the moment a block is applied for, not 120 days before it: consular waits can
    run many months. The earliest block ahead that is applied for, offered or accepted."""
    ahead = [
        r
        for r in snapshot.rotations
        if r.status in (S.APPLIED, S.OFFERED, S.WAITLISTED, S.ACCEPTED)
        and (start := _d(r.starts_on))
        and start > snapshot.today
    ]
    block = min(ahead, key=lambda r: r.starts_on or "", default=None)
    if block is None:
        return []
    start = date.fromisoformat(block.starts_on or "")
    days = (start - snapshot.today).days
    message = (
        f"Visa for {_place(block)} ({in_days(days)}): usually B-1/B-2 with the host's "
        "invitation letter (verify with the host). Fill in the DS-160, check your passport "
        "is valid six months past the stay, and "
    )
    wait = snapshot.profile.visa_wait_days
    if wait is None:
        message += (
            f"look up your consulate's appointment wait ({VISA_WAITS}; it can run for "
            "months) and put it in your profile (p)"
        )
        state = State.DUE_SOON if days <= 120 else State.INFO
    else:
        # The appointment, then about two weeks for the passport to come back.
        book_by = start - timedelta(days=wait + VISA_PROCESSING_DAYS)
        message += f"book the consulate appointment by {_day(book_by)} (a {wait}-day wait)"
        state = State.DUE_SOON if (book_by - snapshot.today).days <= 30 else State.INFO
        if book_by < snapshot.today:
            state = State.OVERDUE
    return [Finding("V1", state, message, "checklists", rotation_id=block.id)]


_B1_REMINDER = _before_block("B1", "Plan what {place} will cost (Housing & Budget, B)", 60)
_B2_REMINDER = _before_block(
    "B2", "Save on {place}: student housing, sublets from residents, ask the coordinator", 60
)


def _b1(snapshot: Snapshot) -> list[Finding]:
    """The reminder to plan, until a plan exists; then the plan, met."""
    found = _B1_REMINDER(snapshot)
    if found and snapshot.next_planned:
        dollars = f"${snapshot.next_planned / 100:,.0f}"
        place = _place(next_block(snapshot))  # type: ignore[arg-type]
        return [replace(found[0], state=State.MET, message=f"{place} is planned: {dollars}")]
    return found


def _b2(snapshot: Snapshot) -> list[Finding]:
    """Housing: nothing booked with the block close, or nights left uncovered, as the
    Budget pane says it; else the reminder to look for cheaper housing."""
    block = next_block(snapshot)
    if block is not None and snapshot.next_housing:
        return [
            Finding(
                "B2",
                State.DUE_SOON,
                f"{_place(block)}: {warning.rstrip('.')}",
                "budget",
                rotation_id=block.id,
            )
            for warning in snapshot.next_housing
        ]
    return _B2_REMINDER(snapshot)


# --- J: during a block --------------------------------------------------------------------


def _j1(snapshot: Snapshot) -> list[Finding]:
    """The evening before each weekday of a block, the first one included."""
    tomorrow = snapshot.today + timedelta(days=1)
    block = current_block(snapshot)
    upcoming = next_block(snapshot)
    if block is None and upcoming is not None and _d(upcoming.starts_on) == tomorrow:
        block = upcoming
    if block is None or tomorrow > _d(block.ends_on) or tomorrow.weekday() >= 5:  # type: ignore[operator]
        return []
    entry = snapshot.entry_today
    if entry and entry.tomorrow_preparation.strip():
        return [Finding("J1", State.MET, "Tomorrow's list and plan are prepared", "journal")]
    return [
        Finding(
            "J1",
            State.DUE_SOON,
            "This evening: review tomorrow's list, read on the technique, prepare a brief plan",
            "journal",
        )
    ]


def _j3(snapshot: Snapshot) -> list[Finding]:
    block = current_block(snapshot)
    if block is None or snapshot.today.weekday() >= 5:
        return []
    entry = snapshot.entry_today
    if entry and entry.learning_points.strip():
        return [Finding("J3", State.MET, "Today's journal entry is written", "journal")]
    return [
        Finding(
            "J3",
            State.DUE_SOON,
            "Write today's journal entry: cases, learning points, feedback",
            "journal",
        )
    ]


def _j7(snapshot: Snapshot) -> list[Finding]:
    """Text kept before a stricter guard, or kept as written, is found again: enter opens
    the first day; exports ask before they include any of it."""
    if not snapshot.flagged:
        return []
    first = snapshot.flagged[0]
    count = plural(len(snapshot.flagged), "journal entry", "journal entries")
    message = f"{count} may hold patient identifiers, first {first}: review before exporting"
    return [Finding("J7", State.NOT_MET, message, "journal", first.day_id)]


E4_AHEAD_DAYS = 60  # drafting the Experiences starts two months before MyERAS opens


def _e4(snapshot: Snapshot) -> list[Finding]:
    """From two months before MyERAS opens until submissions: each secured block's
    Experience is drafted (edited from its seed)."""
    facts, today = _facts(snapshot), snapshot.today
    if facts is None or not (
        facts.opens_on - timedelta(days=E4_AHEAD_DAYS) <= today < facts.submit_from
    ):
        return []
    seeded = snapshot.experiences_seeded
    if not seeded:
        return [Finding("E4", State.MET, "Every rotation's Experience is drafted", "eras")]
    state = State.DUE_SOON if today >= facts.opens_on else State.NOT_MET
    text = (
        f"{plural(seeded, 'rotation')} still at the journal's first draft: edit the "
        f"Experience before MyERAS opens {_day(facts.opens_on)}"
    )
    return [Finding("E4", state, text + _cited(facts), "eras")]


def _e5(snapshot: Snapshot) -> list[Finding]:
    """From MyERAS's opening until programs review: signals and supplemental answers."""
    facts, today = _facts(snapshot), snapshot.today
    if facts is None or not (facts.opens_on <= today < facts.review_from):
        return []
    gold, silver = snapshot.signals.get("gold", 0), snapshot.signals.get("silver", 0)
    answers = snapshot.answers_written
    if gold and silver and answers >= 3:
        text = f"Signals given (gold {gold}, silver {silver}) and the 3 supplemental answers"
        return [Finding("E5", State.MET, text, "eras")]
    state = State.DUE_SOON if today >= facts.submit_from - timedelta(days=21) else State.NOT_MET
    text = (
        f"Before you submit ({_day(facts.submit_from)}): signals gold {gold} of 5, silver "
        f"{silver} of 10; supplemental answers {answers} of 3"
    )
    return [Finding("E5", state, text + _cited(facts), "eras")]


def _during(rule: str, text: str) -> Callable[[Snapshot], list[Finding]]:
    def handler(snapshot: Snapshot) -> list[Finding]:
        return [Finding(rule, State.INFO, text, "journal")] if current_block(snapshot) else []

    return handler


def _j4(snapshot: Snapshot) -> list[Finding]:
    if current_block(snapshot) is None:
        return []
    entry = snapshot.entry_today
    if entry and entry.tomorrow_focus.strip():
        return [
            Finding(
                "J4", State.MET, f"Tomorrow's focus: {entry.tomorrow_focus.strip()[:60]}", "journal"
            )
        ]
    return [
        Finding(
            "J4",
            State.INFO,
            "End of day: ask if anything else is needed, reflect, set tomorrow's focus",
            "journal",
        )
    ]


def _j5(snapshot: Snapshot) -> list[Finding]:
    if current_block(snapshot) is None:
        return []
    entry = snapshot.entry_today
    done = goals_done(entry)
    state = State.MET if done == 3 else State.INFO
    return [
        Finding("J5", state, f"Small goals today: {done} of 3 (pre-op, plan, new skill)", "journal")
    ]


# --- L: letters -----------------------------------------------------------------------------


def _l1(snapshot: Snapshot) -> list[Finding]:
    if not snapshot.letters and not _secured(snapshot):
        return []
    count = count_letters(snapshot.letters)
    return [
        Finding(
            "L1", State.NOT_MET if count.short_of_l1 else State.MET, count.describe(), "letters"
        )
    ]


def _l2(snapshot: Snapshot) -> list[Finding]:
    block = current_block(snapshot)
    if block is None:
        return []
    day, _ = rotation_day(block, snapshot.today)
    if not 8 <= day <= 21:
        return []
    text = f"Week {(day - 1) // 7 + 1} at {_place(block)}: notice who could write for you"
    if snapshot.candidates:
        text += f" ({snapshot.candidates} in your journal, see Letters)"
    return [Finding("L2", State.INFO, text, "letters")]


def _l3(snapshot: Snapshot) -> list[Finding]:
    block = current_block(snapshot)
    if block is None:
        return []
    day, length = rotation_day(block, snapshot.today)
    if day < length - 6:
        return []
    asked = [x for x in snapshot.letters if x.rotation_id == block.id and x.asked_on]
    if asked:
        return [
            Finding(
                "L3", State.MET, f"Asked for {len(asked)} letter(s) at {_place(block)}", "letters"
            )
        ]
    return [
        Finding(
            "L3",
            State.DUE_SOON,
            f"Last week at {_place(block)}: ask for a strong letter now",
            "letters",
        )
    ]


def _l4(snapshot: Snapshot) -> list[Finding]:
    waiting = [x for x in snapshot.letters if x.status == "agreed"]
    return [
        Finding(
            "L4",
            State.DUE_SOON,
            f"Send {x.person_name} the packet (CV, goals, cases): P in Letters",
            "letters",
            x.id,
        )
        for x in waiting
    ]


def _l5(snapshot: Snapshot) -> list[Finding]:
    ended = last_ended(snapshot)
    if ended is None or (snapshot.today - _d(ended.ends_on)).days > 14:  # type: ignore[operator]
        return []
    return [
        Finding(
            "L5",
            State.INFO,
            f"Thank the team at {_place(ended)}, naming what you learned",
            "letters",
        )
    ]


def _l6(snapshot: Snapshot) -> list[Finding]:
    """Before ERAS opens: get the letters in; once applications can be submitted: tell
    the writers where you applied (not on opening day: nothing is submitted yet)."""
    profile = snapshot.profile
    opens = season_opening(profile.match_year, profile.eras_opens_on)
    if opens is None:
        return [
            Finding(
                "L6",
                State.NOT_MET,
                "Add the ERAS season you apply in to your profile (p)",
                "today",
            )
        ]
    days = (opens - snapshot.today).days
    if 0 <= days <= 30:
        return [
            Finding(
                "L6",
                State.INFO,
                f"ERAS opens {in_days(days)}: ask each writer to upload their letter "
                "(its Letter ID, E2)",
                "letters",
            )
        ]
    submit = season(profile.match_year or opens.year + 1).submit_from
    if 0 <= (snapshot.today - submit).days <= 30:
        return [
            Finding(
                "L6",
                State.DUE_SOON,
                "Once you have applied, tell your writers (gently) where you applied",
                "letters",
            )
        ]
    return []


def _facts(snapshot: Snapshot) -> Season | None:
    year = snapshot.profile.match_year
    return season(year) if year else None


def _cited(facts: Season) -> str:
    return " (estimated: check AAMC's timeline)" if facts.estimated else " (AAMC)"


def _e1(snapshot: Snapshot) -> list[Finding]:
    """Submitting: the month before submissions open, then until programs review."""
    facts, today = _facts(snapshot), snapshot.today
    if facts is None or not (facts.submit_from - timedelta(days=30) <= today < facts.review_from):
        return []
    submit, review = _day(facts.submit_from), _day(facts.review_from)
    if today < facts.submit_from:
        text = f"Applications can be submitted from {submit}; programs start reviewing {review}"
        return [Finding("E1", State.INFO, text + _cited(facts), "today")]
    text = f"Submit your applications before programs start reviewing on {review}"
    return [Finding("E1", State.DUE_SOON, text + _cited(facts), "applications")]


def _e2(snapshot: Snapshot) -> list[Finding]:
    """Letters: from ERAS's opening until programs review, each letter agreed but not in
    with its next step; from submission, uploaded letters assigned to no program."""
    facts, today = _facts(snapshot), snapshot.today
    if facts is None or not (facts.opens_on <= today < facts.review_from):
        return []
    found = []
    waiting = [x for x in snapshot.letters if x.status in NEXT_FOR_ERAS]
    if waiting:
        steps = "; ".join(
            f"{x.person_name or 'a writer'}: {NEXT_FOR_ERAS[LetterStatus(x.status)]}"
            for x in waiting[:3]
        )
        more = f" (and {len(waiting) - 3} more)" if len(waiting) > 3 else ""
        found.append(
            Finding(
                "E2",
                State.NOT_MET,
                f"{plural(len(waiting), 'letter')} agreed, not in ERAS yet: {steps}{more}",
                "letters",
            )
        )
    unassigned = [x for x in snapshot.letters if x.in_eras and not x.programs]
    if unassigned and today >= facts.submit_from:
        names = summarise([x.person_name or "a writer" for x in unassigned])
        found.append(
            Finding(
                "E2",
                State.DUE_SOON,
                f"{plural(len(unassigned), 'letter')} in ERAS assigned to no program "
                f"({names}): assign at most 4 to each program (g in Letters)",
                "letters",
            )
        )
    return found


def _e3(snapshot: Snapshot) -> list[Finding]:
    """Interviews (October-January), then the rank list, then Match Day."""
    facts, today = _facts(snapshot), snapshot.today
    if facts is None:
        return []
    first, last = facts.interviews
    if first <= today <= last:
        text = "Interview season: a thank-you note after each interview (L7 names writers there)"
        return [Finding("E3", State.INFO, text, "applications")]
    if last < today <= facts.match_day:
        text = (
            "Certify your rank list with the NRMP before its deadline (early March); "
            f"Match Day {_day(facts.match_day)}{_cited(facts)}"
        )
        return [Finding("E3", State.DUE_SOON, text, "applications")]
    return []


def _day(when: date) -> str:
    return f"{when.day} {when:%b %Y}"


def _l7(snapshot: Snapshot) -> list[Finding]:
    """A residency interview recorded where the user applied or rotated: name the
    writers from there and the cases."""
    found = []
    for r in snapshot.rotations:
        on = _d(r.interview_on)
        if on is None or on < snapshot.today:
            continue
        writers = [x.person_name for x in snapshot.letters if x.rotation_id == r.id]
        who = ", ".join(writers[:3]) if writers else "the faculty you worked with"
        days = (on - snapshot.today).days
        when = in_days(days)
        found.append(
            Finding(
                "L7",
                State.DUE_SOON if days <= LOOKAHEAD_DAYS else State.INFO,
                f"Interview at {_place(r)} {when}: mention {who}, the cases and conferences",
                "applications",
                r.id,
            )
        )
    return found


# --- A: the application ---------------------------------------------------------------------


def _a(rule: str, text: str, days: int) -> Callable[[Snapshot], list[Finding]]:
    def handler(snapshot: Snapshot) -> list[Finding]:
        opens = _d(snapshot.profile.eras_opens_on)
        if opens is None or not 0 <= (opens - snapshot.today).days <= days:
            return []
        return [Finding(rule, State.INFO, text, "journal")]

    return handler


def _a3(snapshot: Snapshot) -> list[Finding]:
    if len(_secured(snapshot)) != 1:
        return []
    return [
        Finding(
            "A3",
            State.INFO,
            "With one rotation, make it count: its letter and its stories carry the application",
            "letters",
        )
    ]


HANDLERS: dict[str, Callable[[Snapshot], list[Finding]]] = {
    "R1": _r_count("R1"),
    "R2": _r_count("R2"),
    "R3": _r_count("R3"),
    "R4": _r_count("R4"),
    "R5": _r5,
    "R6": _r6,
    "R7": _r7,
    "P1": _p1,
    "P2": _p2,
    "P3": _p3,
    "P4": _p_info("P4", "Look for programs with IMG residents among their current residents"),
    "P5": _p_info("P5", "Prefer programs with a formal visiting-student route (VSLO or their own)"),
    "P6": _p_info("P6", "IMG-friendly programs: past rotators from abroad matched there"),
    "P7": _p_info("P7", "Weigh location and total cost (housing, travel) with the program"),
    "D1": _d1,
    "D2": _items("D2"),
    "V1": _v1,
    "V2": _items("V2"),
    "V3": _items("V3"),
    "V4": _before_block(
        "V4", "Visa rules change: confirm your status with {place}'s GME office", 30
    ),
    "B1": _b1,
    "B2": _b2,
    "J1": _j1,
    "J2": _during("J2", "In the OR: set up monitors, airway, IV supplies; draw up what you may"),
    "J3": _j3,
    "J4": _j4,
    "J5": _j5,
    "J6": _during(
        "J6",
        "Attendings watch punctuality, engagement, communication, awareness, "
        "teachability, professionalism (the weekly self-check in the journal)",
    ),
    "J7": _j7,
    "L1": _l1,
    "L2": _l2,
    "L3": _l3,
    "L4": _l4,
    "L5": _l5,
    "L6": _l6,
    "L7": _l7,
    "A1": _a("A1", "Personal statement: draw on the memorable cases in your journal", 120),
    "A2": _a("A2", "Prepare interview stories from your memorable cases (s in the journal)", 60),
    "A3": _a3,
    "E1": _e1,
    "E2": _e2,
    "E3": _e3,
    "E4": _e4,
    "E5": _e5,
}


# The rules about the list of programs and rotations, shown above the Applications tables.
LIST_RULES = ("P1", "P2", "R1", "R2", "R3", "R4", "R6", "R7")


def list_findings(snapshot: Snapshot) -> list[Finding]:
    return [f for rule in LIST_RULES for f in HANDLERS[rule](snapshot)]


def findings(snapshot: Snapshot) -> list[Finding]:
    """Every rule's findings on the snapshot's date, most urgent first."""
    found = [finding for handler in HANDLERS.values() for finding in handler(snapshot)]
    return sorted(found, key=lambda f: STATE_ORDER.index(f.state))
