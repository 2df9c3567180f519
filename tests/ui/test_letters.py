"""Pilot tests of the Letters pane: a writer from candidate to uploaded, the packet, the
L1 line and the follow-ups on screen, a follow-up ticked."""

from textual.widgets import Input, Static

from tests.conftest import DEMO_DAY
from tests.ui.test_never_crashes import on_screen
from tracker.store import letters
from tracker.ui.app import make_app
from tracker.ui.modals.form import FormScreen
from tracker.ui.widgets.tables import PagedTable, selected_key


async def test_a_writer_goes_from_candidate_to_uploaded_and_gets_a_packet(demo_path):
    app = make_app(demo_path, DEMO_DAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("6")
        await pilot.pause()
        table = app.query_one("#letters-table", PagedTable)
        letter = letters.get_letter(app.db, selected_key(table))
        assert letter.status == "candidate"
        detail = app.query_one("#letter-detail", Static)
        shown = str(detail.render())
        assert "Latest days together" in shown, "the days to remind the writer of"
        assert on_screen(app, detail)
        for _ in range(4):  # asked, agreed, packet sent; the fourth needs the Letter ID
            await pilot.press("greater_than_sign")
            await pilot.pause()
        moved = letters.get_letter(app.db, letter.id)
        assert moved.status == "packet_sent"
        assert moved.asked_on == moved.agreed_on == moved.packet_sent_on == DEMO_DAY.isoformat()
        table.move_cursor(row=table.get_row_index(str(letter.id)))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        app.screen.query_one("#field-eras_letter_id", Input).value = "LOR-2026-0042"
        await pilot.press("ctrl+s")
        await pilot.pause()
        table.move_cursor(row=table.get_row_index(str(letter.id)))
        await pilot.press("greater_than_sign")
        await pilot.pause()
        table.move_cursor(row=table.get_row_index(str(letter.id)))
        await pilot.press("greater_than_sign")
        await pilot.pause()
        done = letters.get_letter(app.db, letter.id)
        assert (done.status, done.eras_letter_id) == ("uploaded", "LOR-2026-0042")
        table.move_cursor(row=table.get_row_index(str(letter.id)))
        await pilot.press("P")
        await app.workers.wait_for_complete()  # written on a thread: the screen stays free
        await pilot.pause()
        said = [notice.message for notice in app._notifications]
        assert any(message.startswith(f"Packet for {letter.person_name}") for message in said)
        packets = list((demo_path.parent / "packets").glob("packet-*.md"))
        assert len(packets) == 1
        assert letter.person_name in packets[0].read_text(encoding="utf-8")
        pdf = packets[0].with_suffix(".pdf")
        assert pdf.read_bytes().startswith(b"%PDF"), "the PDF to send is written beside it"


async def test_l1_line_and_follow_ups_are_on_screen_at_80x24_and_one_is_ticked(demo_path):
    app = make_app(demo_path, DEMO_DAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("6")
        await pilot.pause()
        summary = app.query_one("#letters-summary", Static)
        assert "Letters in ERAS: US anesthesiology" in str(summary.render())
        assert on_screen(app, summary)
        follow_ups = app.query_one("#follow-ups-table", PagedTable)
        assert follow_ups.row_count > 0
        follow_ups.focus()
        await pilot.pause()
        follow_up_id = selected_key(follow_ups)
        assert letters.get_follow_up(app.db, follow_up_id).done_on is None
        await pilot.press("space")
        await pilot.pause()
        assert letters.get_follow_up(app.db, follow_up_id).done_on == DEMO_DAY.isoformat()


async def test_n_adds_a_follow_up_with_the_selected_writer(demo_path):
    app = make_app(demo_path, DEMO_DAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("6")
        await pilot.pause()
        before = letters.count_follow_ups(app.db)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        await pilot.press(*"Send the updated CV", "tab", *"2026-07-20", "ctrl+s")
        await pilot.pause()
        assert letters.count_follow_ups(app.db) == before + 1
        made = [f for f in letters.list_follow_ups(app.db) if f.action == "Send the updated CV"]
        assert made[0].due_on == "2026-07-20"
        assert made[0].person_name == "Margaret O'Connell"
