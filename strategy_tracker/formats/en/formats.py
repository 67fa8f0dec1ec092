# English dates in one style everywhere, a date and a time alike (5 Dec 2026, 5 Dec 2026 14:30): the month in
# words, so 5/12 and 12/5 are never confused.
DATE_FORMAT = "j M Y"
SHORT_DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j M Y H:i"
SHORT_DATETIME_FORMAT = "j M Y H:i"
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
