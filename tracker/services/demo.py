"""A deterministic, fictional demo database: a user in the middle of their second rotation.

Every name, program and case here is invented. Dates are relative to a reference date, so
`away demo` lands a new user mid-rotation and tests (on a fixed date) get stable snapshots.
"""

import random
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

import pendulum

from tracker.domain.budget import Expense, HousingOption
from tracker.domain.checklists import ChecklistItem
from tracker.domain.eras import Signal
from tracker.domain.journal import Case, CaseSkill, JournalDay
from tracker.domain.letters import FollowUp, Letter, Person
from tracker.domain.profile import Profile
from tracker.domain.programs import Program, Rotation
from tracker.store import budget, checklists, journal, letters, programs
from tracker.store.db import Database, StoreError, open_db
from tracker.store.profile import save_profile

SEED = 20260715
# What the user noted about some programs (P6 reads these signs of IMG-friendliness).
PROGRAM_NOTES = {
    "Lakeshore University Medical Center": "Alumni reports: past rotators from abroad matched",
    "Gulf Coast University Health": "International faculty; diversity statement on the site",
}
DayOf = Callable[[int], str]  # days from the reference date -> ISO date
COPY_SHIFT_DAYS = 35  # each scaled copy of the demo happens five weeks earlier

# name, institution, city, state, kind, route, J-1, H-1B, international, IMGs, evaluation,
# monthly housing in dollars
PROGRAMS = [
    (
        "Anesthesiology Visiting Clerkship",
        "Lakeshore University Medical Center",
        "Chicago",
        "IL",
        "academic",
        "vslo",
        "yes",
        "yes",
        "yes",
        "yes",
        "yes",
        1400,
    ),
    (
        "Perioperative Medicine Elective",
        "Hudson Valley University Hospital",
        "Albany",
        "NY",
        "academic",
        "vslo",
        "yes",
        "no",
        "yes",
        "yes",
        "yes",
        1100,
    ),
    (
        "Anesthesia Sub-Internship",
        "Gulf Coast University Health",
        "Houston",
        "TX",
        "academic",
        "institutional",
        "yes",
        "unknown",
        "yes",
        "yes",
        "yes",
        1000,
    ),
    (
        "Visiting Student Anesthesiology",
        "Cascadia University Medical Center",
        "Portland",
        "OR",
        "academic",
        "vslo",
        "no",
        "no",
        "unknown",
        "no",
        "yes",
        1700,
    ),
    (
        "Critical Care Elective",
        "Riverside Affiliated Hospitals",
        "Cleveland",
        "OH",
        "affiliated",
        "institutional",
        "yes",
        "yes",
        "yes",
        "yes",
        "unknown",
        900,
    ),
    (
        "Anesthesiology Elective",
        "Piedmont Regional Medical Center",
        "Charlotte",
        "NC",
        "affiliated",
        "vslo",
        "yes",
        "no",
        "yes",
        "unknown",
        "yes",
        1000,
    ),
    (
        "Anesthesia Clerkship",
        "Sonoran University-Affiliated Hospital",
        "Tucson",
        "AZ",
        "affiliated",
        "vslo",
        "yes",
        "yes",
        "no",
        "yes",
        "yes",
        950,
    ),
    (
        "Regional Anesthesia Elective",
        "Great Plains Health System",
        "Omaha",
        "NE",
        "affiliated",
        "institutional",
        "unknown",
        "unknown",
        "unknown",
        "yes",
        "unknown",
        800,
    ),
    (
        "Visiting Elective in Anesthesia",
        "Bayou University-Affiliated Center",
        "New Orleans",
        "LA",
        "affiliated",
        "vslo",
        "yes",
        "no",
        "yes",
        "yes",
        "no",
        1050,
    ),
    (
        "Community Anesthesia Rotation",
        "Maple Grove Community Hospital",
        "Grand Rapids",
        "MI",
        "community",
        "institutional",
        "yes",
        "no",
        "yes",
        "yes",
        "yes",
        750,
    ),
    (
        "Anesthesiology Observership",
        "Saint Brendan's Medical Center",
        "Scranton",
        "PA",
        "community",
        "other",
        "no",
        "no",
        "yes",
        "yes",
        "no",
        700,
    ),
    (
        "Perioperative Elective",
        "Desert Springs Community Hospital",
        "Las Cruces",
        "NM",
        "community",
        "institutional",
        "unknown",
        "no",
        "unknown",
        "unknown",
        "unknown",
        650,
    ),
]

