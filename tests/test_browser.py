"""What a reader does, in a real headless Chromium: switch language, hover, follow, search.

Screenshots of the main pages are saved under ``artifacts/screenshots/`` for people to look
at (the README shows two of them).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from sitebuild import ROOT, SUBPATH

pytestmark = pytest.mark.browser

SHOTS = ROOT / "artifacts" / "screenshots"
#: the first edition's pages, under its id in the volume
ED = "yang-wang-2024/"


#: Material's language selector looks for a sitemap beside every alternate link to map pages
#: between versions; mkdocs-static-i18n writes one sitemap, at the root, so those lookups
#: answer 404 and Material falls back to the alternate links themselves. Nothing else may fail.
_EXPECTED_MISSING = "/sitemap.xml"


def _record(tab: object) -> None:
    def on_console(message: object) -> None:
        # A failed resource is reported by the response handler, with its address.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            tab.errors.append(message.text)

    def on_response(response: object) -> None:
        if response.status >= 400 and not response.url.endswith(_EXPECTED_MISSING):
            tab.errors.append(f"{response.status} {response.url}")

    tab.errors = []
    tab.on("console", on_console)
    tab.on("response", on_response)
    tab.on("pageerror", lambda error: tab.errors.append(str(error)))

    def on_failed(request: object) -> None:
        # A request cancelled because the page navigated away (a click) is no fault of the
        # site; a missing resource answers 404, which on_response reports.
        if request.failure != "net::ERR_ABORTED":
            tab.errors.append(f"failed: {request.url} ({request.failure})")

    tab.on("requestfailed", on_failed)


@pytest.fixture
def page(browser: object, site_url: str) -> Iterator[object]:
    """A fresh page that records console errors and failed requests."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    _record(tab)
    yield tab
    context.close()


def test_language_switch_stays_on_the_same_page(page: object, site_url: str) -> None:
    page.goto(f"{site_url}/{ED}references/")
    page.locator(".md-header__option .md-select").hover()
    page.locator("a.md-select__link[hreflang='zh-Hant']").click()
    page.wait_for_url(f"{site_url}/zh-Hant/{ED}references/")
    assert page.locator("html").get_attribute("lang") == "zh-Hant"
    page.locator(".md-header__option .md-select").hover()
    page.locator("a.md-select__link[hreflang='zh-Hans']").click()
    page.wait_for_url(f"{site_url}/zh-Hans/{ED}references/")
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    assert "参考文献" in page.locator("h1").inner_text()


def test_hovering_a_citation_shows_the_reference(page: object, site_url: str) -> None:
    page.goto(f"{site_url}/{ED}text/")
    citation = page.locator("div.ed-block a.ed-cite, .ed-salvage a.ed-cite[data-key]").first
    key = citation.get_attribute("data-key")
    citation.scroll_into_view_if_needed()
    citation.hover()
    tooltip = page.locator(".md-tooltip2--active")
    tooltip.wait_for(state="visible", timeout=5000)
    text = tooltip.inner_text()
    assert key and text.split(",")[0].lower() in key
    assert "(" in text and ")." in text  # an APA reference: Author, I. (Year). Title.


def test_focusing_a_glossary_term_shows_its_definition(page: object, site_url: str) -> None:
    page.goto(f"{site_url}/{ED}")
    term = page.locator("a.ed-term[href$='#term-social-infrastructure']").first
    term.focus()
    tooltip = page.locator(".md-tooltip2--active")
    tooltip.wait_for(state="visible", timeout=5000)
    assert "social infrastructure" in tooltip.inner_text().lower()


