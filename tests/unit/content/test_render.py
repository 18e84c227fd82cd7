"""render_markdown: QTextBrowser-safe HTML, link and picture rules, never raising; the cached
PageRenderer the reader screen calls."""

from __future__ import annotations

import re
import threading
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.content import render
from kiosk.content.images import KIOSK_IMAGE_SCHEME, image_size, path_from_kiosk_image_url
from kiosk.content.limits import MAX_BODY_CHARS, MAX_BRACKETS
from kiosk.content.model import Deck, Library, Page
from kiosk.content.render import PageRenderer, render_markdown, render_page
from tests.unit.content.content_helpers import TODAY, make_root, svg, valid_png, write

ALLOWED = {
    "p": {"class"},
    "ul": set(),
    "ol": {"start"},
    "li": set(),
    "strong": set(),
    "em": set(),
    "a": {"href"},
    "img": {"src", "width", "height", "alt"},
    "br": set(),
    "hr": set(),
    "blockquote": set(),
    "pre": set(),
    "code": set(),
}


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(html: str) -> _Collector:
    collector = _Collector()
    collector.feed(html)
    collector.close()
    return collector


def assert_safe(html: str) -> None:
    """The output is inside the whitelist, whatever the input was."""
    lowered = html.lower()
    for needle in ("<script", "<style", 'href="http', "javascript:", "<iframe", "<object"):
        assert needle not in lowered, (needle, html)
    assert re.search(r"on\w*\s*=", html, re.I) is None, html  # not even in text
    for tag, attributes in parse(html).tags:
        assert tag in ALLOWED, (tag, html)
        assert set(attributes) <= ALLOWED[tag], (tag, attributes, html)
        href = attributes.get("href")
        if href is not None:
            assert href == "action:request-visit" or re.fullmatch(
                r"page:[a-z0-9]+(-[a-z0-9]+)*", href
            ), html
        src = attributes.get("src")
        if src is not None:
            assert src.startswith(KIOSK_IMAGE_SCHEME + ":/"), html


def text_of(html: str) -> str:
    return "".join(parse(html).text)


# -- structure -------------------------------------------------------------------------------


def test_headings_become_classed_paragraphs() -> None:
    html = render_markdown("# One\n\n## Two\n\n### Three\n\n#### Four\n\n##### Five\n\n###### Six")
    assert re.findall(r'<p class="(h\d)">', html) == ["h1", "h2", "h3", "h3", "h3", "h3"]
    assert "<h" not in html.replace("<hr", "")
    setext = render_markdown("Big\n===\n\nSmall\n-----\n")
    assert setext == '<p class="h1">Big</p>\n<p class="h2">Small</p>'


def test_paragraphs_lists_and_emphasis_stay() -> None:
    html = render_markdown("Some *soft* and **strong** text.\n\n- a\n- b\n\n1. one\n2. two\n")
    assert "<p>Some <em>soft</em> and <strong>strong</strong> text.</p>" in html
    assert "<ul>\n<li>a</li>\n<li>b</li>\n</ul>" in html
    assert "<ol>\n<li>one</li>\n<li>two</li>\n</ol>" in html
    assert_safe(html)


def test_numbered_list_start() -> None:
    assert render_markdown("3. three\n4. four").startswith('<ol start="3">')
    long_start = render_markdown("1" * 150 + ". big")
    assert_safe(long_start)
    assert "<li>big</li>" in long_start and "start" not in long_start


def test_empty_and_blank_input() -> None:
    assert render_markdown("") == ""
    assert render_markdown("  \n\n ") == ""


