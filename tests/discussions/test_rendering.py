"""What a learner types becomes safe, formatted HTML: the Markdown subset, the
sanitiser's allow-list, and the XSS corpus posted through the real reply form."""

import pytest

from lms.discussions import actions, rendering
from lms.discussions.models import Post

from .conftest import as_user
from .safety import page_problems, post_bodies, problems
from .xss_payloads import PAYLOADS


@pytest.mark.parametrize(
    ("source", "html"),
    [
        ("**đậm** và *nghiêng*", "<p><strong>đậm</strong> và <em>nghiêng</em></p>"),
        ("dòng một\ndòng hai", "<p>dòng một<br>dòng hai</p>"),
        ("đoạn một\n\nđoạn hai", "<p>đoạn một</p><p>đoạn hai</p>"),
        ("- một\n- hai", "<ul><li>một</li><li>hai</li></ul>"),
        ("1. một\n2. hai", "<ol><li>một</li><li>hai</li></ol>"),
        ("> trích dẫn", "<blockquote><p>trích dẫn</p></blockquote>"),
        (
            "[Báo Nhân Dân](https://nhandan.vn)",
            '<p><a href="https://nhandan.vn" rel="nofollow noopener ugc">Báo Nhân Dân</a></p>',
        ),
        (
            "xem https://dangcongsan.vn nhé",
            '<p>xem <a href="https://dangcongsan.vn" rel="nofollow noopener ugc">'
            "https://dangcongsan.vn</a> nhé</p>",
        ),
        (
            "thư: ttct@example.org",
            '<p>thư: <a href="mailto:ttct@example.org" rel="nofollow noopener ugc">'
            "ttct@example.org</a></p>",
        ),
        ("<b>không phải HTML</b>", "<p>&lt;b&gt;không phải HTML&lt;/b&gt;</p>"),
        ("a < b && c > d", "<p>a &lt; b &amp;&amp; c &gt; d</p>"),
    ],
)
def test_markdown_subset(source, html):
    assert rendering.render(source) == html


def test_the_sanitiser_alone_keeps_only_the_allow_list():
    dirty = (
        '<p style="color:red" onclick="x()">a <a href="javascript:x()" title="t">b</a>'
        '<img src="https://t.example/p.gif"><a href="https://ok.vn" target="_blank">c</a></p>'
    )
    clean = rendering.sanitise(dirty)
    assert problems(clean, rendering.ALLOWED_TAGS) == []
    assert "style" not in clean and "onclick" not in clean and "<img" not in clean
    assert '<a href="https://ok.vn" rel="nofollow noopener ugc">c</a>' in clean


def test_a_quote_is_markdown_that_renders_as_a_blockquote():
    source = rendering.quote("Nguyễn Văn An", "Ý kiến **một**\nhai")
    assert rendering.render(source) == (
        "<blockquote><p><strong>Nguyễn Văn An:</strong><br>Ý kiến <strong>một</strong><br>"
        "hai</p></blockquote>"
    )


def test_xss_corpus_through_the_reply_form(client, world, thread, monkeypatch):
    monkeypatch.setattr(actions, "RATE_LIMIT_POSTS", 10_000)
    as_user(client, world.learner.user)
    url = f"/learn/discussions/threads/{thread.pk}/"
    stored = 0
    for payload in PAYLOADS:
        before = Post.objects.count()
        response = client.post(url, {"source": payload})
        if response.status_code == 400:  # refused (e.g. a NUL character): nothing stored
            assert Post.objects.count() == before, payload
            continue
        assert response.status_code == 302, payload
        post = Post.objects.latest("pk")
        assert post.source == rendering.clean_source(payload)
        assert problems(post.html, rendering.ALLOWED_TAGS) == [], (payload, post.html)
        stored += 1
    assert stored >= 100
    for number in range(1, stored // 20 + 2):
        page = client.get(url, {"page": number}).content.decode()
        assert page_problems(page) == []
        bodies = post_bodies(page)
        assert bodies
        for body in bodies:
            assert problems(body, rendering.ALLOWED_TAGS) == [], body
    # what the author typed comes back, escaped, when they edit
    post = Post.objects.filter(source="<script>alert(1)</script>").latest("pk")
    edit = client.get(f"/learn/discussions/posts/{post.pk}/edit/").content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;</textarea>" in edit
    assert page_problems(edit) == []
