"""Pilot tests of the Checklists pane: templates on a rotation, space to tick, the
expiring TB test flagged on screen, a form, the groups at 80x24."""

from dataclasses import replace

from textual.widgets import OptionList, Static

from tests.conftest import DEMO_DAY
from tests.ui.test_never_crashes import on_screen
from tracker.store import checklists
from tracker.ui.app import make_app
from tracker.ui.modals.choice import ChoiceScreen
from tracker.ui.modals.form import FormScreen
from tracker.ui.panes.checklists import ChecklistsPane
from tracker.ui.widgets.tables import PagedTable, selected_key


def pane(app) -> ChecklistsPane:
    return app.query_one(ChecklistsPane)


async def test_the_upcoming_block_shows_its_expiring_tb_test_and_certificate(demo_path):
    app = make_app(demo_path, DEMO_DAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        summary = app.query_one("#checklist-summary", Static)
        text = str(summary.render())
        assert "TB test (IGRA): expires before the block" in text
        assert "Malpractice insurance certificate: expires before the block" in text
        assert on_screen(app, summary)
        assert on_screen(app, app.query_one("#checklist-groups", OptionList))
        assert on_screen(app, app.query_one("#checklist-table", PagedTable))


async def test_templates_applied_to_a_rotation_then_ticked_with_space(demo_path):
    app = make_app(demo_path, DEMO_DAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        group = pane(app).group
        before = checklists.count_items(app.db, group.rotation_id)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("down", "down", "enter")  # immunizations only
        await pilot.pause()
        after = checklists.count_items(app.db, group.rotation_id)
        assert after > before
        table = app.query_one("#checklist-table", PagedTable)
        assert table.row_count == after
        item_id = selected_key(table)
        assert not checklists.get_item(app.db, item_id).done
        await pilot.press("space")
        await pilot.pause()
        ticked = checklists.get_item(app.db, item_id)
        assert (ticked.status, ticked.done_on) == ("done", DEMO_DAY.isoformat())
        summary = str(app.query_one("#checklist-summary", Static).render())
        settled = sum(i.settled for i in checklists.list_items(app.db, group.rotation_id))
        assert f"{settled} of {after} items done" in summary


async def test_a_new_item_for_my_own_list_and_its_refused_date(demo_path):
    app = make_app(demo_path, DEMO_DAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        app.query_one("#checklist-groups", OptionList).highlighted = 0  # Mine
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        await pilot.press(*"Tdap booster", "tab", "tab", "tab", *"2026-13-01")
        await pilot.press("ctrl+s")
        await pilot.pause()
        error = app.screen.query_one("#error-due_on", Static)
        assert error.display
        assert on_screen(app, error)
        app.screen.query_one("#field-due_on").value = "2026-08-01"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, FormScreen)
        mine = [i.title for i in checklists.list_items(app.db, None)]
        assert "Tdap booster" in mine


async def test_o_on_an_item_without_a_scan_says_so(demo_path):
    app = make_app(demo_path, DEMO_DAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3", "o")
        await pilot.pause()
        assert any("no scan" in str(n.message) for n in app._notifications)


async def test_accepting_an_offer_offers_the_guides_checklists_once(demo_path):
    from textual.widgets import DataTable

    from tracker.store import programs
    from tracker.ui.modals.confirm import ConfirmScreen

    app = make_app(demo_path, DEMO_DAY)
    async with app.run_test(size=(120, 40)) as pilot:
        preparing = next(r for r in programs.list_rotations(app.db) if r.status == "preparing")
        assert not checklists.has_template_items(app.db, preparing.id)
        await pilot.press("2")
        await pilot.pause()
        table = app.query_one("#rotations-table", DataTable)
        table.focus()
        table.move_cursor(row=table.get_row_index(str(preparing.id)))
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        statuses = [value for _, value in app.screen.choices]
        steps = statuses.index("accepted") - statuses.index("preparing")
        await pilot.press(*(["down"] * steps), "enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert checklists.has_template_items(app.db, preparing.id)
        added = checklists.count_items(app.db, preparing.id)
        await pilot.press("3")
        await pilot.pause()
        assert pane(app).group.rotation_id is not None
        assert added > 25


async def test_a_cv_ticked_in_one_block_is_done_in_every_block_and_marked_yours(demo_path):
    app = make_app(demo_path, DEMO_DAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        blocks = [g for g in pane(app).groups if g.rotation_id is not None]
        first, second = blocks[0].rotation_id, blocks[1].rotation_id
        checklists.apply_templates(app.db, ["documents"], second)  # both blocks ask for a CV
        every = checklists.every_item(app.db)
        (cv,) = [item for item in every if item.title == "CV"]
        checklists.update_item(app.db, replace(cv, status="todo", done_on=None))
        pane(app).reload()
        await pilot.pause()
        groups = app.query_one("#checklist-groups", OptionList)
        groups.highlighted = [g.rotation_id for g in pane(app).groups].index(second)
        await pilot.pause()
        table = app.query_one("#checklist-table", PagedTable)
        row = table.get_row_index(str(cv.id))
        assert "yours" in str(table.get_row_at(row)[4])
        table.focus()
        table.move_cursor(row=row)
        await pilot.press("space")
        await pilot.pause()
        for block in (first, second, None):
            shown = {i.title: i for i in checklists.list_items(app.db, block)}
            assert shown["CV"].done, block
        summary = str(app.query_one("#checklist-summary", Static).render())
        assert "with your own documents and vaccines" in summary
        assert on_screen(app, app.query_one("#checklist-summary", Static))