# -- raw HTML --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("markdown", "shown"),
    [
        ("<script>alert(1)</script>", "<script>alert(1)</script>"),
        ("<img src=x onerror=alert(1)>", "<img src=x onerror=alert(1)>"),
        ('<a href="http://evil">click</a>', '<a href="http://evil">click</a>'),
        ("<style>p { color: red }</style>", "<style>p { color: red }</style>"),
        ("<div onclick='x()'>\nblock\n</div>", "<div onclick='x()'>"),
        ("<!-- hidden -->", "<!-- hidden -->"),
        ("&lt;script&gt; &amp; &copy; AT&T", "<script> & © AT&T"),
        ("&#60;script&#62;", "<script>"),
        ("<iframe src=//evil>", "<iframe src=//evil>"),
        ("x <svg/onload=alert(1)> y", "<svg/onload=alert(1)>"),
        ('<p style="font-size:99px">', '<p style="font-size:99px">'),
        ("`<b>code</b>`", "<b>code</b>"),
        ("    <script>in a code block</script>", "<script>in a code block</script>"),
    ],
)
def test_raw_html_is_escaped_and_shown_as_text(markdown: str, shown: str) -> None:
    html = render_markdown(markdown)
    assert_safe(html)
    assert shown in text_of(html)


# -- links -----------------------------------------------------------------------------------


def test_kiosk_links_are_kept() -> None:
    html = render_markdown("[Hip](page:hip-joint) and [**Ask**](action:request-visit 'title')")
    assert '<a href="page:hip-joint">Hip</a>' in html
    assert '<a href="action:request-visit"><strong>Ask</strong></a>' in html
    assert "title" not in html


@pytest.mark.parametrize(
    "target",
    [
        "http://evil.example",
        "https://evil.example",
        "HTTP://EVIL",
        "mailto:a@b.c",
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        " javascript:alert(1)",
        "&#106;avascript:alert(1)",
        "file:///etc/passwd",
        "data:text/html,hi",
        "//evil.example",
        "03-hip.md",
        "/absolute",
        "#anchor",
        "page:Not_A_Slug",
        "page:hip#x",
        "action:other",
        "",
    ],
)
def test_other_links_become_their_plain_text(target: str) -> None:
    html = render_markdown(f"Before [the *link* text]({target}) after.")
    assert_safe(html)
    assert "<a" not in html
    assert "the <em>link</em> text" in html
    assert text_of(html) == "Before the link text after."


def test_reference_links_follow_the_same_rules() -> None:
    html = render_markdown("[good][g] and [bad][b]\n\n[g]: page:hip\n[b]: http://evil\n")
    assert '<a href="page:hip">good</a>' in html
    assert "bad" in html and "evil" not in html
    assert_safe(html)


def test_autolinks_become_plain_text() -> None:
    html = render_markdown("Visit <http://evil.example/x> or <nurse@example.com>.")
    assert_safe(html)
    assert "<a" not in html
    assert "http://evil.example/x" in text_of(html)
    assert "nurse@example.com" in text_of(html)


def test_known_pages_filters_page_links() -> None:
    html = render_markdown("[a](page:a) [b](page:b)", known_pages={"a"})
    assert '<a href="page:a">a</a>' in html
    assert '<a href="page:b">' not in html and " b" in html


def test_dangerous_words_in_text_are_defused() -> None:
    html = render_markdown('Type javascript:alert(1) or onclick=run() or href="http://x"')
    assert_safe(html)
    assert text_of(html) == 'Type javascript:alert(1) or onclick=run() or href="http://x"'


# -- pictures --------------------------------------------------------------------------------


@pytest.fixture
def root(tmp_path: Path) -> Path:
    root = make_root(tmp_path)
    write(root, "en/wide.svg", svg("1600", "800"))
    write(root, "en/small.png", valid_png(200, 100))
    write(root, "images/box.svg", svg(None, None, "0 0 300 150"))
    write(root, "images/broken.svg", "<svg")
    write(root, "en/photo.jpg", b"jpeg")
    write(tmp_path, "outside.svg", svg())
    return root


def _img(html: str) -> dict[str, str | None]:
    tags = [attributes for tag, attributes in parse(html).tags if tag == "img"]
    assert len(tags) == 1, html
    return tags[0]


