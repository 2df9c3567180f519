"""Pilot tests pressing real keys in the app shell."""

import pytest
from textual.widgets import DataTable, HelpPanel

from tests.conftest import DEMO_DAY
from tests.ui.test_hostile_text import screen_output
from tracker.store.db import open_db
from tracker.store.profile import get_profile
from tracker.ui.app import make_app
from tracker.ui.modals.form import FormScreen
from tracker.ui.modals.welcome import WelcomeScreen
from tracker.ui.panes.base import AreaPane

PANE_TABLES = {
    "1": ("today", "today-table"),
    "2": ("applications", "rotations-table"),
    "3": ("checklists", "checklist-table"),
    "4": ("budget", "housing-table"),
    "5": ("journal", "journal-table"),
    "6": ("letters", "letters-table"),
}


async def test_keys_one_to_six_show_each_pane_with_its_records(demo_path):
    app = make_app(demo_path, DEMO_DAY)
    async with app.run_test(size=(120, 40)) as pilot:
        for key in "234561":
            await pilot.press(key)
            await pilot.pause()
            pane_id, table_id = PANE_TABLES[key]
            assert app.active_pane == pane_id
            table = app.query_one(f"#{table_id}", DataTable)
            assert table.row_count > 0, pane_id
            assert app.focused is table


