from datetime import date

import pytest

from timeline.temporal.explicit import parse_date, parse_numeric


@pytest.mark.parametrize("text, order, expected", [
    ("17/03/2025", "MDY", date(2025, 3, 17)),  # 17 cannot be a month
    ("03/17/2025", "DMY", date(2025, 3, 17)),  # 17 cannot be a month either way
    ("03/04/2025", "MDY", date(2025, 3, 4)),
    ("03/04/2025", "DMY", date(2025, 4, 3)),
    ("2025-03-17", "MDY", date(2025, 3, 17)),
    ("17.03.25", "DMY", date(2025, 3, 17)),
    ("3/4/98", "MDY", date(1998, 3, 4)),
])
def test_numeric(text, order, expected):
    assert parse_numeric(text, order) == expected


@pytest.mark.parametrize("text", ["31/02/2025", "13/13/2025", "hello"])
def test_numeric_rejects(text):
    assert parse_numeric(text) is None
    assert parse_date(text, date(2025, 3, 17)) is None


def test_other_forms_go_to_dateparser_with_explicit_settings():
    assert parse_date("17 March 2025", date(2000, 1, 1)) == date(2025, 3, 17)
    assert parse_date("March 17th, 2025", None) == date(2025, 3, 17)