@pytest.mark.parametrize(
    ("markdown", "width", "height", "file"),
    [
        ("![Wide](wide.svg)", "800", "400", "en/wide.svg"),
        ("![Small](small.png)", "200", "100", "en/small.png"),
        ("![Box](box.svg)", "300", "150", "images/box.svg"),
        ("![Up](../images/box.svg 'title')", "300", "150", "images/box.svg"),
    ],
)
def test_pictures_get_absolute_pixel_sizes(
    root: Path, markdown: str, width: str, height: str, file: str
) -> None:
    html = render_markdown(markdown, root=root, language_dir=root / "en", column_width=800)
    assert_safe(html)
    image = _img(html)
    assert (image["width"], image["height"]) == (width, height)
    src = image["src"]
    assert src is not None
    assert path_from_kiosk_image_url(src, root=root) == (root / file).resolve()
    assert set(image) == {"src", "width", "height", "alt"}


def test_pictures_shrink_to_the_column(root: Path) -> None:
    html = render_markdown(
        "![Wide](wide.svg)", root=root, language_dir=root / "en", column_width=300
    )
    assert (_img(html)["width"], _img(html)["height"]) == ("300", "150")


@pytest.mark.parametrize(
    "markdown",
    [
        "![A description](missing.svg)",
        "![A description](../../outside.svg)",
        "![A description](/etc/passwd.svg)",
        "![A description](photo.jpg)",
        "![A description](broken.svg)",
        "![A description](http://evil.example/a.png)",
        "![A description](javascript:alert(1))",
        "![A description]()",
    ],
)
def test_unusable_pictures_are_replaced_by_their_alt_text(root: Path, markdown: str) -> None:
    html = render_markdown(markdown, root=root, language_dir=root / "en")
    assert_safe(html)
    assert html == "<p>A description</p>"


def test_pictures_without_a_folder_are_replaced_by_alt_text(root: Path) -> None:
    assert render_markdown("![Wide](wide.svg)") == "<p>Wide</p>"


def test_inline_dropped_picture_keeps_the_sentence(root: Path) -> None:
    html = render_markdown("Look ![at this](missing.svg) here.", root=root, language_dir=root)
    assert html == "<p>Look at this here.</p>"


def test_alt_text_is_escaped(root: Path) -> None:
    md = '![x" onerror="alert(1) <b>](wide.svg)'
    html = render_markdown(md, root=root, language_dir=root / "en")
    assert_safe(html)


def test_size_function_can_be_injected(root: Path) -> None:
    html = render_markdown(
        "![Wide](wide.svg)", root=root, language_dir=root / "en", size_of=lambda _: (10, 20)
    )
    assert (_img(html)["width"], _img(html)["height"]) == ("10", "20")


def _page(root: Path, body: str = "![W](wide.svg) [a](page:a) [gone](page:gone)") -> Page:
    return Page(
        slug="a",
        order=1,
        title="A",
        icon="mdi6.bone",
        illustration=root / "images" / "hip.svg",
        alt="x",
        review=TODAY,
        body_markdown=body,
        source=root / "en" / "01-a.md",
    )


def test_render_page_uses_the_page_folder_and_deck(root: Path) -> None:
    page = _page(root)
    deck = Deck(language="en", language_name="English", pages=(page,))
    html = render_page(page, root=root, column_width=400, deck=deck)
    assert _img(html)["width"] == "400"
    assert '<a href="page:a">a</a>' in html
    assert "page:gone" not in html


# -- the cached renderer ---------------------------------------------------------------------


def _library(root: Path, page: Page) -> Library:
    return Library(root, (Deck(language="en", language_name="English", pages=(page,)),))