PEOPLE = [
    ("Zoë Nguyễn", "attending", 0, "z.nguyen@lakeshore-med.example"),
    ("Rajesh Iyer", "attending", 0, "r.iyer@lakeshore-med.example"),
    ("Tomás Álvarez", "attending", 4, "t.alvarez@riverside-aff.example"),
    ("Margaret O'Connell", "attending", 2, "m.oconnell@gulfcoast-uh.example"),
    ("Aisha Bello", "resident", 2, "a.bello@gulfcoast-uh.example"),
    ("Kwame Mensah", "coordinator", 2, "visiting.students@gulfcoast-uh.example"),
]

# procedure, technique, airway, usual ASA, age band, typical comorbidities
# procedure, technique, airway, ASA class, age band, comorbidity tags
Procedure = tuple[str, str, str | None, int, str, str]
PROCEDURES: list[Procedure] = [
    ("Laparoscopic cholecystectomy", "general", "ett", 2, "adult", "obesity,OSA"),
    ("Total knee arthroplasty", "neuraxial", "natural", 2, "older_adult", "HTN,DM"),
    ("Cataract extraction", "mac", "natural", 3, "older_adult", "DM,CAD"),
    ("Cesarean delivery", "neuraxial", "natural", 2, "adult", "preeclampsia"),
    ("Tonsillectomy", "general", "ett", 1, "child", "OSA"),
    ("Colonoscopy", "mac", "natural", 2, "adult", "GERD"),
    ("Coronary artery bypass", "general", "ett", 4, "older_adult", "CAD,DM,CKD"),
    ("Hip fracture fixation", "neuraxial", "natural", 3, "older_adult", "anticoagulation,CAD"),
    ("Thyroidectomy", "general", "ett", 2, "adult", "HTN"),
    ("Shoulder arthroscopy", "combined", "lma", 2, "adult", "COPD"),
    ("Appendectomy", "general", "ett", 1, "adolescent", ""),
    ("Craniotomy for tumour", "general", "ett", 3, "adult", "seizures"),
    ("Transurethral resection of prostate", "neuraxial", "natural", 3, "older_adult", "COPD,CKD"),
    ("Carotid endarterectomy", "general", "ett", 3, "older_adult", "CAD,HTN"),
    ("Inguinal hernia repair", "general", "lma", 2, "adult", "smoker"),
    ("Hysterectomy (laparoscopic)", "general", "ett", 2, "adult", "anemia"),
    ("Foot debridement", "regional", "natural", 3, "adult", "DM,PVD"),
    ("ERCP", "mac", "natural", 3, "adult", "cirrhosis"),
]

SKILLS = [
    ("Pre-op assessment", "performed"),
    ("Mask ventilation", "performed"),
    ("IV placement", "performed"),
    ("Intubation (video laryngoscope)", "assisted"),
    ("LMA insertion", "performed"),
    ("Arterial line", "assisted"),
    ("Spinal anaesthesia", "observed"),
    ("Ultrasound-guided nerve block", "observed"),
    ("Drawing up non-controlled drugs", "performed"),
    ("Monitor set-up", "performed"),
]