def test_a_backlink_lands_on_its_citation_inside_collapsed_noise(
    page: object, site_url: str
) -> None:
    page.goto(f"{site_url}/{ED}references/")
    backlink = page.locator("#ref-plantin2018 a.ed-backlink").first
    href = backlink.get_attribute("href")
    backlink.click()
    anchor = href.split("#")[1]
    page.wait_for_url(f"**/text/#{anchor}")
    target = page.locator(f"#{anchor}")
    target.wait_for(state="visible")
    assert target.is_visible()
    assert "Plantin" in target.inner_text()
    assert page.evaluate("id => document.getElementById(id).matches(':target')", anchor)
    outline = page.evaluate(
        "id => getComputedStyle(document.getElementById(id)).outlineStyle", anchor
    )
    assert outline == "solid"


def _urls(links: list[object]) -> list[object]:
    """The result links as the browser resolves them (absolute), split."""
    return [urlsplit(a.evaluate("a => a.href")) for a in links]


def test_chinese_search_finds_the_glossary_entry(page: object, site_url: str) -> None:
    for query, lang in (("基礎設施化", "zh-Hant"), ("基础设施化", "zh-Hans")):
        page.goto(f"{site_url}/{lang}/{ED}")
        links = _urls(_search(page, query))
        assert any(
            u.path == f"{SUBPATH}{lang}/{ED}glossary/"
            and u.fragment == "term-infrastructuralization"
            for u in links
        )


def test_english_search_finds_the_glossary_entry_and_the_text(page: object, site_url: str) -> None:
    page.goto(f"{site_url}/{ED}")
    paths = [
        urlsplit(a.get_attribute("href") or "").path
        for a in _search(page, "infrastructuralization")
    ]
    assert any(path.endswith("/glossary/") for path in paths)
    # Results render in batches: the text's section may come after the first ones.
    page.wait_for_function(
        """() => [...document.querySelectorAll('.md-search-result__link')]
                 .some(a => new URL(a.href).pathname.endsWith('/text/'))""",
        timeout=10000,
    )


def test_each_version_searches_its_own_pages(page: object, site_url: str) -> None:
    # Issue 14: every query listed all three versions mixed.
    page.goto(f"{site_url}/zh-Hant/{ED}")
    paths = [u.path for u in _urls(_search(page, "平台"))]
    assert paths and all(path.startswith(f"{SUBPATH}zh-Hant/") for path in paths)
    page.goto(f"{site_url}/{ED}")
    paths = [u.path for u in _urls(_search(page, "platform"))]
    others = (f"{SUBPATH}zh-Hant/", f"{SUBPATH}zh-Hans/")
    assert paths and not any(path.startswith(others) for path in paths)


@pytest.mark.parametrize(
    ("hant", "hans"),
    [
        ("基礎設施", "基础设施"),
        ("參考文獻", "参考文献"),
        ("關係", "关系"),
        ("個案研究", "个案研究"),
    ],
)
def test_traditional_finds_a_word_on_as_many_pages_as_simplified(
    page: object, site_url: str, hant: str, hans: str
) -> None:
    # Issue 14: jieba cut Traditional text with its Simplified dictionary (基礎|設施), so these
    # words were found on the Simplified pages and not on the Traditional ones.
    counts = []
    for lang, query in (("zh-Hant", hant), ("zh-Hans", hans)):
        page.goto(f"{site_url}/{lang}/{ED}")
        _search(page, query)
        counts.append(_count(page))
    assert counts[0] == counts[1] > 0


def test_a_query_in_either_script_finds_the_page(page: object, site_url: str) -> None:
    for lang, query in (("zh-Hant", "基础设施化"), ("zh-Hans", "基礎設施化")):
        page.goto(f"{site_url}/{lang}/{ED}")
        links = _urls(_search(page, query))
        assert any(
            u.path == f"{SUBPATH}{lang}/{ED}glossary/"
            and u.fragment == "term-infrastructuralization"
            for u in links
        )


def test_a_word_inside_a_glossary_compound_is_found(page: object, site_url: str) -> None:
    # 團購 inside 社區團購, which the segmenter keeps whole as a glossary term.
    page.goto(f"{site_url}/zh-Hant/{ED}")
    links = _urls(_search(page, "團購"))
    assert any(u.fragment == "term-community-group-buying" for u in links)


