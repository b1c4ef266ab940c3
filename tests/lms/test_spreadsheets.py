"""One guard against spreadsheet formulas for every export (quizzes.text.spreadsheet_text)."""

from io import BytesIO

from openpyxl import load_workbook

from quizzes.text import from_spreadsheet_text, spreadsheet_text


def test_text_that_looks_like_a_formula_stays_text_and_reads_back():
    for value in ('=HYPERLINK("http://x")', "+84912345678", "-1", "@SUM(A1)"):
        assert spreadsheet_text(value) == "'" + value
        assert from_spreadsheet_text(spreadsheet_text(value)) == value
    assert spreadsheet_text("Nguyễn Văn An") == "Nguyễn Văn An"
    assert spreadsheet_text(12) == 12 and spreadsheet_text("") == ""


def test_a_learner_named_like_a_formula_is_exported_as_text(client, world):
    world.learner.full_name = '=HYPERLINK("http://evil.example","bấm")'
    world.learner.save()
    client.force_login(world.staff)
    response = client.get(f"/learn/classes/{world.klass.pk}/roster/", {"format": "xlsx"})
    sheet = load_workbook(BytesIO(response.content)).active
    cell = sheet.cell(row=2, column=1)
    assert cell.data_type == "s"
    assert cell.value == "'" + world.learner.full_name
