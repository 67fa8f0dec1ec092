"""The task list's "due in" choices span the years of the reporting calendar, read from where they are defined."""

from plans.filters import quarter_choices
from reporting.calendar import FIRST_YEAR, LAST_YEAR


def test_the_due_quarters_run_from_the_calendars_first_year_to_its_last():
    codes = [code for code, _label in quarter_choices()]
    assert codes[0] == f"{FIRST_YEAR}Q1" and codes[-1] == f"{LAST_YEAR}Q4"
    assert len(codes) == 4 * (LAST_YEAR - FIRST_YEAR + 1) == len(set(codes))