@pytest.fixture
def renders(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The column width of every real render_page call the renderer makes."""
    widths: list[int] = []
    real = render.render_page

    def counting(page: Page, **kwargs: object) -> str:
        widths.append(kwargs["column_width"])  # type: ignore[arg-type]
        return real(page, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(render, "render_page", counting)
    return widths


def test_page_renderer_renders_like_render_page_with_the_deck(root: Path) -> None:
    page = _page(root)
    library = _library(root, page)
    renderer = PageRenderer(library)
    assert renderer.root == root
    expected = render_page(page, root=root, column_width=400, deck=library.decks[0])
    assert renderer(page, 400) == expected
    assert '<a href="page:a">a</a>' in expected and "page:gone" not in expected
    assert _img(renderer(page, 0))["width"] == "1"  # a zero width is one pixel, not an error


def test_page_renderer_caches_per_page_and_width(root: Path, renders: list[int]) -> None:
    page = _page(root)
    renderer = PageRenderer(_library(root, page))
    first = renderer(page, 400)
    assert renderer(page, 400) is first
    assert renders == [400]
    wider = renderer(page, 800)
    assert renders == [400, 800]
    assert (_img(first)["width"], _img(wider)["width"]) == ("400", "800")
    assert renderer(page, 400) is first and renderer(page, 800) is wider
    assert renders == [400, 800]


def test_page_renderer_cache_is_bounded(root: Path, renders: list[int]) -> None:
    page = _page(root, "Plain text.")
    renderer = PageRenderer(_library(root, page))
    for width in range(1, PageRenderer.MAX_CACHED + 1):
        renderer(page, width)
    renderer(page, 1)
    assert len(renders) == PageRenderer.MAX_CACHED  # all still cached
    renderer(page, PageRenderer.MAX_CACHED + 1)  # one too many: the cache starts afresh
    renderer(page, PageRenderer.MAX_CACHED + 1)
    assert len(renders) == PageRenderer.MAX_CACHED + 1
    renderer(page, 1)
    assert len(renders) == PageRenderer.MAX_CACHED + 2
    assert len(renderer._cache) == 2


def test_use_library_clears_the_cache(root: Path, renders: list[int], tmp_path: Path) -> None:
    page = _page(root)
    renderer = PageRenderer(_library(root, page))
    before = renderer(page, 400)
    edited = _page(root, "Edited text.")
    renderer.use_library(_library(root, edited))
    after = renderer(edited, 400)
    assert renders == [400, 400]
    assert "Edited text." in after and after != before
    other = make_root(tmp_path / "other")
    renderer.use_library(Library(other, ()))
    assert renderer.root == other
    assert "<img" not in renderer(page, 400)  # the picture is not inside the new folder


# -- robustness ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "markdown",
    [
        "[" * 5000,
        "![" * 3000,
        "[a](" * 3000,
        ">" * 3000 + " x",
        "- " * 3000,
        "`" * 5000,
        "\\" * 5000,
    ],
)
def test_pathological_input_is_quick_and_safe(markdown: str) -> None:
    start = time.perf_counter()
    html = render_markdown(markdown)
    assert time.perf_counter() - start < 2.0
    assert_safe(html)


def test_rendering_is_fast() -> None:
    words = ["the", "hip", "joint", "carries", "your", "weight", "when", "you", "walk"]
    body = "# Your hip\n\n" + " ".join(words[i % len(words)] for i in range(200))
    body += "\n\n- [Next](page:next)\n- **Ask** us\n"
    render_markdown(body)
    start = time.perf_counter()
    for _ in range(20):
        render_markdown(body)
    assert (time.perf_counter() - start) / 20 < 0.02


def test_threads_render_independently() -> None:
    texts = [f"# Title {n}\n\n[link](page:p{n}) *{n}*" for n in range(8)]
    expected = [render_markdown(text) for text in texts]
    results: dict[int, list[str]] = {}

    def work(n: int) -> None:
        results[n] = [render_markdown(texts[n]) for _ in range(30)]

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for n in range(8):
        assert results[n] == [expected[n]] * 30


def test_reentrant_size_function_is_safe(root: Path) -> None:
    def nested(path: Path) -> tuple[int, int] | None:
        assert render_markdown("*inner*") == "<p><em>inner</em></p>"
        return image_size(path)

    html = render_markdown(
        "![W](wide.svg) *outer*", root=root, language_dir=root / "en", size_of=nested
    )
    assert "<em>outer</em>" in html and _img(html)["width"] == "800"


def test_failing_size_function_drops_only_the_picture(root: Path) -> None:
    def boom(path: Path) -> tuple[int, int] | None:
        raise RuntimeError("broken")

    html = render_markdown(
        "![W](wide.svg) *x* <b>", root=root, language_dir=root / "en", size_of=boom
    )
    assert_safe(html)
    assert html == "<p>W <em>x</em> &lt;b&gt;</p>"


_tokens = st.sampled_from(
    [
        "[", "]", "](", ")", "![", "<", ">", "#", "*", "**", "_", "`", "```", "page:", "page:a",
        "action:request-visit", "javascript:", "JaVaScRiPt:", "http://", "mailto:", "data:",
        " ", "\n", "\n\n", "    ", "- ", "1. ", "> ", "<script>", "<style>", "<img", "<a href=",
        " onerror=", "onload", "=", "button", "ON", '"', "'", "&", "&amp;", "&#106;", "&lt;",
        "[x]: ", "\\",
        "a", "hip.svg", "---", "===", "|", "<http://e.x>", "<a@b.c>", "\x00", "\u2028",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(st.text(), st.lists(_tokens, max_size=60).map("".join)))
def test_any_text_renders_safely(text: str) -> None:
    html = render_markdown(text)
    assert isinstance(html, str)
    assert_safe(html)


def test_non_string_input_does_not_raise() -> None:
    assert render_markdown(None) == ""  # type: ignore[arg-type]


def test_markdown_failure_falls_back_to_escaped_plain_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import markdown

    def broken(self: markdown.Markdown, source: str) -> str:
        raise RecursionError("too deep")

    with monkeypatch.context() as patch:
        patch.setattr(markdown.Markdown, "convert", broken)
        html = render_markdown('Para <script>x</script> "q"\nline two\n\nsecond javascript:x')
    assert html == (
        "<p>Para &lt;script&gt;x&lt;/script&gt; &quot;q&quot;<br>line two</p>\n"
        "<p>second javascript&#58;x</p>"
    )
    assert render_markdown("*again*") == "<p><em>again</em></p>"


# --- The emergency number -------------------------------------------------------------------------


def test_the_placeholder_becomes_the_clinics_number() -> None:
    body = "In an emergency, call {emergency_number}.\n\n- Or dial **{emergency_number}**\n"
    shown = render_markdown(body, emergency_number="112")
    assert "call 112." in shown and "<strong>112</strong>" in shown and "911" not in shown
    assert "call 911." in render_markdown(body)  # no number given: the default
    assert_safe(shown)


def test_the_number_stays_on_one_line_and_is_never_markdown() -> None:
    shown = render_markdown("Call {emergency_number} now.", emergency_number="+44 999")
    assert "Call +44\u00a0999 now." in shown
    shown = render_markdown("Call {emergency_number}.", emergency_number="*1* <b>2</b>")
    assert "<em>" not in shown and "<b>" not in shown and "&lt;b&gt;" in shown
    assert_safe(shown)


def test_other_placeholders_and_near_misses_stay_as_typed() -> None:
    body = "{name} {Emergency_Number} {emergency_number {emergency number} `{emergency_number}`"
    shown = render_markdown(body, emergency_number="112")
    assert "{name} {Emergency_Number} {emergency_number {emergency number}" in shown
    assert "<code>112</code>" in shown  # the number is text wherever it stands


def test_text_shown_as_plain_paragraphs_gets_the_number_too() -> None:
    too_many_brackets = "Call {emergency_number}. " + "[" * (MAX_BRACKETS + 1)
    assert "Call 112." in render_markdown(too_many_brackets, emergency_number="112")
    too_long = "Call {emergency_number}. " + "word " * (MAX_BODY_CHARS // 5)
    assert "Call 112." in render_markdown(too_long, emergency_number="112")


def test_a_page_full_of_placeholders_is_quick() -> None:
    body = "{emergency_number} " * (MAX_BODY_CHARS // len("{emergency_number} "))
    start = time.perf_counter()
    shown = render_markdown(body, emergency_number="1" * 15)
    assert time.perf_counter() - start < 2.0
    assert "{emergency_number}" not in shown
    assert_safe(shown)


def test_the_page_renderer_passes_its_number_on(root: Path) -> None:
    page = _page(root, "Call {emergency_number} at once.")
    library = _library(root, page)
    assert "Call 112 at once." in PageRenderer(library, emergency_number="112")(page, 600)
    assert "Call 911 at once." in PageRenderer(library)(page, 600)
    assert PageRenderer(library, emergency_number="112").emergency_number == "112"
