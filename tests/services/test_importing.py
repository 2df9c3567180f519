"""CSV import of programs: good files, bad files, all or nothing."""

from pathlib import Path

import pendulum
import pytest

from tracker.services.importing import ImportRefused, import_programs_csv
from tracker.store import programs as store

TODAY = pendulum.date(2026, 7, 15)
SAMPLE = Path(__file__).parents[2] / "samples" / "programs.csv"


def write(tmp_path, text, name="p.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_the_shipped_sample_imports(db):
    result = import_programs_csv(db, SAMPLE, TODAY)
    assert (result.added, result.updated, result.skipped) == (3, 0, 0)
    programs = {p.institution: p for p in store.list_programs(db)}
    coastal = programs["Coastal Bay Medical Center"]
    assert coastal.kind == "affiliated"
    assert coastal.housing_monthly_cents == 190000
    rotations = store.list_rotations(db)
    northfield = [r for r in rotations if r.institution == "Northfield University Hospital"]
    assert northfield[0].ends_on == "2027-05-30"  # R5: four weeks from the block start


def test_bom_semicolons_aliases_and_non_ascii(db, tmp_path):
    path = write(
        tmp_path,
        "\ufeffProgram;Hospital;Type;J1;IMGs\nAnestesia electiva;Hôpital Zoë;Community;Y;no\n",
        encoding="utf-8",
    )
    assert import_programs_csv(db, path, TODAY).added == 1
    [program] = store.list_programs(db)
    assert (program.institution, program.kind, program.sponsors_j1, program.has_img_residents) == (
        "Hôpital Zoë",
        "community",
        "yes",
        "no",
    )


def test_unknown_columns_are_reported_not_fatal(db, tmp_path):
    path = write(tmp_path, "name,kind,favourite colour\nA,community,blue\n")
    result = import_programs_csv(db, path, TODAY)
    assert result.added == 1
    assert result.ignored_columns == ("favourite colour",)


def refused(db, path) -> list[str]:
    with pytest.raises(ImportRefused) as error:
        import_programs_csv(db, path, TODAY)
    assert store.count_programs(db) == 0, "nothing may be half-imported"
    return error.value.problems


def test_missing_required_column(db, tmp_path):
    problems = refused(db, write(tmp_path, "institution,city\nX,Y\n"))
    assert problems == [
        "line 1: name: required column missing (found: institution, city)",
        "line 1: kind: required column missing (found: institution, city)",
    ]


def test_unknown_enum_and_bad_date_name_line_and_column(db, tmp_path):
    text = (
        "Program,Kind,Deadline,J-1\n"
        "Good,academic,2026-09-01,yes\n"
        "Bad kind,hospital,,yes\n"
        "Bad date,community,2026-02-30,perhaps\n"
    )
    problems = refused(db, write(tmp_path, text))
    assert problems == [
        "line 3: Kind: 'hospital' is not one of academic, affiliated, community",
        "line 4: J-1: 'perhaps' is not one of yes, no, unknown",
        "line 4: Deadline: '2026-02-30' is not a date: no such date",
    ]


def test_empty_files(db, tmp_path):
    assert "empty" in refused(db, write(tmp_path, ""))[0]
    assert "no rows" in refused(db, write(tmp_path, "name,kind\n", "h.csv"))[0]


def test_duplicate_rows_are_named(db, tmp_path):
    text = "name,institution,kind\nA,X,academic\nB,Y,academic\na,x,community\n"
    problems = refused(db, write(tmp_path, text))
    assert problems == ["line 4: name: same program and institution as line 2"]


def test_not_utf8(db, tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes("name,kind\nHôpital,academic\n".encode("latin-1"))
    [problem] = refused(db, path)
    assert problem.startswith("line 2, character 2: byte 0xF4 is not utf-8 text")
    assert "--encoding cp1252" in problem
    assert import_programs_csv(db, path, TODAY, encoding="cp1252").added == 1
    assert store.list_programs(db)[0].name == "Hôpital"


def test_ten_thousand_rows_all_or_nothing(db, tmp_path):
    lines = ["name,institution,kind,sponsors j-1"]
    lines += [f"Elective {i},Hospital {i},academic,yes" for i in range(10_000)]
    bad = write(tmp_path, "\n".join(lines + ["Elective X,Hospital X,palace,yes"]), "bad.csv")
    assert refused(db, bad) == [
        "line 10002: kind: 'palace' is not one of academic, affiliated, community"
    ]
    good = write(tmp_path, "\n".join(lines), "good.csv")
    assert import_programs_csv(db, good, TODAY).added == 10_000
    assert store.count_programs(db) == 10_000
    again = import_programs_csv(db, good, TODAY)
    assert (again.added, again.skipped) == (0, 10_000)


def test_newlines_inside_quoted_cells_are_kept_and_line_numbers_are_the_files(db, tmp_path):
    text = (
        "name,kind,notes\n"
        '"Two-line\nname",academic,"first\nsecond"\n'
        '"see below\u2028Sneaky,community",affiliated,"NEL\u0085 and form feed\f here"\n'
        "Third,palace,\n"
    )
    assert refused(db, write(tmp_path, text)) == [
        "line 6: kind: 'palace' is not one of academic, affiliated, community"
    ]
    good = write(tmp_path, text.replace("palace", "community"), "good.csv")
    assert import_programs_csv(db, good, TODAY).added == 3
    names = sorted(p.name for p in store.list_programs(db))
    assert names == ["Third", "Two-line\nname", "see below\u2028Sneaky,community"]
    notes = {p.name: p.notes for p in store.list_programs(db)}
    assert notes["Two-line\nname"] == "first\nsecond"


def test_an_over_long_cell_names_its_line_and_column(db, tmp_path):
    text = f"name,kind,notes\nA,academic,{'x' * 200_000}\n{'n' * 201},community,\n"
    assert refused(db, write(tmp_path, text)) == [
        "line 2: notes: at most 20,000 characters (this has 200,000)",
        "line 3: name: at most 200 characters (this has 201)",
    ]


def test_an_unterminated_quote_is_named_as_such(db, tmp_path):
    text = 'name,kind\nGood,academic\n"Open quote,community\nNext,academic\n'
    assert refused(db, write(tmp_path, text)) == [
        'line 3: a quoted cell opens here and never closes (a missing closing ")'
    ]


def test_nul_is_cleaned_before_checks_and_duplicates(db, tmp_path):
    text = "name,kind\nA\0B,academic\nAB,academic\n\0,community\n"
    assert refused(db, write(tmp_path, text)) == [
        "line 3: name: same program and institution as line 2",
        "line 4: name: required",
    ]


def test_limits_and_dates_out_of_range(db, tmp_path):
    text = "name,kind,deadline\n   ,academic,\nOld,academic,1999-12-31\n"
    assert refused(db, write(tmp_path, text)) == [
        "line 2: name: required",
        "line 3: deadline: '1999-12-31' is not a date: the year must be between 2000 and 2100",
    ]


def test_an_unknown_encoding_is_one_line(db, tmp_path):
    path = write(tmp_path, "name,kind\nA,academic\n")
    with pytest.raises(ImportRefused) as error:
        import_programs_csv(db, path, TODAY, encoding="klingon")
    assert error.value.problems == [
        f"{path}: unknown encoding 'klingon' (try utf-8, cp1252 or latin-1)"
    ]


def test_each_application_belongs_to_the_program_on_its_row(db, tmp_path):
    # Applications are linked to their new programs by id as they are inserted
    # (insert_many's links), not by a changed copy of each record.
    lines = ["name,institution,kind,deadline,block start"]
    lines += [
        f"Elective {i},Hospital {i},academic,2027-01-{i % 28 + 1:02d},"
        + ("" if i % 3 else f"2027-03-{i % 28 + 1:02d}")
        for i in range(300)
    ]
    import_programs_csv(db, write(tmp_path, "\n".join(lines)), TODAY)
    rotations = store.list_rotations(db)
    assert len(rotations) == 300
    for rotation in rotations:
        number = int(rotation.institution.removeprefix("Hospital "))
        assert rotation.program_name == f"Elective {number}"
        assert rotation.deadline_on == f"2027-01-{number % 28 + 1:02d}"
        assert rotation.starts_on == (None if number % 3 else f"2027-03-{number % 28 + 1:02d}")
