"""Every rule of the away-rotations guide, by ID, in our own words (docs/RULES.md is made
from this registry; a test fails when it is stale)."""

from dataclasses import dataclass

NOT_ADVICE = (
    "These are reminders from a guide to away rotations, not legal or immigration advice: "
    "visa and program rules change, and the institution and the US embassy or consulate "
    "have the last word."
)


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    text: str

    @property
    def group(self) -> str:
        return GROUPS[self.id.rstrip("0123456789")]


GROUPS = {
    "R": "How many rotations, and when",
    "P": "Choosing programs",
    "D": "Application documents",
    "V": "Visas",
    "B": "Money",
    "J": "During the rotation: the daily journal",
    "L": "Letters of recommendation",
    "A": "Turning it into an application",
    "E": "The ERAS season (AAMC's calendar, dated in tracker/domain/seasons.py)",
}

_RULES = [
    Rule(
        "R1",
        "Two or three anesthesiology rotations",
        "Plan two or three away rotations in anesthesiology. One strong rotation is the "
        "least that gives you a US letter and US experience to talk about.",
    ),
    Rule(
        "R2",
        "No US clinical experience yet: three rotations",
        "Without any US clinical experience, aim for three rotations: two in "
        "anesthesiology and one related perioperative rotation (ICU, internal medicine "
        "with perioperative exposure, or surgery).",
    ),
    Rule(
        "R3",
        "Two or three months of US experience: two rotations",
        "If you already have two or three months of US clinical experience but little "
        "anesthesia, two anesthesiology rotations are the aim.",
    ),
    Rule(
        "R4",
        "Limited by money or visa: one high-impact rotation",
        "When money or the visa limits you, choose one anesthesiology rotation at a "
        "program that sponsors residency visas, has interviewed or matched IMGs, and "
        "gives structured evaluations and letters. Add remote electives (research, "
        "education, quality improvement) where you can.",
    ),
    Rule(
        "R5",
        "A rotation is a four-week block",
        "Most away rotations last four weeks: long enough for an attending to know your "
        "work well enough to write a detailed letter.",
    ),
    Rule(
        "R6",
        "Rotate in April to October before you apply",
        "Do your rotations between April and October of the year before you apply (apply "
        "in September 2026, rotate April-September 2025), so your letters are written "
        "before ERAS opens.",
    ),
    Rule(
        "R7",
        "At least one academic center",
        "At least one of your rotations should be at an academic (university) department; "
        "program directors weigh those letters and that experience.",
    ),
    Rule(
        "P1",
        "Apply to 8-15 programs",
        "Apply for visiting rotations at 8 to 15 programs: expect denials, full blocks and "
        "date conflicts.",
    ),
    Rule(
        "P2",
        "A balanced list",
        "Mix your list: 3-5 large academic departments that sponsor J-1 and have IMGs, "
        "4-6 mid-sized university-affiliated programs in several regions, and 2-4 "
        "community programs with a clear training and elective structure.",
    ),
    Rule(
        "P3",
        "Visa sponsorship",
        "Prefer programs that sponsor the J-1 (at least) and preferably the H-1B for "
        "residency, and say so on their website.",
    ),
    Rule(
        "P4",
        "IMG residents",
        "Prefer programs with current or recent IMG residents, or that mention IMGs in their FAQ.",
    ),
    Rule(
        "P5",
        "A formal visiting-student route",
        "Prefer programs with a formal route for visiting students: VSLO, or a clear "
        "institutional visiting-student office with structured evaluations, learning "
        "objectives and a letter process.",
    ),
    Rule(
        "P6",
        "IMG-friendliness",
        "Weigh signs of IMG-friendliness: international faculty and residents, diversity "
        "statements, what former visiting students report.",
    ),
    Rule(
        "P7",
        "Location and total cost",
        "Weigh where the program is and what the month will cost in total; with little "
        "money, prefer programs where you could realistically match.",
    ),
    Rule(
        "D1",
        "The usual documents",
        "Most hosts ask for: a dean's letter or institutional approval, a transcript and "
        "proof of final-year standing, USMLE Step 1 (sometimes Step 2 CK) scores, "
        "immunization records, TB testing, COVID-19 compliance, and proof of malpractice "
        "or liability insurance.",
    ),
    Rule(
        "D2",
        "Each portal has its own forms and deadlines",
        "Institution-specific portals have their own forms and deadlines, often earlier "
        "than you expect: check each host's list early.",
    ),
    Rule(
        "V1",
        "The usual visa for a visiting rotation",
        "Visiting students usually come on a B-1/B-2 visitor visa, sometimes a short-term "
        "J-1; some institutions have arrangements of their own.",
    ),
    Rule(
        "V2",
        "Ask each international office",
        "For every institution, ask its international office which visa it requires for "
        "clinical visiting students, and whether it accepts students who are not US "
        "citizens at all.",
    ),
    Rule(
        "V3",
        "Activities allowed by the visa",
        "Make sure what you plan to do clinically is allowed under that visa type.",
    ),
    Rule(
        "V4",
        "Rules change: verify",
        "Visa rules change. Verify with the hospital's GME office and the US embassy or "
        "consulate before you travel.",
    ),
    Rule(
        "B1",
        "What a four-week rotation costs",
        "Per four-week rotation: housing $800-2,000; food and transport $400-800; "
        "application and administrative fees $100-500; visa fees and travel vary widely.",
    ),
    Rule(
        "B2",
        "Ways to spend less",
        "Look for student housing, hostels, or sublets from residents and students; ask "
        "the coordinator about housing; chain rotations in nearby cities or at the same "
        "hospital.",
    ),
    Rule(
        "J1",
        "Prepare the evening before",
        "Review the next day's list, read up on the planned technique (general, regional, "
        "MAC) and the key comorbidities (such as CAD, COPD, OSA, anticoagulation), and "
        "prepare a short plan to discuss.",
    ),
    Rule(
        "J2",
        "Be useful in the OR",
        "Help set up monitors, airway equipment and IV supplies; draw up non-controlled "
        "drugs where allowed; observe or assist with IVs, arterial lines and airway "
        "management.",
    ),
    Rule(
        "J3",
        "Keep a notebook",
        "Write down interesting cases, key learning points and the feedback you receive.",
    ),
    Rule(
        "J4",
        "End the day well",
        "Ask whether anything else is needed, reflect on the day, and set tomorrow's focus "
        '("improve my pre-op assessment", "read on neuromuscular blockade reversal").',
    ),
    Rule(
        "J5",
        "Three small daily goals",
        "Each day: one good pre-op assessment, one well-formulated plan, one new skill.",
    ),
    Rule(
        "J6",
        "What attendings watch",
        "Punctuality, engagement, clear communication, situational awareness, "
        "teachability (growth over the four weeks) and professionalism.",
    ),
    Rule(
        "J7",
        "Keep the journal de-identified",
        "The journal is about real patients: never keep a HIPAA identifier in it (names, "
        "record numbers, dates of birth, exact dates tied to a patient, phone numbers, "
        "addresses, e-mails). Record cases by procedure, technique, ASA class, age band and "
        "skills; review any line the guard flags before it leaves in an export.",
    ),
    Rule(
        "L1",
        "Which letters",
        "Aim for two or three letters from US anesthesiology faculty who supervised you "
        "directly, preferably from academic departments, plus one or two letters from "
        "outside anesthesia.",
    ),
    Rule(
        "L2",
        "Notice your writers by week two or three",
        "By the second or third week, note the attendings who have seen you in several "
        "cases, given you feedback, and teach; ask a resident or the coordinator who is "
        "best placed to write.",
    ),
    Rule(
        "L3",
        "Ask near the end, for a strong letter",
        "Ask near the end of the rotation, and ask explicitly for a strong letter.",
    ),
    Rule(
        "L4",
        "Make the letter easy to write",
        "Give the writer your CV, a short summary of your goals, a bullet list of the "
        "cases and responsibilities you handled, and your ERAS ID with the submission "
        "instructions.",
    ),
    Rule(
        "L5",
        "Thank them",
        "After the rotation, e-mail a thank-you to key faculty and residents naming one or "
        "two specific things you learned.",
    ),
    Rule(
        "L6",
        "Tell them when you apply",
        "When the ERAS season begins, tell your writers (gently) that you have applied to "
        "their program.",
    ),
    Rule(
        "L7",
        "At the interview",
        "If you are invited to interview there, mention specific faculty, cases and "
        "conferences from your rotation.",
    ),
    Rule(
        "A1",
        "The personal statement",
        "Use specific cases that shaped your interest, examples of working in US "
        "perioperative teams, and moments where you grew.",
    ),
    Rule(
        "A2",
        "Interview questions to prepare",
        "Prepare: a memorable case from your rotations; how being an IMG who is not a US "
        "citizen shaped your approach to patients in the OR; how the rotations prepared "
        "you for US residency.",
    ),
    Rule(
        "A3",
        "Only one rotation",
        "With only one rotation, make it excellent, and add observerships and research or "
        "quality improvement work (remote is fine).",
    ),
    Rule(
        "E1",
        "Apply before programs start reviewing",
        "Applicants may submit to programs from early September; programs begin reviewing "
        "in late September. Submit before review starts. AAMC publishes both dates each "
        "season (ERAS timeline); Away shows them with their source, or its estimate.",
    ),
    Rule(
        "E2",
        "Letters uploaded and assigned",
        "A letter counts once its writer has uploaded it to ERAS with its Letter ID; then "
        "assign it to your programs, at most four letters to each program.",
    ),
    Rule(
        "E3",
        "Interviews, rank list, Match",
        "Interviews run from October to January: send a short thank-you note after each. "
        "Then certify your rank list with the NRMP before its deadline (early March); the "
        "Match is in March.",
    ),
    Rule(
        "E4",
        "Draft the Experiences before MyERAS opens",
        "Each rotation is an Experience in MyERAS (Education/training): up to 10, each with "
        "a description of at most 750 characters, and up to 3 most meaningful with a "
        "300-character reflection. Draft them from the journal before MyERAS opens, while "
        "the cases, skills and feedback are fresh (the ERAS pane, 7).",
    ),
    Rule(
        "E5",
        "Signals and supplemental answers before you submit",
        "Anesthesiology applicants may send up to 5 gold and 10 silver program signals, each "
        "with a statement specific to the program, and answer three supplemental questions "
        "(500 characters each). Choose and write them before submitting; signal the "
        "programs you want most, home and away rotations included.",
    ),
]

RULES: dict[str, Rule] = {rule.id: rule for rule in _RULES}


def rule(rule_id: str) -> Rule | None:
    return RULES.get(rule_id.strip().upper())


def rules_markdown() -> str:
    """docs/RULES.md: every rule by group, and the note that it is not legal advice."""
    lines = [
        "# The rules behind Away's advice",
        "",
        "Generated from `tracker/domain/rules.py` (`python -m tracker.domain.rules`); "
        "do not edit by hand.",
        "",
        f"> {NOT_ADVICE}",
        "",
    ]
    group = None
    for item in _RULES:
        if item.group != group:
            lines += [""] if group else []
            group = item.group
            lines += [f"## {group}", ""]
        lines += [f"- **{item.id} {item.title}.** {item.text}"]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # pragma: no cover
    import sys

    sys.stdout.write(rules_markdown())
