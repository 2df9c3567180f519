"""The ERAS pane's keys that open a form or a question: an Experience's fields, a new
one, most meaningful, a signal, deleting, the fees."""

from dataclasses import fields, replace
from typing import TYPE_CHECKING

from tracker.domain.checks import InvalidValues, first_errors, int_range
from tracker.domain.eras import (
    EXPERIENCE_CHECKS,
    EXPERIENCE_TYPES,
    FOCUS_AREAS,
    KEY_CHARACTERISTICS,
    Experience,
    Signal,
    Tier,
)
from tracker.store import eras
from tracker.store.profile import get_profile, save_profile
from tracker.store.programs import list_programs
from tracker.ui.messages import RecordsChanged
from tracker.ui.panes.base import AreaPane

if TYPE_CHECKING:
    from tracker.services.eras import Workbench
    from tracker.ui.panes.eras import Part

# The form's fields, in MyERAS's order (the description and reflection are written in
# the pane's text area).
FORM_FIELDS = (
    ("position_title", "Position title"),
    ("organization", "Organization"),
    ("starts_on", "Start (YYYY-MM-DD, approximate)"),
    ("ends_on", "End (YYYY-MM-DD, approximate)"),
    ("hours_per_week", "Hours per week"),
    ("city", "City"),
    ("state", "State"),
    ("country", "Country"),
    ("setting", "Setting"),
    ("experience_type", "Experience type"),
    ("focus_area", "Primary focus area"),
    ("key_characteristic", "Key characteristic"),
    ("supervisor", "Supervisor"),
)
CHOICES = {
    "experience_type": EXPERIENCE_TYPES,
    "focus_area": FOCUS_AREAS,
    "key_characteristic": KEY_CHARACTERISTICS,
}


def experience_values(experience: Experience) -> dict[str, str]:
    return {
        name: "" if (value := getattr(experience, name)) is None else str(value)
        for name, _ in FORM_FIELDS
    }


def experience_from_values(values: dict[str, str], base: Experience) -> Experience:
    """The form's values over base; InvalidValues names each refused field."""
    checks = {name: EXPERIENCE_CHECKS[name] for name, _ in FORM_FIELDS if name in EXPERIENCE_CHECKS}
    if errors := first_errors(values, checks):
        raise InvalidValues(errors)
    changed: dict[str, object] = {}
    for field in fields(Experience):
        if field.name not in values:
            continue
        text = values[field.name].strip()
        if field.name == "hours_per_week":
            changed[field.name] = int(text) if text else None
        elif field.name in ("starts_on", "ends_on"):
            changed[field.name] = text or None
        else:
            changed[field.name] = text
    return replace(base, **changed)  # type: ignore[arg-type]