LEARNING = [
    "Rapid sequence induction: why cricoid pressure is debated; preoxygenation to EtO2 > 0.9.",
    "Sugammadex vs neostigmine: dosing by train-of-four count; check TOF before extubation.",
    "OSA patients: minimise opioids, plan multimodal analgesia, extubate fully awake.",
    "Spinal for hip fracture: check timing of last anticoagulant dose against ASRA guidance.",
    "Phenylephrine vs ephedrine for post-spinal hypotension depends on heart rate.",
    "Difficult airway cart: know where it is before the first case of the day.",
    "Pre-op: a focused functional capacity question (4 METs) beats a long checklist.",
    "Arterial line indications: beat-to-beat pressure and frequent blood gases.",
    "PONV risk (Apfel score) decides how many prophylactic agents to give.",
    "In COPD, longer expiratory time avoids breath stacking and auto-PEEP.",
]
FEEDBACK = [
    "Good pre-op presentation; be more concise with the plan.",
    "Mask ventilation technique improved: two-hand grip when it is hard.",
    "Anticipate the next step: have suction ready before extubation.",
    "Well prepared for the cases today; keep reading the night before.",
    "",
]
FOCUS = [
    "Improve my pre-op assessment",
    "Read on neuromuscular blockade reversal",
    "Practise presenting a plan in two minutes",
    "Review local anaesthetic toxicity",
    "Ask for one arterial line",
    "Read on the physiology of one-lung ventilation",
]
PREPARATION = [
    "Tomorrow: two lap choles and a thyroidectomy. Read on PONV prophylaxis; plan TIVA?",
    "Review the ASA difficult airway algorithm; ask to see the video laryngoscope set up.",
    "Read on interscalene blocks and phrenic nerve sparing; plan for the shoulder case.",
    "Look up sugammadex dosing by depth of block; prepare a two-minute plan to present.",
]
REFLECTION = [
    "Felt more confident leading the pre-op interview today.",
    "Struggled with timing of the induction drugs; reviewed afterwards with the resident.",
    "Communication in the team went well during a tense emergency case.",
    "",
]
ICU_PROCEDURES: list[Procedure] = [
    ("Central line placement (ICU)", "other", None, 4, "adult", "sepsis"),
    ("Intubation in the ICU", "general", "ett", 4, "older_adult", "pneumonia,COPD"),
    ("Bronchoscopy (ICU)", "mac", "ett", 4, "adult", "ARDS"),
]


def build_demo(db: Database, today: date, scale: int = 1) -> None:
    """Fill an empty, migrated database with the demo data set, in one transaction.

    scale N repeats the programs, applications, journal, checklists, budget and letters
    N times (for benchmarks): copy k is the same story k * COPY_SHIFT_DAYS earlier, at
    institutions numbered k + 1.
    """
    today = pendulum.date(today.year, today.month, today.day)  # its calendar arithmetic
    rng = random.Random(SEED)
    with db.atomic():
        save_profile(
            db,
            Profile(
                full_name="Lucía Fernández Okafor",
                school="Universidad del Litoral (fictional)",
                country="Argentina",
                match_year=today.year + 2,
                eras_opens_on=f"{today.year + 1}-06-04",
                usce_months=1,
                visa_needed="j1_or_h1b",
                budget_limited=False,
                eras_id="",
                aamc_id="14839275",
                email="lucia.fo@mail.example",
                # A made-up rate, for the demo's second currency: the user enters theirs.
                home_currency="ARS",
                usd_rate_micros=1_180_000_000,
                rate_on=today.subtract(days=3).isoformat(),
            ),
        )
        taken: set[int] = set()  # journal days are unique: a copy's day moves back if taken
        for copy in range(scale):
            _one_copy(db, today.subtract(days=copy * COPY_SHIFT_DAYS), rng, copy, taken)
        _eras_drafts(db)


def _eras_drafts(db: Database) -> None:
    """The ERAS workbench begun: the first block's Experience edited from its seed and
    marked most meaningful, a gold signal with its statement, one supplemental answer."""
    from tracker.services.eras import gather
    from tracker.store import eras

    bench = gather(db)
    if not bench.experiences:
        return
    first = bench.experiences[0]
    eras.save_experience(
        db,
        replace(
            first,
            meaningful=True,
            reflection=(
                "My first US operating rooms: I learned to present a plan before the case "
                "and to ask for feedback at the end of each day, and I saw how a team "
                "briefing makes a difficult airway calm."
            ),
        ),
    )
    if first.rotation_id is not None:
        program_id = db.execute(
            "SELECT program_id FROM rotations WHERE id = ?", [first.rotation_id]
        ).fetchone()[0]
        statement = (
            "I rotated here for four weeks and want to train where regional anesthesia "
            "and resident teaching are part of every day."
        )
        eras.set_signal(db, Signal(program_id, "gold", statement), bench.limits)
    eras.save_answer(
        db,
        "career",
        "An academic anesthesiologist who teaches regional anesthesia to residents and "
        "brings ultrasound-guided blocks to hospitals at home.",
    )


