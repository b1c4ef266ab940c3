"""Dates and numbers the Vietnamese way (FORMAT_MODULE_PATH = ["portal.formats"]).

Django's own "vi" formats name no input formats, so forms fell back to the American
defaults and read "11/01/2027" as 1 November. Here day comes before month, always; ISO
("2027-01-11") is accepted too (Django adds the ISO formats to every locale's list)."""

# As Django's "vi" formats; the short ones with slashes, as Vietnamese write them.
DATE_FORMAT = r"\N\gà\y d \t\há\n\g n \nă\m Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = r"H:i \N\gà\y d \t\há\n\g n \nă\m Y"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
FIRST_DAY_OF_WEEK = 1  # Monday

DATE_INPUT_FORMATS = [
    "%d/%m/%Y",  # 11/01/2027
    "%d/%m/%y",  # 11/01/27
    "%d-%m-%Y",  # 11-01-2027
    "%d.%m.%Y",  # 11.01.2027
    "%Y-%m-%d",  # 2027-01-11
]
DATETIME_INPUT_FORMATS = [
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y",
    "%d-%m-%Y %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
]
TIME_INPUT_FORMATS = ["%H:%M", "%H:%M:%S", "%Hh%M", "%Hh"]

DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3