def test_traditional_search_messages_are_in_traditional_script(page: object, site_url: str) -> None:
    page.goto(f"{site_url}/zh-Hant/{ED}")
    _search(page, "社區")
    message = page.locator(".md-search-result__meta").inner_text()
    assert re.fullmatch(r"找到 \d+ 個符合條件的結果", message.strip())


def _count(page: object) -> int:
    """The number of pages the result list says it found (Material's meta line)."""
    message = page.locator(".md-search-result__meta").inner_text()
    found = re.search(r"\d+", message)
    return int(found.group()) if found else 0


def _search(page: object, query: str) -> list[object]:
    """Type ``query`` into the search once its index is ready; the result links.

    Material shows its "type to start searching" placeholder when the search worker has
    loaded the index: a query typed before that may be dropped, as a hurried reader's would.
    """
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.wait_for_function(
        """() => {
            const meta = document.querySelector('.md-search-result__meta');
            const config = JSON.parse(document.getElementById('__config').textContent);
            return meta !== null &&
                meta.textContent.trim() === config.translations['search.result.placeholder'];
        }""",
        timeout=60000,
    )
    field = page.locator("input.md-search__input")
    field.fill(query)
    # Material reads the query on key events; pasted or IME-composed text ends with a key too.
    field.press("End")
    page.locator(".md-search-result__item").first.wait_for(state="visible", timeout=30000)
    return page.locator(".md-search-result__link").all()


@pytest.mark.parametrize("lang", ["", "zh-Hant/", "zh-Hans/"])
def test_pages_load_without_console_errors_and_are_photographed(
    page: object, site_url: str, lang: str
) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    pages = ("", "text/", "guide/", "references/", "unidentified/", "glossary/", "about/")
    for name in [f"{ED}{path}" for path in pages] + ["", "references/", "specimen-zh/text/"]:
        page.goto(f"{site_url}/{lang}{name}")
        page.wait_for_load_state("networkidle")
        if name in (ED, f"{ED}text/", f"{ED}references/", f"{ED}glossary/", ""):
            label = (lang.strip("/") or "en") + "-" + (name.strip("/").replace("/", "-") or "home")
            page.screenshot(path=str(SHOTS / f"{label}.png"))
    assert page.errors == []


def test_the_language_switch_keeps_the_place_and_stays_under_the_sub_path(
    page: object, site_url: str
) -> None:
    page.goto(f"{site_url}/{ED}text/#p99")
    page.locator(".md-header__option .md-select").hover()
    page.locator("a.md-select__link[hreflang='zh-Hant']").click()
    page.wait_for_url(f"{site_url}/zh-Hant/{ED}text/#p99")
    assert page.locator("#p99").is_visible()
    # From the volume's home, the selector leads to each version's home in the site.
    page.goto(f"{site_url}/")
    links = page.locator("a.md-select__link[hreflang]")
    hrefs = {
        links.nth(i).get_attribute("hreflang"): page.evaluate(
            "a => a.href", links.nth(i).element_handle()
        )
        for i in range(links.count())
    }
    assert hrefs == {
        "en": f"{site_url}/",
        "zh-Hant": f"{site_url}/zh-Hant/",
        "zh-Hans": f"{site_url}/zh-Hans/",
    }
    assert page.errors == []


def test_a_missing_page_shows_the_default_versions_404_with_its_assets(
    page: object, site_url: str
) -> None:
    response = page.goto(f"{site_url}/{ED}no-such-page/")
    assert response.status == 404
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("link[rel=stylesheet]").count() >= 1
    page.wait_for_load_state("networkidle")
    assert page.locator(".md-header").is_visible()
    selector = page.locator("a.md-select__link[hreflang='zh-Hant']")
    assert page.evaluate("a => a.href", selector.element_handle()) == f"{site_url}/zh-Hant/"
    # Every request but the page itself succeeded: the theme's files load under the sub-path.
    assert [e for e in page.errors if "no-such-page" not in e] == []
