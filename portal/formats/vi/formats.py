"""The centre's own way of writing dates: "05/12/2026", "03:36, 05/12/2026" (Django's
Vietnamese default writes "03:36 Ngày 05 tháng 12 năm 2026")."""

DATE_FORMAT = "d/m/Y"
DATETIME_FORMAT = "H:i, d/m/Y"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "H:i, d/m/Y"
TIME_FORMAT = "H:i"