def _one_copy(
    db: Database, today: pendulum.Date, rng: random.Random, copy: int, taken: set[int]
) -> None:
    def d(offset: int) -> str:
        return today.add(days=offset).isoformat()

    suffix = f" {copy + 1}" if copy else ""
    program_ids = []
    for row in PROGRAMS:
        name, inst, city, state, kind, route, j1, h1b, intl, imgs, evaluation, rent = row
        program_ids.append(
            programs.add_program(
                db,
                Program(
                    name=name,
                    institution=inst + suffix,
                    city=city,
                    state=state,
                    kind=kind,
                    route=route,
                    sponsors_j1=j1,
                    sponsors_h1b=h1b,
                    accepts_international=intl,
                    has_img_residents=imgs,
                    structured_evaluation=evaluation,
                    website=f"https://{inst.split()[0].lower()}.example/visiting",
                    coordinator_name="Visiting student office",
                    coordinator_email=f"visiting@{inst.split()[0].lower()}.example",
                    housing_monthly_cents=rent * 100,
                    notes=PROGRAM_NOTES.get(inst, ""),
                ),
            )
        )
    rotation_plan = [
        # program index, specialty, start offset, status history, fee dollars
        (
            0,
            "anesthesiology",
            -98,
            [
                ("idea", -330),
                ("preparing", -300),
                ("applied", -270),
                ("offered", -220),
                ("accepted", -215),
                ("completed", -71),
            ],
            250,
        ),
        (
            4,
            "critical_care",
            -63,
            [
                ("idea", -300),
                ("applied", -250),
                ("offered", -190),
                ("accepted", -185),
                ("completed", -36),
            ],
            150,
        ),
        (
            2,
            "anesthesiology",
            -13,
            [
                ("idea", -280),
                ("preparing", -260),
                ("applied", -240),
                ("waitlisted", -170),
                ("offered", -120),
                ("accepted", -118),
            ],
            300,
        ),
        (9, "anesthesiology", 60, [("idea", -60), ("preparing", -30)], 200),
        (6, "anesthesiology", -40, [("idea", -290), ("applied", -250), ("denied", -190)], 250),
    ]
    rotation_ids = []
    for index, specialty, start, history, fee in rotation_plan:
        (first_status, first_offset), later = history[0], history[1:]
        rotation_id = programs.add_rotation(
            db,
            Rotation(
                program_id=program_ids[index],
                specialty=specialty,
                starts_on=d(start),
                ends_on=d(start + 27),
                status=first_status,
                deadline_on=d(first_offset + 60),
                fee_cents=fee * 100,
            ),
            changed_on=d(first_offset),
        )
        for status, offset in later:  # the same path as the pane's status keys
            programs.set_status(db, rotation_id, status, today.add(days=offset))
        rotation_ids.append(rotation_id)
    # The upcoming application's deadline is close: the pane should show it.
    db.table("rotations").update(rotation_ids[3], {"deadline_on": d(9)})

    people_ids = []
    for name, role, program_index, email in PEOPLE:
        people_ids.append(
            letters.add_person(
                db,
                Person(
                    name=name + suffix,
                    role=role,
                    program_id=program_ids[program_index],
                    email=email,
                ),
            )
        )
    _checklists(db, d, rotation_ids)
    _budget(db, d, rotation_ids)
    _journal(db, today, rng, rotation_ids, people_ids, taken)
    _letters(db, d, rotation_ids, people_ids)


