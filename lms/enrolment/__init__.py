"""Enrolling learners: one by one, or from the spreadsheet a party cell sends; their
log-ins and one-time passwords."""
