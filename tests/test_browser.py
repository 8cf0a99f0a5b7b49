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


#: A Chinese paper, another paper's glossary entry and another paper's text, as Material
#: indexes them (its jieba cut of each Han run, U+200B between the words), in the English
#: version (which shows the paper as written) and in the two Chinese versions. The text is
#: the tests' own. 屋苑 is a word jieba does not know (it cuts 屋|苑), 邱淑芬 a name.
_PAPER = {
    "paper/text/#s1": (
        "一、屋苑與鄰里",
        "本文研究香港的大型屋苑群組。屋苑的住戶透過屋苑群組即時交換消息，鄰里關係因此更緊密。"
        "住戶之間的人際關係與親密關係並不相同；社群組織在屋苑中扮演重要角色。"
        "邱淑芬指出，屋苑管理處亦會參與。",
    ),
    "paper/text/#s2": ("二、群組的運作", "管理員會即時回覆住戶的問題。"),
    "other/glossary/#term-community": (
        "community · 社群 · 社群",
        "編者定義：指因地緣或興趣而聚集的人群。社群中的成員往往透過非正式的組織互相支援。",
    ),
    "other/text/#s1": (
        "一、研究方法",
        "本研究以問卷調查社區居民的鄰里互動，並訪問了物業管理公司。",
    ),
}


def _material_index() -> dict:
    """The combined index Material writes for :data:`_PAPER` (its jieba cut, its config)."""
    import jieba

    from edition.conversion import convert

    def cut(text: str) -> str:
        return re.sub("[\u4e00-\u9fff]+", lambda run: "\u200b".join(jieba.cut(run[0])), text)

    docs = []
    for prefix, script in (("", str), ("zh-Hant/", str), ("zh-Hans/", convert)):
        pages = set()
        for location, (title, text) in _PAPER.items():
            page = location.split("#")[0]
            if page not in pages:  # Material lists a page before its sections
                pages.add(page)
                docs.append({"location": prefix + page, "title": page, "text": ""})
            title, text = cut(script(title)), cut(script(text))
            docs.append({"location": prefix + location, "title": title, "text": f"<p>{text}</p>"})
    separator = "[\\s\\u200b\\u3000\\-、。，．？！；:：()（）,]+"
    fields = {"title": {"boost": 1000.0}, "text": {"boost": 1.0}, "tags": {"boost": 1000000.0}}
    config = {"lang": ["en"], "separator": separator, "pipeline": ["stopWordFilter"]}
    return {"config": {**config, "fields": fields}, "docs": docs}


def _worker_search(page: object, index: dict, queries: list[str]) -> dict[str, list]:
    """Each query's result groups as Material's own search worker (the site's, in
    Chromium) answers it for ``index``: lists of ``{location, terms}``, best first."""
    return page.evaluate(
        """async ([index, queries]) => {
            const config = JSON.parse(document.getElementById('__config').textContent);
            const worker = new Worker(new URL(config.search, location.href));
            const ask = message => new Promise(resolve => {
                worker.onmessage = event => resolve(event.data);
                worker.postMessage(message);
            });
            await ask({type: 0, data: {...index, options: {suggest: false}}});
            const found = {};
            for (const query of queries) {
                const {data} = await ask({type: 2, data: query});
                found[query] = data.items.map(group =>
                    group.map(({location, terms}) => ({location, terms})));
            }
            worker.terminate();
            return found;
        }""",
        [index, queries],
    )


#: What a reader may type, and the section it must find first with nothing "missing": a word
#: jieba knows, one it does not (屋苑), a name, words inside words, phrases of the text with
#: the unknown word first, last and in the middle, in either script.
_TYPED = {
    "關係": "paper/text/#s1",
    "关系": "paper/text/#s1",
    "屋苑": "paper/text/#s1",
    "屋苑群組": "paper/text/#s1",
    "屋苑群组": "paper/text/#s1",
    "大型屋苑": "paper/text/#s1",
    "大型屋苑群組": "paper/text/#s1",
    "大型屋苑群组": "paper/text/#s1",
    "社群組織": "paper/text/#s1",
    "社群组织": "paper/text/#s1",
    "鄰里關係": "paper/text/#s1",
    "人際關係": "paper/text/#s1",
    "邱淑芬": "paper/text/#s1",
    "邱淑芬指出": "paper/text/#s1",
    "管理處": "paper/text/#s1",
    "即時回覆": "paper/text/#s2",
    "即时回复": "paper/text/#s2",
    "問題": "paper/text/#s2",
}