def _checklists(db: Database, d: DayOf, rotation_ids: list[int]) -> None:
    current, upcoming = rotation_ids[2], rotation_ids[3]
    items = [
        (
            "visa",
            "Ask the international office which visa it requires (V2)",
            upcoming,
            d(-20),
            d(-25),
            None,
            "V2",
        ),
        ("visa", "B-1/B-2 visa interview at the consulate", None, d(-150), d(-152), d(3500), "V1"),
        (
            "visa",
            "Confirm planned clinical activities are allowed on B-1/B-2",
            upcoming,
            d(20),
            None,
            None,
            "V3",
        ),
        (
            "document",
            "Passport valid 6 months past the last rotation",
            None,
            None,
            d(-200),
            d(2400),
            "",
        ),
        ("immunization", "MMR titers", None, d(-200), d(-205), None, "D1"),
        ("immunization", "Hepatitis B surface antibody", None, d(-200), d(-203), None, "D1"),
        # Done last winter: valid 12 months, so it lapses before the upcoming block.
        ("immunization", "TB test (IGRA)", upcoming, d(30), d(-340), None, "D1"),
        ("immunization", "Influenza vaccine for this season", upcoming, d(45), None, None, "D1"),
        ("immunization", "COVID-19 compliance form", current, d(-30), d(-33), None, "D1"),
        ("document", "Dean's letter of good standing", upcoming, d(12), None, None, "D1"),
        ("document", "Official transcript", upcoming, d(12), d(-2), None, "D1"),
        ("document", "USMLE Step 1 score report", None, d(-250), d(-251), None, "D1"),
        # The certificate ends three weeks before the block it serves: flagged.
        ("document", "Malpractice insurance certificate", upcoming, d(25), d(-3), d(40), "D1"),
        (
            "document",
            "Institutional portal forms (earlier deadline!)",
            upcoming,
            d(7),
            None,
            None,
            "D2",
        ),
        ("travel", "Flight to the upcoming rotation city", upcoming, d(50), None, None, ""),
        (
            "travel",
            "Airport transfer and first-week transit pass",
            current,
            d(-14),
            d(-14),
            None,
            "",
        ),
    ]
    validity = {
        "TB test (IGRA)": "within:365",
        "Malpractice insurance certificate": "block",
        "Influenza vaccine for this season": "season",
    }
    for category, title, rotation, due, done, valid, rule in items:
        checklists.add_item(
            db,
            ChecklistItem(
                category=category,
                title=title,
                rotation_id=rotation,
                status="done" if done else "todo",
                due_on=due,
                done_on=done,
                valid_until=valid,
                validity=validity.get(title, ""),
                rule_id=rule,
            ),
        )
    # The accepted rotation's own documents, from the templates, mostly done by now.
    checklists.apply_templates(db, ["documents"], current)
    for item in checklists.list_items(db, current):
        if item.status != "todo":
            continue
        if "if the host asks" in item.title:
            checklists.update_item(db, replace(item, status="not_needed"))
        else:
            checklists.toggle_done(db, item.id or 0, d(-40))


