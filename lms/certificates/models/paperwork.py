import re

from django.db import models
from django.utils.translation import gettext_lazy as _

OPENING_BASIS = """Căn cứ chức năng, nhiệm vụ, quyền hạn của {centre};
Căn cứ chương trình {course} và kế hoạch đào tạo, bồi dưỡng năm {year} của {centre};
Xét đề nghị của bộ phận phụ trách đào tạo,"""

OPENING_ARTICLES = """Điều 1. Mở {class}, thời gian học từ ngày {opens} đến ngày {closes}, tại {venue}. Lớp gồm {count} học viên (có danh sách kèm theo).
Điều 2. Học viên có trách nhiệm học tập đầy đủ nội dung chương trình, tham dự đủ các buổi học trực tiếp, làm bài kiểm tra, bài thu hoạch và chấp hành nghiêm nội quy, quy chế học tập của {centre}.
Điều 3. Quyết định có hiệu lực kể từ ngày ký. Bộ phận phụ trách đào tạo, giảng viên được phân công, cấp uỷ, cơ quan, đơn vị có học viên và các học viên có tên trong danh sách kèm theo chịu trách nhiệm thi hành Quyết định này."""

COMPLETION_BASIS = """Căn cứ chức năng, nhiệm vụ, quyền hạn của {centre};
Căn cứ Quyết định mở {class};
Căn cứ kết quả học tập của học viên;
Xét đề nghị của bộ phận phụ trách đào tạo,"""

COMPLETION_ARTICLES = """Điều 1. Công nhận {count} học viên {class} đã hoàn thành chương trình {course}, thời gian học từ ngày {opens} đến ngày {closes} (có danh sách kèm theo).
Điều 2. Cấp giấy chứng nhận cho các học viên có tên tại Điều 1.
Điều 3. Quyết định có hiệu lực kể từ ngày ký. Bộ phận phụ trách đào tạo, cấp uỷ, cơ quan, đơn vị có học viên và các học viên có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này."""

RECIPIENTS = """- Như Điều 3;
- Lưu: VT."""

NOTICE_TEXT = """{centre} thông báo kết quả học tập của các đồng chí thuộc {organisation} tham gia {class}, học tập chương trình {course}, thời gian học từ ngày {opens} đến ngày {closes}, như sau:"""

NOTICE_CLOSING = """{centre} trân trọng thông báo để {organisation} biết, theo dõi và lưu hồ sơ đảng viên, học viên./."""

PLACEHOLDER = re.compile(r"\{(\w+)\}")


def fill(text: str, values: dict) -> str:
    """``text`` with each {name} it knows replaced; unknown names stay as they are, so a
    typing slip in the admin shows on paper instead of breaking the document."""
    return PLACEHOLDER.sub(lambda m: str(values.get(m.group(1), m.group(0))), text)


class PaperworkSettings(models.Model):
    """The wording of a centre's class documents (decisions, results notice), edited by
    staff in the admin. The header (issuing body, national header, place, signatory)
    is the centre's own."""

    centre = models.OneToOneField(
        "lms.Centre",
        verbose_name=_("centre"),
        on_delete=models.CASCADE,
        related_name="paperwork_settings",
    )
    decision_symbol = models.CharField(
        _("symbol of decisions"),
        max_length=40,
        default="QĐ-TTCT",
        help_text=_('Printed after the number: "No.: ……/QĐ-TTCT".'),
    )
    notice_symbol = models.CharField(
        _("symbol of notices"),
        max_length=40,
        default="TB-TTCT",
    )
    decision_maker = models.CharField(
        _("decision maker"),
        max_length=255,
        blank=True,
        help_text=_("The line above the grounds, in capitals. Empty: “GIÁM ĐỐC” and the centre."),
    )
    opening_basis = models.TextField(
        _("grounds of the decision to open a class"),
        default=OPENING_BASIS,
        help_text=_("One paragraph a line."),
    )
    opening_articles = models.TextField(
        _("articles of the decision to open a class"),
        default=OPENING_ARTICLES,
        help_text=_("One article a line."),
    )
    completion_basis = models.TextField(
        _("grounds of the decision recognising completion"), default=COMPLETION_BASIS
    )
    completion_articles = models.TextField(
        _("articles of the decision recognising completion"), default=COMPLETION_ARTICLES
    )
    recipients = models.TextField(_("recipients of decisions"), default=RECIPIENTS)
    notice_text = models.TextField(_("opening of the results notice"), default=NOTICE_TEXT)
    notice_closing = models.TextField(_("closing of the results notice"), default=NOTICE_CLOSING)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("class document wording")
        verbose_name_plural = _("class document wording")

    def __str__(self) -> str:
        return str(self.centre)

    @classmethod
    def for_centre(cls, centre) -> "PaperworkSettings":
        return cls.objects.filter(centre=centre).first() or cls(centre=centre)

    def maker(self) -> str:
        return (self.decision_maker or f"Giám đốc {self.centre.name}").upper()