@pytest.mark.parametrize("lang", ["", "zh-Hant", "zh-Hans"])
def test_a_chinese_string_typed_finds_its_section_first_in_material_s_worker(
    page: object, site_url: str, lang: str
) -> None:
    # Issue: in the English version 關係 found nothing (jieba's cut 鄰里關|係); in the
    # Chinese ones 屋苑 (cut 屋|苑 at index time) was searched as 屋*, 屋苑群組 said
    # "Missing: 屋苑*", and 社群組織 ranked another paper's glossary entry 社群 first.
    from edition.search import SearchSegmenter, split_index

    index = split_index(_material_index(), SearchSegmenter())[lang]
    page.goto(f"{site_url}/")
    found = _worker_search(page, index, list(_TYPED))
    wrong = {}
    for query, location in _TYPED.items():
        first = found[query][0][0] if found[query] else None
        if first is None or first["location"] != location or not all(first["terms"].values()):
            wrong[query] = first
    assert wrong == {}
    # A phrase of the text is one piece: nothing else than the sections that hold it.
    sections = {item["location"] for group in found["屋苑群組"] for item in group}
    assert sections == {"paper/text/", "paper/text/#s1"}


def test_words_typed_together_that_stand_apart_are_each_searched(
    page: object, site_url: str
) -> None:
    # 住戶 and 即時 stand apart in both sections: the query is cut into words and OR-ed, as
    # Material does with words between spaces (the last word of two characters is dropped
    # by Material's cut, which never reaches a query's last character).
    from edition.search import SearchSegmenter, split_index

    index = split_index(_material_index(), SearchSegmenter())["zh-Hant"]
    page.goto(f"{site_url}/")
    found = _worker_search(page, index, ["住戶即時", "住戶 即時"])
    for query in ("住戶即時", "住戶 即時"):
        sections = {item["location"] for group in found[query] for item in group}
        assert {"paper/text/#s1", "paper/text/#s2"} <= sections, query


def test_the_han_script_is_read_as_material_s_worker_reads_it(page: object, site_url: str) -> None:
    # The worker cuts each run of \p{sc=Han} in a query: the index must see the same runs
    # (〇 in 二〇二一, 々, compatibility ideographs, the extensions).
    import unicodedata

    from edition.search import HAN_SCRIPT

    page.goto(f"{site_url}/")
    browser = page.evaluate(
        """() => {
            const han = /\\p{sc=Han}/u, found = [];
            for (let cp = 0; cp < 0x40000; cp++)
                if ((cp < 0xd800 || cp > 0xdfff) && han.test(String.fromCodePoint(cp)))
                    found.push(cp);
            return found;
        }"""
    )
    ours = re.compile(f"[{HAN_SCRIPT}]")
    assert [hex(cp) for cp in browser if not ours.match(chr(cp))] == []
    assigned = [
        cp for cp in range(0x40000) if ours.match(chr(cp)) and unicodedata.category(chr(cp)) != "Cn"
    ]
    assert set(assigned) <= set(browser)


@pytest.mark.parametrize(
    ("lang", "query", "path", "fragment"),
    [
        # The English version shows Chinese as written: these found nothing there.
        ("", "團購", f"{ED}glossary/", "term-community-group-buying"),
        ("", "团购", f"{ED}glossary/", "term-community-group-buying"),
        ("", "承擔", "specimen-zh/text/", "l34"),
        # Phrases of the specimen: searched as one piece, the page that holds them first.
        ("zh-Hant/", "鄰里之間", "specimen-zh/text/", ""),
        ("zh-Hans/", "邻里之间", "specimen-zh/text/", ""),
        ("zh-Hant/", "微信群運作", "specimen-zh/text/", ""),
        ("zh-Hans/", "微信群運作", "specimen-zh/text/", ""),
    ],
)
def test_a_chinese_string_typed_in_the_search_box_finds_its_page_first(
    page: object, site_url: str, lang: str, query: str, path: str, fragment: str
) -> None:
    page.goto(f"{site_url}/{lang}{ED}")
    _search(page, query)
    first = page.locator(".md-search-result__item").first
    links = _urls(first.locator(".md-search-result__link").all())
    assert links[0].path == f"{SUBPATH}{lang}{path}"
    assert not fragment or any(link.fragment == fragment for link in links)
    # Nothing reported "missing": the query was searched as one piece.
    assert first.locator(".md-search-result__terms").count() == 0


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