async def test_journal_pane_lists_every_day(demo_path):
    app = make_app(demo_path, DEMO_DAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("5")
        await pilot.pause()
        assert app.query_one("#journal-table", DataTable).row_count == 40


async def test_question_mark_toggles_the_keys_panel(demo_path):
    app = make_app(demo_path, DEMO_DAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert app.screen.query(HelpPanel)
        await pilot.press("question_mark")
        await pilot.pause()
        assert not app.screen.query(HelpPanel)


async def test_header_shows_the_database_and_date(demo_path):
    app = make_app(demo_path, DEMO_DAY)
    async with app.run_test(size=(120, 40)):
        assert str(demo_path) in app.sub_title
        assert "15 Jul 2026" in app.sub_title


async def test_welcome_then_profile_form_saves_valid_values(db_path):
    app = make_app(db_path, DEMO_DAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        await pilot.press(*"Amara Diallo")
        await pilot.press("tab", "tab", "tab", *"20xx")  # ERAS season: not a number
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)  # refused, still open
        error = app.screen.query_one("#error-eras_season")
        assert "whole number" in str(error.render())
        assert error.display
        assert app.screen.region.contains_region(error.region)
        assert get_profile(app.db).full_name == ""  # nothing written
        await pilot.press("backspace", "backspace", *"28")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, FormScreen)
    profile = get_profile(open_db(db_path))
    assert profile.full_name == "Amara Diallo"
    assert profile.match_year == 2028, "ERAS 2028 is AAMC's name for the 2028 Match's season"


async def test_welcome_demo_choice_opens_a_separate_demo_file(db_path):
    app = make_app(db_path, DEMO_DAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
    demo = db_path.with_name("away-demo.db")
    assert app.return_value == demo
    assert demo.exists()
    assert open_db(db_path).execute("SELECT count(*) FROM programs").fetchone()[0] == 0


async def test_command_palette_goes_to_a_pane(demo_path):
    app = make_app(demo_path, DEMO_DAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Go to Letters")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.active_pane == "letters"


async def test_fast_key_presses_end_on_the_last_pane(demo_path):
    app = make_app(demo_path, DEMO_DAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2", "3", "4", "5")
        await pilot.pause()
        await pilot.pause()
        assert app.active_pane == "journal"
        assert app.focused is app.query_one("#journal-table")


@pytest.mark.parametrize(("size", "column"), [((120, 40), 73), ((80, 24), 63)])
async def test_mouse_click_on_a_tab_switches_pane(demo_path, size, column):
    from tracker.ui.widgets.pane_tabs import PaneTabs

    app = make_app(demo_path, DEMO_DAY)
    async with app.run_test(size=size) as pilot:
        tabs = app.query_one(PaneTabs)
        letters = next(tab for tab in tabs.placed() if tab.id == "letters")
        assert letters.start <= column < letters.end  # (the label drawn there)
        await pilot.click(PaneTabs, offset=(column, 0))
        await pilot.pause()
        assert app.active_pane == tabs.active == "letters"
        assert app.query_one("#letters-table", DataTable).row_count == 4
        assert app.focused is app.query_one("#letters-table")
        assert not app.query_one("#today-pane").display


async def test_a_write_reloads_only_the_panes_that_show_its_area(demo_path):
    app = make_app(demo_path, DEMO_DAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(1.5)  # the warm-up has built every pane
        await pilot.press("2")
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("up", "enter")  # another status for the selected application
        await pilot.pause()
        await pilot.pause()
        stale = {pane.PANE_ID for pane in app.query(AreaPane) if not pane.loaded}
        # Today shows deadlines; Checklists, Budget and Letters group by rotation, ERAS
        # seeds its drafts from secured blocks; the Journal does not change.
        assert stale == {"today", "checklists", "budget", "letters", "eras"}


async def test_today_lists_the_guides_findings_and_enter_opens_their_pane(demo_path):
    from tracker.ui.panes.today import TodayPane

    app = make_app(demo_path, DEMO_DAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        today = app.query_one(TodayPane)
        rules = {line.rule_id for line in today.lines}
        assert {"L1", "R6", "J5"} <= rules
        table = app.query_one("#today-table", DataTable)
        row = next(i for i, line in enumerate(today.lines) if line.pane == "letters")
        table.move_cursor(row=row)
        await pilot.press("enter")
        await pilot.pause()
        assert app.active_pane == "letters"


async def test_enter_on_a_line_of_today_lands_on_its_record(demo_path):
    """A due checklist item, a follow-up and an application each open in their pane with
    the cursor on their own row (the item inside its block's group)."""
    from tracker.domain.checklists import ChecklistItem
    from tracker.domain.letters import FollowUp
    from tracker.store import checklists, letters, programs
    from tracker.ui.panes.checklists import ChecklistsPane
    from tracker.ui.panes.today import TodayPane
    from tracker.ui.widgets.tables import selected_key

    db = open_db(demo_path)
    block = next(r for r in programs.list_rotations(db) if r.status == "accepted")
    item_id = checklists.add_item(
        db, ChecklistItem(title="Mask fit test", rotation_id=block.id, due_on="2026-07-17")
    )
    person = letters.person_named(db, "Dr. Helen Ward")
    follow_up_id = letters.add_follow_up(
        db, FollowUp(person_id=person, due_on="2026-07-16", action="Send the thank-you")
    )
    maple = next(r.id for r in programs.list_rotations(db) if "Maple" in r.institution)
    db.close()
    app = make_app(demo_path, DEMO_DAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        today = app.query_one(TodayPane)
        table = app.query_one("#today-table", DataTable)
        cases = [
            ("Mask fit test", "checklists", "#checklist-table", item_id),
            ("Send the thank-you", "letters", "#follow-ups-table", follow_up_id),
            ("Application deadline: Maple", "applications", "#rotations-table", maple),
        ]
        for words, pane, table_id, record_id in cases:
            await pilot.press("1")
            await pilot.pause()
            row = next(i for i, line in enumerate(today.lines) if words in line.text)
            table.move_cursor(row=row)
            await pilot.press("enter")
            await pilot.pause()
            assert app.active_pane == pane, words
            landed = app.query_one(table_id, DataTable)
            assert landed.has_focus, f"{table_id} should hold the focus after enter"
            assert selected_key(landed) == record_id, f"{words}: cursor on the wrong row"
        group = app.query_one(ChecklistsPane).group
        assert group is not None
        assert group.rotation_id == block.id, "the item's block group is shown"


async def test_ctrl_e_exports_the_summary_beside_the_database(demo_path):
    from tracker.ui.modals.choice import ChoiceScreen

    app = make_app(demo_path, DEMO_DAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("down", "enter")  # HTML
        await pilot.pause()
        from tracker.ui.modals.sections import SectionsScreen

        assert isinstance(app.screen, SectionsScreen)
        ticked = set(app.screen.query_one("#sections-list").selected)
        assert ticked == {"profile", "rotations", "letters", "cases", "stories", "highlights"}
        await pilot.press("a", "enter")  # every section: a copy for yourself
        await pilot.pause()
        await pilot.press("ctrl+s")  # the default path beside the database
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert any("Written to" in str(n.message) for n in app._notifications)
    written = list((demo_path.parent / "exports").glob("away-summary-*.html"))
    assert len(written) == 1
    page = written[0].read_text(encoding="utf-8")
    assert "<h2>Letters of recommendation</h2>" in page
    assert "<h2>Budget</h2>" in page


async def test_start_up_ends_with_every_style_read_ahead_and_started_called_once(demo_path):
    """The CLI resumes the garbage collector in `started`: it must come, once, after the
    warm-up has read every pane's styles; the panes are built too, in their hidden tabs."""
    from tracker.ui.panes import PANES

    app = make_app(demo_path, DEMO_DAY)
    styles = [path for spec in PANES for path in spec.styles]
    calls: list[bool] = []
    app.started = lambda: calls.append(all(app.stylesheet.has_source(str(path)) for path in styles))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(1.0)
        assert calls == [True], "started() was not called once, after every style was read"
        # Every pane built and filled in its tab, none shown: Today is still what is seen.
        # (one at a time after the warm-up: a busy test machine takes a few seconds)
        for _ in range(100):
            if len(app.query(AreaPane)) == len(PANES) and all(
                pane.loaded for pane in app.query(AreaPane)
            ):
                break
            await pilot.pause(0.1)
        assert len(app.query(AreaPane)) == len(PANES), "the warm-up did not build the panes"
        assert [pane.PANE_ID for pane in app.query(AreaPane) if pane.loaded] == [
            spec.id for spec in PANES
        ]
        assert app.active_pane == "today"
        assert app.screen.focused is None or app.screen.focused.id == "today-table"


async def test_after_the_warm_up_no_pane_or_form_brings_styles_to_parse(demo_path):
    """Textual parses the whole stylesheet again when a widget class mounts for the first
    time; the warm-up added every pane's and form's widget styles ahead."""
    app = make_app(demo_path, DEMO_DAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(1.5)
        read = set(app.stylesheet.source)
        for keys in ["2", "n", "escape", "3", "4", "5", "w", "escape", "6", "7"]:
            await pilot.press(keys)
            await pilot.pause()
        assert set(app.stylesheet.source) == read, "styles added after the warm-up"


async def test_full_collections_wait_for_a_pause_in_the_users_input(demo_path, monkeypatch):
    import gc
    import time

    import tracker.ui.warm_up as shell

    collected: list[bool] = []
    monkeypatch.setattr(shell, "FULL_COLLECTION_AFTER", 0)  # something is always pending
    monkeypatch.setattr(gc, "collect", lambda *args: collected.append(True) or 0)
    app = make_app(demo_path, DEMO_DAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")  # a key: the user is busy
        collected.clear()  # (the app's own timer may have run before the key)
        assert time.monotonic() - app.last_input < 1.0
        app._collect_when_idle()
        assert collected == [], "collected while the user was typing"
        app.last_input -= shell.IDLE_BEFORE_COLLECTING_S
        app._collect_when_idle()
        assert collected == [True], "no collection after a pause"


async def test_a_due_full_collection_runs_once_the_screen_shows_what_a_key_did(
    demo_path, monkeypatch
):
    """Left to Python's rare full collections, a pane left or a form closed stayed in
    memory; the app runs them when due, after the frame of the key (not inside it)."""
    import gc

    import tracker.ui.warm_up as shell

    events: list[str] = []
    monkeypatch.setattr(shell, "FULL_COLLECTION_AFTER", 0)  # something is always pending
    monkeypatch.setattr(gc, "collect", lambda *args: events.append("collect") or 0)
    app = make_app(demo_path, DEMO_DAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        draw = app.screen._compositor_refresh
        monkeypatch.setattr(
            app.screen, "_compositor_refresh", lambda: draw() or events.append("frame")
        )
        events.clear()
        await pilot.press("2")
        await pilot.pause(shell.AFTER_FRAME_S + 0.2)
        assert "collect" in events, "no collection after the key"
        assert "frame" in events[: events.index("collect")], "collected before the frame"
        events.clear()
        app._collect_after_frame(app.last_input - 1.0)  # a key came since: its turn
        assert "collect" not in events


async def test_the_footer_shows_each_panes_keys_and_is_built_again_only_when_they_change(
    demo_path, monkeypatch
):
    from textual.widgets._footer import FooterKey

    from tracker.ui.widgets.footer import Footer

    builds: list[int] = []
    recompose = Footer.recompose

    async def counted(footer: Footer) -> None:
        builds.append(1)
        await recompose(footer)

    monkeypatch.setattr(Footer, "recompose", counted)
    app = make_app(demo_path, DEMO_DAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("6")
        await pilot.pause()
        keys = {key.description for key in app.query(FooterKey) if key.display}
        assert {"New", "Ask", "Packet"} <= keys  # Letters' own keys, on screen
        footer = app.query_one(Footer)
        assert footer.region.y == 39
        assert footer.region.height == 1
        builds.clear()
        app.query_one("#letters-table", DataTable).focus()  # focus given again: same keys
        await pilot.pause()
        assert builds == []
        await pilot.press("4")
        await pilot.pause()
        assert 1 <= len(builds) <= 2
        assert "Packet" not in {key.description for key in app.query(FooterKey)}


async def test_the_keys_a_footer_replaced_do_not_stay_in_memory(demo_path):
    """Textual's footer bound every key it built to itself: each pane switch kept a dozen
    replaced keys alive, all day."""
    import gc

    from textual.widgets._footer import FooterKey

    app = make_app(demo_path, DEMO_DAY)
    async with app.run_test(size=(120, 40)) as pilot:
        for key in "2345672345":
            await pilot.press(key)
            await pilot.pause()
        gc.collect()
        kept = [key for key in gc.get_objects() if isinstance(key, FooterKey)]
        assert kept
        assert all(key.is_attached for key in kept), "replaced footer keys stayed in memory"


async def test_every_tab_is_on_screen_at_80_columns_and_takes_its_full_title_when_wide(
    demo_path,
):
    from tracker.ui.widgets.pane_tabs import PaneTabs

    app = make_app(demo_path, DEMO_DAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        tabs = app.query_one(PaneTabs).placed()
        assert len(tabs) == 7
        for tab in tabs:
            assert tab.end <= 80, tab.label  # not cut off the line
            assert tab.label in screen_output(app)[1]
        assert "4 Budget" in [tab.label for tab in tabs]
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert "4 Housing & Budget" in screen_output(app)[1]


async def test_every_key_of_each_pane_is_on_screen_at_80_columns(demo_path):
    """The palette's key took the room of the last keys ("? Keys" among them) of three
    panes at 80 columns; it shows again when the terminal is wide."""
    from textual.widgets._footer import FooterKey

    def keys_on_screen(app) -> list[FooterKey]:
        return [key for key in app.query(FooterKey) if key.region and key.display]

    app = make_app(demo_path, DEMO_DAY)
    async with app.run_test(size=(80, 24)) as pilot:
        for pane in "1234567":
            await pilot.press(pane)
            await pilot.pause()
            shown = keys_on_screen(app)
            assert "Keys" in [key.description for key in shown], pane
            for key in shown:
                assert key.region.right <= 80, (pane, key.description)
            assert "palette" not in [key.description for key in shown]
        await pilot.resize_terminal(120, 40)
        await pilot.pause(0.2)
        assert "palette" in [key.description for key in keys_on_screen(app)]


@pytest.mark.parametrize("after_s", [0.25, 0.35, 0.45, 0.6, 0.8])
async def test_closing_while_the_warm_up_builds_the_panes_is_no_error(demo_path, after_s):
    # A pane being built ahead as the app closed once filled itself from widgets already
    # taken down: "Away stopped after an unexpected error" on a quick quit.
    app = make_app(demo_path, DEMO_DAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(after_s)
    assert app.return_code in (0, None)
    assert app.crash_log is None


async def test_no_pane_is_built_ahead_once_the_app_closes(demo_path):
    # Closing waits for the pane being built; the next step, called meanwhile or by the
    # timer that waits for a pause in the keys, looked for the tabs of a closed screen
    # (a test that quit right after ten pane switches failed two runs in three).
    app = make_app(demo_path, DEMO_DAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
    await app._build_ahead(app._build_ahead_steps())  # as a late timer would


async def test_no_pane_is_built_ahead_once_the_app_is_asked_to_close(demo_path):
    # exit() not from a key (a key holds the build ahead for a pause): the next step
    # mounted a pane, which Textual refuses from then on (a MountError, a crash log).
    app = make_app(demo_path, DEMO_DAY)
    async with app.run_test(size=(80, 24)):
        app.exit()
        await app._build_ahead(app._build_ahead_steps())
    assert app.crash_log is None


async def test_panes_are_built_ahead_only_while_the_user_pauses(demo_path, monkeypatch):
    import time

    from tracker.ui.app import AwayApp

    monkeypatch.setattr(AwayApp, "_build_ahead_steps", lambda app: [])  # (driven here)
    app = make_app(demo_path, DEMO_DAY)
    async with app.run_test(size=(120, 40)):
        built: list[str] = []
        app.last_input = time.monotonic()  # a key just now
        await app._build_ahead([lambda: built.append("pane")])
        assert built == [], "built while the user was pressing keys"
        app.last_input = time.monotonic() - 5  # a pause
        await app._build_ahead([lambda: built.append("pane")])
        assert built == ["pane"]


async def test_a_widget_is_styled_as_it_mounts_not_as_it_is_made(demo_path, monkeypatch):
    """A class set in a widget's constructor (compact=True) made Textual run the
    stylesheet over it at once, then again as it mounted: a form or the Journal's day
    paid for each editor twice. It is styled once, as it mounts, and styled right."""
    from textual.widgets import Input

    app = make_app(demo_path, DEMO_DAY)
    async with app.run_test(size=(120, 40)) as pilot:
        styled = []
        apply = app.stylesheet.apply
        monkeypatch.setattr(
            app.stylesheet,
            "apply",
            lambda node, **kwargs: (styled.append(node), apply(node, **kwargs)),
        )
        editor = Input(compact=True)
        assert editor.has_class("-textual-compact")
        assert editor not in styled
        await app.screen.mount(editor)
        await pilot.pause()
        assert editor in styled
        height = editor.styles.height
        assert height is not None
        assert height.value == 1  # compact: one line, no border
        editor.add_class("-invalid")  # mounted: a class change restyles at once, as before
        assert styled.count(editor) == 2


@pytest.mark.parametrize(
    ("size", "classes"), [((80, 24), {"-narrow", "-short"}), ((120, 40), {"-wide", "-tall"})]
)
async def test_the_first_screen_is_styled_once_as_it_is_built(
    demo_path, monkeypatch, size, classes
):
    """Textual restyled every widget when the screen first resumed and again when the first
    resize set the breakpoint classes, and the tab bar as it took the focus and gave it
    up: none of that before the first paint now, with the same classes and focus."""
    from textual.dom import DOMNode

    restyled: list[str] = []
    restyle = DOMNode.update_node_styles

    def counted(node: DOMNode, animate: bool = True) -> None:
        restyled.append(type(node).__name__)
        restyle(node, animate)

    monkeypatch.setattr(DOMNode, "update_node_styles", counted)
    focused: list[str] = []
    app = make_app(demo_path, DEMO_DAY)
    async with app.run_test(size=size) as pilot:
        app.screen.watch(
            app.screen, "focused", lambda widget: focused.append(type(widget).__name__)
        )
        await pilot.pause()
        assert classes <= app.screen.classes
        assert "Screen" not in restyled
        assert "MainScreen" not in restyled
        assert app.screen.focused is app.query_one("#today-table")
        # Any later resume that asks for its styles again still has them.
        from textual import events

        restyled.clear()
        app.screen.post_message(events.ScreenResume(refresh_styles=True))
        await pilot.pause()
        assert "MainScreen" in restyled


async def test_footer_keys_are_compact_before_they_mount(demo_path, monkeypatch):
    """Textual made each key compact from a watcher once mounted, restyling every key
    again at start and at each rebuild of the footer (a pane switch)."""
    from textual.css.stylesheet import Stylesheet
    from textual.widgets._footer import FooterKey

    restyled: list[object] = []
    update_nodes = Stylesheet.update_nodes

    def counted(sheet: Stylesheet, nodes, animate: bool = False) -> None:
        nodes = list(nodes)
        restyled.extend(node for node in nodes if isinstance(node, FooterKey))
        update_nodes(sheet, nodes, animate)

    monkeypatch.setattr(Stylesheet, "update_nodes", counted)
    app = make_app(demo_path, DEMO_DAY)
    async with app.run_test(size=(120, 40)) as pilot:
        for key in ["2", "3", "1"]:
            await pilot.press(key)
            await pilot.pause()
        keys = list(app.query(FooterKey))
        assert keys
        assert all(key.has_class("-compact") for key in keys)
        assert restyled == []


async def test_away_widgets_never_arrange_the_screen_from_inside_a_layout(demo_path, monkeypatch):
    """A picker measured during the form's layout asked where it was (content_size): the
    compositor arranged the whole screen again from inside its layout, once per picker.
    (Textual's own scroll bars still do, once in a while: not counted here.)"""
    import traceback

    from textual._compositor import Compositor

    arrange = Compositor._arrange_root
    depth = [0]
    nested_by_away: list[str] = []

    def counted(compositor, *args, **kwargs):  # type: ignore[no-untyped-def]
        if depth[0]:
            stack = traceback.extract_stack()
            nested_by_away.extend(f.name for f in stack if "/tracker/ui/widgets/" in f.filename)
        depth[0] += 1
        try:
            return arrange(compositor, *args, **kwargs)
        finally:
            depth[0] -= 1

    monkeypatch.setattr(Compositor, "_arrange_root", counted)
    app = make_app(demo_path, DEMO_DAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2", "n")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        await pilot.press("escape", "5")  # the Journal's ticks, the tab bar
        await pilot.pause()
    assert nested_by_away == []
