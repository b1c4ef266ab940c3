"""StreamField blocks for lesson bodies. Each block has its own template under
``templates/lessons/blocks/``. There is deliberately no raw-HTML block: editors cannot
place script in a lesson."""

from urllib.parse import parse_qs, urlparse

from django import forms
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link", "document-link", "h3", "h4"]
INLINE_FEATURES = ["bold", "italic", "link"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Section heading")), ("h3", _("Sub-heading"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "lessons/blocks/heading.html"
        preview_value = {"text": "Bối cảnh lịch sử", "level": "h2"}


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        required=False,
        max_length=250,
        help_text=_("Describe the image for learners who cannot see it. Defaults to its title."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=300)

    class Meta:
        icon = "image"
        label = _("Image with caption")
        template = "lessons/blocks/image.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Link text"),
        required=False,
        max_length=200,
        help_text=_("Defaults to the document's title."),
    )
    description = blocks.TextBlock(label=_("Description"), required=False, max_length=500)

    class Meta:
        icon = "doc-full"
        label = _("Document download")
        template = "lessons/blocks/document.html"


class VideoValue(blocks.StructValue):
    @cached_property
    def embed_url(self) -> str:
        """A privacy-friendly player address for known providers, else ''."""
        return video_embed_url(self.get("url") or "")


VIDEO_PROVIDERS = {
    "www.youtube.com": "youtube",
    "youtube.com": "youtube",
    "m.youtube.com": "youtube",
    "youtu.be": "youtube",
    "vimeo.com": "vimeo",
    "player.vimeo.com": "vimeo",
}


def video_embed_url(url: str) -> str:
    parsed = urlparse(url)
    if parsed.scheme != "https":
        return ""
    provider = VIDEO_PROVIDERS.get(parsed.netloc.lower())
    if provider == "youtube":
        if parsed.netloc.lower() == "youtu.be":
            video_id = parsed.path.strip("/")
        elif parsed.path.startswith(("/embed/", "/shorts/")):
            video_id = parsed.path.split("/")[2]
        else:
            video_id = parse_qs(parsed.query).get("v", [""])[0]
        return (
            f"https://www.youtube-nocookie.com/embed/{video_id}"
            if video_id.isascii() and video_id
            else ""
        )
    if provider == "vimeo":
        video_id = parsed.path.rstrip("/").rsplit("/", 1)[-1]
        return f"https://player.vimeo.com/video/{video_id}" if video_id.isdigit() else ""
    return ""


class VideoBlock(blocks.StructBlock):
    """A video from YouTube or Vimeo.

    Rendered as a link card with the title and length; the player is only loaded when the
    learner asks for it (a small script swaps the card for the player). On a weak 3G
    connection an iframe player that loads on its own costs more than the whole lesson.
    """

    url = blocks.URLBlock(
        label=_("Video address"), help_text=_("A YouTube or Vimeo link, starting with https://")
    )
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    duration = blocks.CharBlock(
        label=_("Length"), required=False, max_length=20, help_text=_("For example 12:30")
    )
    transcript = blocks.TextBlock(
        label=_("Summary or transcript"),
        required=False,
        help_text=_("For learners who cannot play the video."),
    )

    def clean(self, value):
        value = super().clean(value)
        if not video_embed_url(value.get("url") or ""):
            raise StructBlockValidationError(
                block_errors={
                    "url": forms.ValidationError(
                        _("Use a https:// link to a video on YouTube or Vimeo.")
                    )
                }
            )
        return value

    class Meta:
        icon = "media"
        label = _("Video")
        template = "lessons/blocks/video.html"
        value_class = VideoValue


class QuotationBlock(blocks.StructBlock):
    """A passage quoted from a Party or State document, always with its citation."""

    text = blocks.TextBlock(label=_("Quoted text"))
    document = blocks.CharBlock(
        label=_("Document"),
        max_length=300,
        help_text=_("For example: Văn kiện Đại hội đại biểu toàn quốc lần thứ XIII"),
    )
    citation = blocks.CharBlock(
        label=_("Article, section or page"),
        max_length=200,
        help_text=_("For example: Điều 4, khoản 1"),
    )

    class Meta:
        icon = "openquote"
        label = _("Quotation from a document")
        template = "lessons/blocks/quotation.html"


class KeyPointsBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=120)
    points = blocks.ListBlock(
        blocks.CharBlock(label=_("Point"), max_length=500),
        label=pgettext_lazy("key points block", "Points"),
        min_num=1,
    )

    class Meta:
        icon = "list-ul"
        label = _("Key points")
        template = "lessons/blocks/key_points.html"


class ReflectionBlock(blocks.StructBlock):
    question = blocks.TextBlock(label=_("Question"))
    hint = blocks.TextBlock(label=_("Hint"), required=False)

    class Meta:
        icon = "help"
        label = _("Reflection question")
        template = "lessons/blocks/reflection.html"


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("Kind"),
        choices=[("info", _("Note")), ("tip", _("Tip")), ("warning", _("Important"))],
        default="info",
    )
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=120)
    text = blocks.RichTextBlock(label=_("Text"), features=INLINE_FEATURES)

    class Meta:
        icon = "warning"
        label = _("Callout")
        template = "lessons/blocks/callout.html"


class LessonBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        label=_("Rich text"), features=TEXT_FEATURES, template="lessons/blocks/paragraph.html"
    )
    heading = HeadingBlock()
    image = CaptionedImageBlock()
    document = DocumentBlock()
    video = VideoBlock()
    quotation = QuotationBlock()
    key_points = KeyPointsBlock()
    reflection = ReflectionBlock()
    callout = CalloutBlock()

    class Meta:
        min_num = 1