class ErasActions(AreaPane):
    # Provided by ErasPane.
    bench: "Workbench | None"

    def _selected(self) -> "Part | None":
        raise NotImplementedError

    def save_now(self, keep: bool = False) -> None:
        raise NotImplementedError

    def _written(self, said: str) -> None:
        self.notify(said)
        self.post_message(RecordsChanged("eras", self))
        self.reload()

    def _experience(self) -> tuple[int, Experience] | None:
        part = self._selected()
        if part is None or part.kind not in ("experience", "reflection") or self.bench is None:
            self.notify("Select an Experience first.")
            return None
        return part.index, self.bench.experiences[part.index]

    def _form(self, title: str, experience: Experience) -> None:
        from tracker.ui.modals.form import Field, FormScreen

        form_fields = [
            Field(
                name,
                label,
                choices=tuple((choice or "—", choice) for choice in CHOICES[name])
                if name in CHOICES
                else None,
            )
            for name, label in FORM_FIELDS
        ]

        def save(values: dict[str, str]) -> dict[str, str]:
            try:
                changed = experience_from_values(values, experience)
            except InvalidValues as refused:
                return refused.errors
            if not self.away.try_write(lambda: eras.save_experience(self.db, changed)):
                return {"position_title": "not saved (see the message)"}
            return {}

        def done(values: dict[str, str] | None) -> None:
            if values is not None:
                self._written(f"{experience.organization or 'The Experience'}: saved.")

        self.app.push_screen(
            FormScreen(title, form_fields, experience_values(experience), save), done
        )

    def action_edit(self) -> None:
        self.save_now()
        if self.away.refuse_if_read_only() or (found := self._experience()) is None:
            return
        _, experience = found
        self._form("The Experience, as MyERAS asks for it", experience)

    def action_new(self) -> None:
        self.save_now()
        bench = self.bench
        if self.away.refuse_if_read_only() or bench is None:
            return
        if len(bench.experiences) >= bench.limits.experiences:
            self.notify(
                f"MyERAS takes {bench.limits.experiences} Experiences "
                f"({bench.limits.experiences_source}); delete one first.",
                severity="warning",
            )
            return
        self._form("A new Experience", Experience(position_title="", country=""))

    def action_meaningful(self) -> None:
        self.save_now()
        bench = self.bench
        if self.away.refuse_if_read_only() or (found := self._experience()) is None:
            return
        assert bench is not None
        _, experience = found
        if not experience.meaningful and len(bench.meaningful) >= bench.limits.meaningful:
            self.notify(
                f"MyERAS takes {bench.limits.meaningful} most meaningful Experiences "
                f"({bench.limits.experiences_source}); unmark one first.",
                severity="warning",
            )
            return
        marked = replace(experience, meaningful=not experience.meaningful)
        if self.away.try_write(lambda: eras.save_experience(self.db, marked)):
            word = (
                "most meaningful: write why (300 characters)"
                if marked.meaningful
                else ("no longer most meaningful")
            )
            self._written(f"{experience.organization or 'The Experience'}: {word}.")

    def action_signal(self) -> None:
        from tracker.ui.modals.choice import ChoiceScreen

        self.save_now()
        bench = self.bench
        if self.away.refuse_if_read_only() or bench is None:
            return
        given = {s.program_id: s.tier for s in bench.signals}
        programs = [
            (
                f"{p.institution or p.name}" + (f"  ({given[p.id]})" if p.id in given else ""),
                str(p.id),
            )
            for p in list_programs(self.db)
        ]
        if not programs:
            self.notify("Add the program in Applications (2) first.")
            return

        def tier_for(program: str | None) -> None:
            if program is None:
                return
            choices = [
                ("Gold: highest interest", Tier.GOLD),
                ("Silver: very high interest", Tier.SILVER),
            ]
            self.app.push_screen(
                ChoiceScreen("Which signal?", [(text, str(value)) for text, value in choices]),
                lambda tier: give(int(program), tier) if tier else None,
            )

        def give(program_id: int, tier: str) -> None:
            kept = next((s.statement for s in bench.signals if s.program_id == program_id), "")
            signal = Signal(program_id, tier, kept)
            try:
                eras.set_signal(self.db, signal, bench.limits)
            except eras.SignalRefused as refused:
                self.notify(refused.errors["tier"] + ".", severity="warning", timeout=10)
                return
            except Exception as error:
                self.away.say_not_saved(error)
                return
            self._written(f"{tier.capitalize()} signal given: write its statement (w).")

        self.app.push_screen(ChoiceScreen("Signal which program?", programs), tier_for)

    def action_delete(self) -> None:
        from tracker.ui.modals.confirm import ConfirmScreen

        self.save_now()
        part, bench = self._selected(), self.bench
        if self.away.refuse_if_read_only() or part is None or bench is None:
            return
        if part.kind == "signal":
            program_id = int(part.key)
            name = next((s.program_name for s in bench.signals if s.program_id == program_id), "")

            def take_back(sure: bool | None) -> None:
                if sure and self.away.try_write(lambda: eras.remove_signal(self.db, program_id)):
                    self._written(f"{name}: signal taken back.")

            self.app.push_screen(
                ConfirmScreen(f"Take back the signal for {name}? Its statement goes too."),
                take_back,
            )
            return
        if part.kind not in ("experience", "reflection"):
            self.notify("Select an Experience or a signal to delete.")
            return
        experience = bench.experiences[part.index]
        if experience.id is None:
            self.notify("A seeded draft is not stored yet: nothing to delete.")
            return
        experience_id = experience.id
        seeded = " (its block's seed comes back)" if experience.rotation_id else ""

        def answer(sure: bool | None) -> None:
            if sure and self.away.try_write(lambda: eras.delete_experience(self.db, experience_id)):
                self._written("The Experience is deleted.")

        name = experience.organization or experience.position_title
        self.app.push_screen(
            ConfirmScreen(f"Delete the Experience “{name}” and its texts{seeded}?"), answer
        )

    def action_fees(self) -> None:
        from tracker.ui.modals.form import Field, FormScreen

        if self.away.refuse_if_read_only():
            return
        profile = get_profile(self.db)
        field = Field(
            "programs",
            "Programs to apply to",  # (one line at 80 columns)
            (int_range(0, 1000),),
            placeholder="e.g. 60; ERAS charges per program",
        )

        def save(values: dict[str, str]) -> dict[str, str]:
            text = values.get("programs", "").strip()
            planned = replace(profile, eras_programs=int(text) if text else None)
            if not self.away.try_write(lambda: save_profile(self.db, planned)):
                return {"programs": "not saved (see the message)"}
            return {}

        def done(values: dict[str, str] | None) -> None:
            if values is not None and self.bench is not None:
                self.post_message(RecordsChanged("profile", self))
                self.reload()
                assert self.bench is not None
                self.notify(self.bench.fees_line())

        current = {"programs": str(profile.eras_programs or "")}
        self.app.push_screen(FormScreen("ERAS fees", [field], current, save), done)
