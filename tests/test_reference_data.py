"""Reference data loads typed and validated; a bad row is an error naming file, line and column."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from zairyu.data import same_sex_marriage, statuses
from zairyu.data.countries import country_codes
from zairyu.data.csvfile import ReferenceDataError


def test_same_sex_marriage_table_has_every_country_with_a_source() -> None:
    laws = same_sex_marriage.laws()
    performing = [law for law in laws if law.recognition == "performs" and law.performs_from]
    assert len({law.code for law in performing if "-" not in law.code}) >= 38
    assert all(law.source_urls for law in laws)
    table = same_sex_marriage.marriage_in_force()
    assert table.value("TH", dt.date(2025, 1, 22)) is False
    assert table.value("TH", dt.date(2025, 1, 23)) is True
    assert table.value("GB", dt.date(2015, 6, 1)) is None
    assert table.value("GB-SCT", dt.date(2015, 6, 1)) is True
    assert table.value("GB-NIR", dt.date(2015, 6, 1)) is False
    assert table.value("US", dt.date(2010, 6, 1)) is None
    assert table.value("JP", dt.date(2026, 1, 1)) is False
    assert same_sex_marriage.partial_recognition().value("IL", dt.date(2026, 1, 1)) is True


def test_status_catalogue_covers_both_appended_tables() -> None:
    catalogue = statuses.by_code()
    assert {"diplomat", "student", "dependent", "designated_activities"} <= set(catalogue)
    assert {s.code for s in catalogue.values() if s.appended_table == "II"} == {
        "permanent_resident",
        "spouse_or_child_of_japanese_national",
        "spouse_or_child_of_permanent_resident",
        "long_term_resident",
    }
    assert catalogue["long_term_resident"].name.ja == "定住者"
    assert catalogue["student"].periods_of_stay[0].token == "upto:4y3m"
    assert catalogue["permanent_resident"].work == "unrestricted"
    assert not catalogue["employment_for_skill_development"].in_force(dt.date(2026, 11, 22))
    assert catalogue["employment_for_skill_development"].in_force(dt.date(2027, 4, 1))


def test_country_codes_include_subdivisions_and_japanese_names() -> None:
    codes = country_codes()
    assert codes.normalise("gb-wls") == "GB-EAW"
    assert codes.label("TW").ja == "台湾"
    assert codes.label("FR").ja == "フランス"
    assert codes.normalise("XZ") is None


def _copy_with(tmp_path: Path, source: Path, old: str, new: str) -> Path:
    text = source.read_text(encoding="utf-8")
    assert old in text
    target = tmp_path / source.name
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    return target


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("TH,Thailand", "QQ,Thailand", r"same_sex_marriage.csv:\d+: column 'code': 'QQ'"),
        (
            "2025-01-23",
            "2025-02-30",
            r"same_sex_marriage.csv:\d+: column 'performs_from': '2025-02-30' is not a real date",
        ),
        (
            ",performs,nationwide,confirmed,secondary,https://en.wikipedia.org/wiki/Legal_status_of_same-sex_marriage ; https://www.pewresearch.org/religion/fact-sheet/same-sex-marriage-around-the-world/,First",
            ",performs,nationwide,confirmed,secondary,http://w.owiki.org/wiki/x,First",
            r"column 'source_url'.*mirror",
        ),
        (
            "2020-01-13,,day,performs,nationwide",
            "2019-01-13,,day,performs,nationwide",
            r"GB must equal the latest date of its parts",
        ),
        ("code,name_en", "kode,name_en", r"same_sex_marriage.csv:1: header"),
    ],
)
def test_bad_marriage_rows_name_file_line_and_column(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    with pytest.raises(ReferenceDataError, match=message):
        same_sex_marriage.load(_copy_with(tmp_path, same_sex_marriage.FILE, old, new))


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "student,留学,Student,I,4,none",
            "student,留学,Student,I,9,none",
            r"statuses_of_residence.csv:\d+: column 'table_section'",
        ),
        (
            "student,留学,Student,I,4,none,yes,upto:4y3m",
            "student,留学,Student,I,4,none,yes,upto:4q",
            r"column 'periods_of_stay'.*unreadable period 'upto:4q'",
        ),
        (
            "student,留学,Student,I,4,none,yes",
            "student,留学,Student,I,4,sometimes,yes",
            r"column 'work': 'sometimes' is not one of",
        ),
    ],
)
def test_bad_status_rows_name_file_line_and_column(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    with pytest.raises(ReferenceDataError, match=message):
        statuses.load(_copy_with(tmp_path, statuses.FILE, old, new))


def test_truncated_and_unreadable_files_are_clear_errors(tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(ReferenceDataError, match=r"empty\.csv:1: the file is empty"):
        statuses.load(empty)
    short = tmp_path / "short.csv"
    short.write_text(",".join(statuses.COLUMNS) + "\nstudent,留学\n", encoding="utf-8")
    with pytest.raises(ReferenceDataError, match=r"short.csv:2: 2 fields, expected 13"):
        statuses.load(short)
    with pytest.raises(ReferenceDataError, match=r"cannot be read"):
        statuses.load(tmp_path / "missing.csv")
