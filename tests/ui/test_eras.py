"""The ERAS pane (7), Pilot pressing real keys at 80x24: a supplemental answer written
with its live counter and saved; text over the limit said; the PHI guard holding a line
back until ctrl+s; a seeded Experience kept once edited; a sixth gold signal refused; the
programs planned giving the fees."""

from textual.widgets import Input, Static, TextArea

from tests.ui.test_never_crashes import notifications, on_screen
from tests.ui.test_phi_review import until
from tests.ui.test_today import AFTER_THE_BLOCK
from tracker.domain.eras import Signal
from tracker.domain.seasons import eras_limits
from tracker.store import eras
from tracker.store.db import open_db
from tracker.store.profile import get_profile
from tracker.ui.app import make_app
from tracker.ui.modals.choice import ChoiceScreen
from tracker.ui.modals.confirm import ConfirmScreen
from tracker.ui.panes.eras import ErasPane
from tracker.ui.widgets.tables import Table


def row_of(pane: ErasPane, kind: str, key: str = "") -> int:
    return next(
        i for i, part in enumerate(pane.parts) if part.kind == kind and (not key or part.key == key)
    )


async def open_pane(pilot, app) -> ErasPane:
    await pilot.press("7")
    await pilot.pause()
    return app.query_one(ErasPane)


def counter_text(app) -> str:
    return str(app.query_one("#eras-counter", Static).render())


async def test_writing_an_answer_at_80x24_counts_and_saves(demo_path):
    app = make_app(demo_path, AFTER_THE_BLOCK)
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await open_pane(pilot, app)
        table = app.query_one("#eras-table", Table)
        table.focus()
        table.move_cursor(row=row_of(pane, "answer", "differently"))
        await pilot.pause()
        await pilot.press("w")
        area = app.query_one("#eras-text", TextArea)
        assert area.has_focus
        await pilot.press(*"Teaching regional anesthesia.")
        await pilot.pause()
        assert counter_text(app).startswith("29/500")
        counter = app.query_one("#eras-counter", Static)
        assert on_screen(app, counter)
        assert await until(pilot, lambda: "saved" in counter_text(app))
        db = open_db(demo_path)
        assert eras.answers(db)["differently"] == "Teaching regional anesthesia."
        db.close()
        area.text = "x" * 510
        await pilot.pause()
        assert "510/500 (10 over)" in counter_text(app)
        assert "over MyERAS's limit" in counter_text(app)


async def test_the_guard_holds_an_identifier_until_ctrl_s(demo_path):
    app = make_app(demo_path, AFTER_THE_BLOCK)
    async with app.run_test(size=(120, 40)) as pilot:
        pane = await open_pane(pilot, app)
        table = app.query_one("#eras-table", Table)
        table.focus()
        table.move_cursor(row=row_of(pane, "answer", "adversity"))
        await pilot.press("w")
        await pilot.press(*"Mrs. Adeyemi in bed 4 taught me patience.")
        warning = app.query_one("#eras-phi", Static)
        assert await until(pilot, lambda: warning.display)
        assert on_screen(app, warning)
        assert "“Adeyemi”" in str(warning.render())
        db = open_db(demo_path)
        assert eras.answers(db)["adversity"] == ""  # held back
        await app.action_quit()  # quitting asks before leaving it behind
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "Adeyemi" in str(app.screen.query_one("#confirm-question").render())
        await pilot.press("n")
        await pilot.pause()
        assert app.is_running
        app.query_one("#eras-text", TextArea).focus()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert eras.answers(db)["adversity"].startswith("Mrs. Adeyemi")
        db.close()