def _budget(db: Database, d: DayOf, rotation_ids: list[int]) -> None:
    current, upcoming = rotation_ids[2], rotation_ids[3]
    # The current booking ends two nights before the block does: the pane says so.
    for name, kind, rent, status, rotation, stay in [
        (
            "University guest residence, room 4B",
            "student_housing",
            1150,
            "booked",
            current,
            (d(-13), d(13)),
        ),
        ("Sublet from a PGY-2 resident", "sublet", 900, "contacted", upcoming, (None, None)),
        ("Downtown hostel, 4-bed dorm", "hostel", 620, "idea", upcoming, (None, None)),
        ("Furnished studio, short let", "short_let", 1650, "idea", upcoming, (None, None)),
        (
            "Extended-stay hotel near the hospital",
            "hotel",
            2300,
            "rejected",
            current,
            (None, None),
        ),
    ]:
        budget.add_housing(
            db,
            HousingOption(
                rotation_id=rotation,
                name=name,
                kind=kind,
                amount_cents=rent * 100,
                status=status,
                check_in=stay[0],
                check_out=stay[1],
            ),
        )
    expenses: list[tuple[str, str, int | None, int | None, str | None, int | None]] = [
        ("application", "VSLO application fees", 300, 280, d(-270), None),
        ("visa", "B-1/B-2 visa fee", 185, 185, d(-160), None),
        ("insurance", "Travel health insurance (6 months)", 400, 436, d(-110), None),
        ("travel", "Return flight, first rotation", 900, 1040, d(-100), rotation_ids[0]),
        ("housing", "Room, first rotation", 1400, 1325, d(-98), rotation_ids[0]),
        ("food", "Food, first rotation", 600, 540, d(-71), rotation_ids[0]),
        ("transport", "Transit, first rotation", 120, 96, d(-71), rotation_ids[0]),
        ("housing", "Room, ICU elective", 900, 900, d(-63), rotation_ids[1]),
        ("food", "Food, ICU elective", 500, 610, d(-36), rotation_ids[1]),
        ("application", "Institutional fee, current rotation", 300, 300, d(-240), current),
        # Planned by the booked residence itself (no double entry); this is the rent paid.
        ("housing", "Guest residence, current rotation", None, 1150, d(-13), current),
        ("food", "Food, current rotation", 600, 210, d(-1), current),
        ("transport", "Transit pass, current rotation", 100, 100, d(-14), current),
        ("application", "Application fee, upcoming rotation", 200, None, None, upcoming),
        ("housing", "Housing, upcoming rotation", 900, None, None, upcoming),
        ("travel", "Flight, upcoming rotation", 650, None, None, upcoming),
    ]
    for category, description, planned, actual, spent, linked in expenses:
        budget.add_expense(
            db,
            Expense(
                rotation_id=linked,
                category=category,
                description=description,
                planned_cents=None if planned is None else planned * 100,
                actual_cents=None if actual is None else actual * 100,
                spent_on=spent,
            ),
        )


def _journal(
    db: Database,
    today: pendulum.Date,
    rng: random.Random,
    rotation_ids: list[int],
    people_ids: list[int],
    taken: set[int],
) -> None:
    first, icu, current = rotation_ids[0], rotation_ids[1], rotation_ids[2]
    blocks: list[tuple[int, int, int, list[Procedure], tuple[int, int], list[int]]] = [
        (first, -98, -71, PROCEDURES, (3, 5), people_ids[:2]),
        (icu, -63, -36, ICU_PROCEDURES, (1, 2), people_ids[2:3]),
        (current, -13, 0, PROCEDURES, (3, 5), people_ids[3:4]),
    ]
    for rotation_id, start, end, procedures, (low, high), attendings in blocks:
        for offset in range(start, end + 1):
            day = today.add(days=offset)
            if day.day_of_week in (pendulum.SATURDAY, pendulum.SUNDAY):
                continue
            if rotation_id == icu and offset % 2:
                continue  # ICU journal kept every other day
            ordinal = day.toordinal()
            while ordinal in taken:  # only in scaled copies
                ordinal -= 1
            taken.add(ordinal)
            day = pendulum.Date.fromordinal(ordinal)
            # The day view's fields from a generator of their own, so the rest of the
            # demo (and its snapshots) stays as it was.
            extra = random.Random(ordinal)
            place = (
                "icu" if rotation_id == icu else extra.choice(["or", "or", "or", "preop_clinic"])
            )
            day_id = journal.add_day(
                db,
                JournalDay(
                    rotation_id=rotation_id,
                    day=day.isoformat(),
                    learning_points=rng.choice(LEARNING),
                    feedback=rng.choice(FEEDBACK),
                    reflection=rng.choice(REFLECTION),
                    tomorrow_focus=rng.choice(FOCUS),
                    tomorrow_preparation=extra.choice(PREPARATION),
                    location=place,
                    goal_preop=extra.random() < 0.7,
                    goal_plan=extra.random() < 0.5,
                    goal_skill=extra.random() < 0.4,
                ),
            )
            journal.set_supervisors(db, day_id, attendings)
            for _ in range(rng.randint(low, high)):
                procedure, technique, airway, asa, band, tags = rng.choice(procedures)
                skills = rng.sample(SKILLS, rng.randint(1, 3))
                journal.add_case(
                    db,
                    Case(
                        day_id=day_id,
                        procedure=procedure,
                        technique=technique,
                        airway=airway,
                        asa=min(6, asa + rng.choice([0, 0, 0, 1])),
                        age_band=band,
                        emergency=rng.random() < 0.1,
                        comorbidities=tags,
                        attending_id=rng.choice(attendings),
                        teaching_point=rng.choice(LEARNING) if rng.random() < 0.4 else "",
                        memorable=rng.random() < 0.08,
                        story="Led the pre-op interview and presented the plan to the attending."
                        if rng.random() < 0.1
                        else "",
                    ),
                    [CaseSkill(skill=s, role=r) for s, r in skills],
                )


