"""Pilot tests of the Letters pane: a writer from candidate to uploaded, the packet, the
L1 line and the follow-ups on screen, a follow-up ticked."""

from textual.widgets import Input, Static

from tests.conftest import DEMO_DAY
from tests.ui.test_never_crashes import on_screen
from tracker.store import letters
from tracker.store.db import open_db
from tracker.store.programs import list_rotations
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
        for step in ("id_created", "id_sent", "uploaded"):  # the form, the ID sent, in
            table.move_cursor(row=table.get_row_index(str(letter.id)))
            await pilot.press("greater_than_sign")
            await pilot.pause()
            assert letters.get_letter(app.db, letter.id).status == step
        done = letters.get_letter(app.db, letter.id)
        assert (done.id_sent_on, done.eras_letter_id) == (DEMO_DAY.isoformat(), "LOR-2026-0042")
        steps = str(app.query_one("#letter-detail", Static).render())
        assert "Letter Request Form made" in steps
        assert "Letter ID sent to writer" in steps
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


async def test_f_adds_a_follow_up_with_the_selected_writer(demo_path):
    app = make_app(demo_path, DEMO_DAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("6")
        await pilot.pause()
        before = letters.count_follow_ups(app.db)
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        await pilot.press(*"Send the updated CV", "tab", *"2026-07-20", "ctrl+s")
        await pilot.pause()
        assert letters.count_follow_ups(app.db) == before + 1
        made = [f for f in letters.list_follow_ups(app.db) if f.action == "Send the updated CV"]
        assert made[0].due_on == "2026-07-20"
        assert made[0].person_name == "Margaret O'Connell"


async def test_n_adds_a_home_country_writer_by_hand_and_d_deletes_them(user_path):
    """A new user with no rotation yet records a writer from home: keys only."""
    app = make_app(user_path, DEMO_DAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("6", "n")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        await pilot.press(*"Adaeze Okafor")
        for name, typed in (
            ("institution", "Lagos University Teaching Hospital"),
            ("specialty", "internal medicine"),
        ):
            app.screen.query_one(f"#field-{name}", Input).focus()
            await pilot.press(*typed)
        app.screen.query_one("#field-us_anesthesiology").focus()
        await pilot.press("enter", "down", "enter")  # yes -> no: a home-country writer
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, FormScreen), "saved and closed"
        (letter,) = letters.list_letters(app.db)
        person = letters.get_person(app.db, letter.person_id)
        assert (person.name, person.institution, person.specialty) == (
            "Adaeze Okafor",
            "Lagos University Teaching Hospital",
            "internal medicine",
        )
        assert (letter.status, letter.asked_on, letter.us_anesthesiology) == (
            "asked",
            DEMO_DAY.isoformat(),
            False,
        )
        table = app.query_one("#letters-table", PagedTable)
        assert table.row_count == 1
        assert on_screen(app, table)
        detail = app.query_one("#letter-detail", Static)
        assert "Lagos University Teaching Hospital" in str(detail.render())
        summary = str(app.query_one("#letters-summary", Static).render())
        assert "on the way: 1 asked" in summary
        table.focus()
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("n")  # the confirmation: no keeps everything
        await pilot.pause()
        assert letters.count_letters(app.db) == 1
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert letters.count_letters(app.db) == 0
        assert letters.list_people(app.db) == [], "named nowhere else: the writer goes too"


async def test_a_writer_form_with_a_step_that_needs_a_letter_id_says_so_on_screen(user_path):
    app = make_app(user_path, DEMO_DAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("6", "n")
        await pilot.pause()
        await pilot.press(*"Dr. Rui Costa")
        app.screen.query_one("#field-status").focus()
        await pilot.press("enter", "end", "enter")  # uploaded: needs its Letter ID
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen), "refused, the form stays open"
        error = app.screen.query_one("#error-eras_letter_id", Static)
        assert "Letter ID" in str(error.render())
        assert on_screen(app, error)
        assert letters.count_letters(app.db) == 0


async def test_deleting_a_journal_writer_keeps_the_person_and_their_days(demo_path):
    app = make_app(demo_path, DEMO_DAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("6")
        await pilot.pause()
        table = app.query_one("#letters-table", PagedTable)
        letter = letters.get_letter(app.db, selected_key(table))
        shared = letters.shared_with(app.db, letter.person_id)
        assert shared.days > 0
        table.focus()
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert letters.get_letter(app.db, letter.id) is None
        assert letters.get_person(app.db, letter.person_id) is not None
        assert letters.shared_with(app.db, letter.person_id) == shared


async def test_asking_the_last_candidate_leaves_the_focus_on_a_visible_list(demo_path):
    db = open_db(demo_path)  # the current block's writers become candidates again
    current = next(r for r in list_rotations(db) if r.status == "accepted")
    for letter in letters.list_letters(db):
        if letter.rotation_id == current.id:
            letters.delete_letter(db, letter.id)
    db.close()
    app = make_app(demo_path, DEMO_DAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("6")
        await pilot.pause()
        candidates = app.query_one("#candidates-table")
        assert candidates.row_count > 0
        candidates.focus()
        await pilot.pause()
        for _ in range(candidates.row_count):
            await pilot.press("a")
            await pilot.pause()
        assert not candidates.display
        assert app.focused is not None
        assert app.focused.display
        assert app.focused.id == "letters-table"
        await pilot.press("greater_than_sign")  # keys work without tab
        await pilot.pause()
        said = [notice.message for notice in app._notifications]
        assert not any("Select a letter first" in message for message in said)