async def test_a_seeded_experience_is_kept_once_edited(demo_path):
    app = make_app(demo_path, AFTER_THE_BLOCK)
    async with app.run_test(size=(120, 40)) as pilot:
        pane = await open_pane(pilot, app)
        assert pane.bench is not None
        seeded = [i for i, e in enumerate(pane.bench.experiences) if e.id is None]
        assert seeded, "the demo's later blocks are still seeds"
        seed = pane.bench.experiences[seeded[0]].description
        assert "visiting student rotation in anesthesiology" in seed
        table = app.query_one("#eras-table", Table)
        table.focus()
        row = next(
            i
            for i, part in enumerate(pane.parts)
            if part.kind == "experience" and part.index == seeded[0]
        )
        table.move_cursor(row=row)
        await pilot.press("w")
        await pilot.press("end", *" Thank you.")
        await pilot.press("escape")  # saves and goes back to the list
        await pilot.pause()
        db = open_db(demo_path)
        kept = [e for e in eras.experiences(db, eras_limits(2028)) if e.id is not None]
        assert len(kept) == 2  # the demo's first, and this one
        edited = [e for e in kept if " Thank you." in e.description]
        assert len(edited) == 1
        assert len(edited[0].description) == len(seed) + len(" Thank you.")
        db.close()
        assert table.has_focus


async def test_a_sixth_gold_signal_is_refused_in_the_pane(demo_path):
    db = open_db(demo_path)
    limits = eras_limits(2028)
    ids = [row[0] for row in db.execute("SELECT id FROM programs ORDER BY id LIMIT 6")]
    for program_id in ids[:5]:
        eras.set_signal(db, Signal(program_id, "gold"), limits)
    db.close()
    app = make_app(demo_path, AFTER_THE_BLOCK)
    async with app.run_test(size=(120, 40)) as pilot:
        pane = await open_pane(pilot, app)
        app.query_one("#eras-table", Table).focus()
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        app.screen.dismiss(str(ids[5]))
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        app.screen.dismiss("gold")
        await pilot.pause()
        assert "allows 5 gold signals" in notifications(app)[-1]
        assert pane.bench is not None
        assert sum(1 for s in pane.bench.signals if s.tier == "gold") == 5


async def test_every_pane_loads_once_on_its_first_visit(demo_path, monkeypatch):
    # A pane's own on_mount once called AreaPane.on_mount, which Textual calls anyway:
    # the ERAS pane gathered its drafts twice on its first visit.
    from tracker.ui.panes import PANES
    from tracker.ui.panes.base import AreaPane

    loads: list[str] = []
    reload = AreaPane.reload
    monkeypatch.setattr(AreaPane, "reload", lambda pane: (loads.append(pane.id), reload(pane)))
    app = make_app(demo_path, AFTER_THE_BLOCK)
    async with app.run_test(size=(120, 40)) as pilot:
        for key in range(2, len(PANES) + 1):
            await pilot.press(str(key))
            await pilot.pause()
    twice = [pane for pane in loads if loads.count(pane) > 1]
    assert len(set(loads)) == len(PANES)
    assert twice == []


async def test_the_programs_planned_give_the_fees_at_80x24(demo_path):
    app = make_app(demo_path, AFTER_THE_BLOCK)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_pane(pilot, app)
        await pilot.press("f")
        await pilot.pause()
        label = app.screen.query_one(".form-label", Static)
        field = app.screen.query_one("#field-programs", Input)
        # the label on one line; the field says what it wants until something is typed
        assert on_screen(app, label)
        assert label.region.height == 1
        assert on_screen(app, field)
        assert "e.g. 60" in field.placeholder
        assert len(field.placeholder) <= field.content_region.width
        await pilot.press(*"many", "ctrl+s")
        await pilot.pause()
        error = app.screen.query_one("#error-programs", Static)
        assert on_screen(app, error)
        field.value = ""
        await pilot.press(*"65", "ctrl+s")
        await pilot.pause()
        summary = "ERAS fees for 65 programs: $1,380"
        assert any(summary in note for note in notifications(app))
        db = open_db(demo_path)
        assert get_profile(db).eras_programs == 65
        db.close()
