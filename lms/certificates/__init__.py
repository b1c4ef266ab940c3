"""Completion rules, completion records (the centre's register), certificate PDFs and
public verification. See docs/certificates.md."""