def _letters(db: Database, d: DayOf, rotation_ids: list[int], people_ids: list[int]) -> None:
    """The guide's timeline: asked in each block's last week (L3), packets sent soon after
    (L4), nothing uploaded before ERAS opens; follow-ups made by the rules (L5-L7)."""
    nguyen, iyer, alvarez, oconnell, bello, _coordinator = people_ids
    first, icu, current = rotation_ids[:3]
    for person, rotation, status, asked, agreed, packet, us_anesthesiology, notes in [
        (nguyen, first, "packet_sent", d(-74), d(-73), d(-70), True, ""),
        (iyer, first, "agreed", d(-73), d(-72), None, True, "Packet promised for next week."),
        (
            alvarez,
            icu,
            "agreed",
            d(-37),
            d(-36),
            None,
            False,
            "Intensivist: a non-anesthesia letter (L1).",
        ),
        (oconnell, current, "candidate", None, None, None, True, ""),
    ]:
        letters.add_letter(
            db,
            Letter(
                person_id=person,
                rotation_id=rotation,
                status=status,
                asked_on=asked,
                agreed_on=agreed,
                packet_sent_on=packet,
                strong_asked=asked is not None,
                us_anesthesiology=us_anesthesiology,
                notes=notes,
            ),
        )
    profile_eras = db.execute("SELECT eras_opens_on FROM profile").fetchone()
    letters.make_follow_ups(db, profile_eras[0] if profile_eras else None)
    # The first block's thank-yous went out on time (L5).
    db.execute("UPDATE follow_ups SET done_on = due_on WHERE rule_id = 'L5' AND due_on < ?", [d(0)])
    for person, due, action, rule in [
        (alvarez, d(-33), "Send CV, goals summary and the ICU case list (packet, P)", "L4"),
        (bello, d(17), "Thank the resident team at the end of the rotation", "L5"),
    ]:
        letters.add_follow_up(
            db, FollowUp(person_id=person, due_on=due, action=action, rule_id=rule)
        )


# The story's blocks run from 98 days before its day to 87 days after (the next block
# ends then): inside R6's April-October window when the day is between these two.
STORY_DAYS = ((7, 8), (8, 5))  # (month, day) first and last
STORY_DAY = (7, 15)  # the day used when today is outside them


def story_day(today: date) -> pendulum.Date:
    """The day the demo's story is told from: today inside the rotation season, else the
    latest 15 July before today. The blocks then fall in R6's window for the profile's
    ERAS season, whatever the date the demo is written on."""
    first = pendulum.date(today.year, *STORY_DAYS[0])
    last = pendulum.date(today.year, *STORY_DAYS[1])
    if first <= today <= last:
        return pendulum.date(today.year, today.month, today.day)
    year = today.year if today > last else today.year - 1
    return pendulum.date(year, *STORY_DAY)


def write_demo(path: Path, today: date | None = None, scale: int = 1) -> Path:
    """Create a new demo database at path; refuses to overwrite an existing file."""
    path = Path(path).expanduser()
    if path.exists():
        raise StoreError(f"{path} already exists; the demo is only written to a new file.")
    db = open_db(path)
    try:
        build_demo(db, story_day(today or pendulum.today().date()), scale)
    finally:
        db.close()
    return path
