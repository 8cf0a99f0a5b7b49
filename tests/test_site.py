"""The built site: every version, every link, the metadata, the search index, the escaping."""

from __future__ import annotations

import gc
import json
import re
import shutil
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup
from mkdocs.exceptions import Abort, PluginError
from mkdocs.utils.yaml import yaml_load
from sitebuild import ROOT, SUBPATH, build_site

from edition.bibliography import load_bibliography
from edition.errors import EditionError
from edition.plugin import EditionPlugin, _few_collections
from edition.search import END
from edition.site import context
from edition.site.context import EDITION_PAGES as PAGES
from edition.site.labels import LANGUAGES, label

pytestmark = pytest.mark.build

EDITION = ROOT / "texts" / "yang-wang-2024"
SPECIMEN = ROOT / "texts" / "specimen-zh"
#: the site holds a volume: each edition's pages sit under its id
FIRST = "yang-wang-2024/"
PREFIX = {"en": "", "zh-Hant": "zh-Hant/", "zh-Hans": "zh-Hans/"}
EDITIONS = sorted(f"{p.parent.name}/" for p in (ROOT / "texts").glob("*/edition.yml"))


def _page(site: Path, lang: str, name: str, edition: str = FIRST) -> BeautifulSoup:
    page = "" if name == "index" else f"{name}/"
    path = site / PREFIX[lang] / edition / page / "index.html"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_every_page_exists_in_every_version_with_its_language(built_site: Path) -> None:
    for lang in LANGUAGES:
        for name in PAGES:
            soup = _page(built_site, lang, name)
            assert soup.html["lang"] == lang, (lang, name)
        for name in ("index", "references"):
            assert _page(built_site, lang, name, "").html["lang"] == lang
    # The interface speaks the version's script: Simplified labels are converted.
    assert "参考文献" in _page(built_site, "zh-Hans", "references").get_text()
    assert "參考文獻" in _page(built_site, "zh-Hant", "references").get_text()


def test_a_build_leaves_the_garbage_collector_as_it_found_it(built_site: Path) -> None:
    """The plugin collects less often while it makes the editions and freezes them for the
    rest of the build (gc.freeze): after a build nothing stays frozen, and the collector's
    thresholds are as they were, also where making the editions failed."""
    assert gc.get_freeze_count() == 0
    gc.freeze()  # as a build that fails after the editions are made leaves it
    EditionPlugin().on_build_error(error=PluginError("a page failed"))
    assert gc.get_freeze_count() == 0
    before = gc.get_threshold()
    with pytest.raises(EditionError), _few_collections():
        assert gc.get_threshold()[0] > before[0]
        raise EditionError("a material failed")
    assert gc.get_threshold() == before


def test_an_edition_has_only_the_pages_it_has_content_for(built_site: Path) -> None:
    specimen = built_site / "specimen-zh"
    assert sorted(p.name for p in specimen.iterdir() if (p / "index.html").exists()) == [
        "about",
        "glossary",
        "references",
        "text",
    ]
    assert not (specimen / "guide").exists() and not (specimen / "unidentified").exists()


def test_the_volume_home_lists_every_paper_with_its_versions(built_site: Path) -> None:
    soup = _page(built_site, "zh-Hant", "index", "")
    entries = soup.select("div.ed-paper-entry")
    editions = sorted(p.parent.name for p in (ROOT / "texts").glob("*/edition.yml"))
    assert [e["id"] for e in entries] == editions
    yang = soup.find(id="yang-wang-2024")
    assert yang.select_one("a")["href"] == "yang-wang-2024/"
    assert "Communication and Society" in yang.get_text()
    versions = {a["hreflang"]: a["href"] for a in yang.select("a[hreflang]")}
    assert versions == {
        "en": "../yang-wang-2024/",
        "zh-Hant": "yang-wang-2024/",
        "zh-Hans": "../zh-Hans/yang-wang-2024/",
    }


def test_a_page_of_a_volume_names_its_paper_in_its_title(built_site: Path) -> None:
    # Every paper of a volume has a Text, a Glossary…: the browser's tabs and history showed
    # "Text - Annotated editions" for each of them.
    site_name = yaml_load((ROOT / "mkdocs.yml").read_text("utf-8"))["site_name"]
    text = _page(built_site, "en", "text").title.get_text()
    assert text == f"Text · Yang and Wang (2024) - {site_name}"
    glossary = _page(built_site, "zh-Hant", "glossary", "specimen-zh").title.get_text()
    assert glossary.startswith(f"{label('zh-Hant', 'nav.glossary')} · ")
    assert _page(built_site, "en", "references", "").title.get_text() == (
        f"{label('en', 'nav.volume-references')} - {site_name}"
    )


def test_a_work_cited_by_two_papers_has_one_entry_in_the_volume(built_site: Path) -> None:
    soup = _page(built_site, "en", "references", "")
    entries = [e for e in soup.select("div.ed-ref") if "Palaces for the people" in e.get_text()]
    assert len(entries) == 1
    backlinks = {a["href"].split("#")[0] for a in entries[0].select("a.ed-backlink")}
    assert backlinks == {"../specimen-zh/text/", "../yang-wang-2024/text/"}


def _sentences(text: str) -> set[str]:
    """The sentences of a text long enough to be telling (20 characters or more)."""
    import re

    parts = re.split(r"(?<=[.。!?！？])\s*", " ".join(text.split()))
    return {p for p in parts if len(p) >= 20}


def test_no_page_of_an_edition_tells_another_editions_story(built_site: Path) -> None:
    own = set()
    for path in [EDITION / "edition.yml", *sorted((EDITION / "editorial").iterdir())]:
        own |= _sentences(path.read_text(encoding="utf-8"))
    own |= {"Latin-only", "Chinese-language works", "Chinese body", "Communication and Society"}
    for html in sorted((built_site).rglob("specimen-zh/**/*.html")):
        text = " ".join(BeautifulSoup(html.read_text("utf-8"), "html.parser").get_text().split())
        leaked = sorted(s for s in own if s in text)
        assert leaked == [], html


def _internal_targets(site: Path) -> list[tuple[Path, str, str]]:
    """(page, href, fragment) for every internal link of every HTML page."""
    found = []
    for html in site.rglob("*.html"):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        for element in soup.find_all(href=True):
            href = element["href"]
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:")):
                continue
            found.append((html, href, parts.fragment))
    return found


def test_every_internal_link_and_anchor_resolves_in_every_version(built_site: Path) -> None:
    ids: dict[Path, set[str]] = {}
    broken = []
    links = _internal_targets(built_site)
    assert len(links) > 1000
    for page, href, fragment in links:
        path = unquote(urlsplit(href).path)
        if path.startswith("/"):  # only 404 pages link from the root: under the sub-path
            assert path.startswith(SUBPATH), f"{page.relative_to(built_site)} -> {href}"
            target = built_site / path.removeprefix(SUBPATH)
        else:
            target = (page.parent / path).resolve() if path else page
        if target.is_dir():
            target = target / "index.html"
        if not target.exists():
            broken.append(f"{page.relative_to(built_site)} -> {href}")
            continue
        if fragment and target.suffix == ".html":
            if target not in ids:
                soup = BeautifulSoup(target.read_text(encoding="utf-8"), "html.parser")
                ids[target] = {tag["id"] for tag in soup.find_all(id=True)}
            if unquote(fragment) not in ids[target]:
                broken.append(f"{page.relative_to(built_site)} -> {href} (no such anchor)")
    assert broken == [], "\n".join(broken)


def test_citations_link_to_entries_with_the_reference_as_tooltip(built_site: Path) -> None:
    soup = _page(built_site, "en", "text")
    bib = load_bibliography(EDITION / "references.bib")
    gold = json.loads(
        (ROOT / "tests" / "gold" / "yang-wang-2024.citations.json").read_text("utf-8")
    )
    statuses = [c["status"] for c in gold["citations"]]
    cites = soup.select("a.ed-cite[id]:not(.ed-cite--illegible)")
    illegible = soup.select("a.ed-cite--illegible[id]")
    assert len(cites) == statuses.count("resolved")
    assert len(illegible) == statuses.count("illegible")
    for cite in cites:
        key = cite["data-key"]
        assert key in bib
        assert cite["href"] == f"../references/#ref-{key}"
        assert bib[key].authors[0].family in cite["title"]
        assert cite["id"].startswith("c")
    assert not soup.select(".ed-cite--unresolved")


def test_klinenberg_across_the_page_break_is_one_linked_citation(built_site: Path) -> None:
    soup = _page(built_site, "en", "text")
    texts = [" ".join(a.get_text().split()) for a in soup.select("a.ed-cite")]
    assert texts.count("Klinenberg (2018)") >= 5
    page_100 = soup.find(id="p100")
    assert page_100 is not None
    before = page_100.find_all_previous("details", class_="ed-noise", limit=1)[0]
    assert before.select("a.ed-cite")[-1].get_text(" ", strip=True) == "Klinenberg (2018)"


def test_noise_is_never_passed_off_as_text(built_site: Path) -> None:
    soup = _page(built_site, "en", "text")
    noise = soup.select("details.ed-noise")
    assert noise and all(not block.has_attr("open") for block in noise)
    for block in noise:
        assert "OCR noise" in block.summary.get_text()
    readable = " ".join(b.get_text() for b in soup.select("div.ed-block"))
    assert "AKIENE" not in readable and "Research on social infrastructure" in readable


def test_references_have_anchors_lookups_coins_and_backlinks(built_site: Path) -> None:
    soup = _page(built_site, "en", "references")
    bib = load_bibliography(EDITION / "references.bib")
    entries = soup.select("div.ed-ref")
    assert {e["id"] for e in entries} == {f"ref-{r.key}" for r in bib.references}
    assert len(soup.select("span.Z3988")) == len(bib.references)
    for entry in entries:
        assert entry.select_one("button.ed-copy")["data-copy"].startswith("@")
        assert entry.select("a[href^='https://scholar.google.com/']")
    plantin = soup.find(id="ref-plantin2018")
    assert plantin.select_one("a[href='https://doi.org/10.1177/1461444816661553']")
    assert "rft_id=info%3Adoi%2F10.1177%2F1461444816661553" in plantin.select_one(".Z3988")["title"]
    klinenberg = soup.find(id="ref-klinenberg2018").select("a.ed-backlink")
    assert len(klinenberg) >= 5
    assert all(a["href"].startswith("../text/#c") for a in klinenberg)


def test_home_page_carries_highwire_tags_in_every_version(built_site: Path) -> None:
    for lang in LANGUAGES:
        soup = _page(built_site, lang, "index")
        tags = {(m["name"], m["content"]) for m in soup.find_all("meta", attrs={"name": True})}
        assert ("citation_journal_title", "Communication and Society") in tags
        assert ("citation_firstpage", "91") in tags and ("citation_lastpage", "120") in tags
        assert ("citation_author", "Yang, Hangeng") in tags
        assert ("citation_publication_date", "2024") in tags


def test_downloads_are_published_and_parse(built_site: Path) -> None:
    downloads = built_site / FIRST / "downloads"
    assert json.loads((downloads / "references.json").read_text(encoding="utf-8"))
    document = json.loads((downloads / "document.json").read_text(encoding="utf-8"))
    assert document["line_count"] == 283
    assert document["source"] == "source.ocr.txt"  # no path of the machine that built it
    assert (downloads / "references.bib").read_text(encoding="utf-8").count("@") == 31
    assert (downloads / "references.ris").read_text(encoding="utf-8").count("ER  -") == 31


def test_search_index_segments_chinese_and_keeps_glossary_terms_whole(built_site: Path) -> None:
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert "\\u200b" in index["config"]["separator"]  # the regex escape of U+200B
    texts = [doc["text"] + " " + doc["title"] for doc in index["docs"]]
    # Tokens as Material's search cuts them (its separator), without the invisible END mark
    # that follows a word of one character.
    separator = re.compile(index["config"]["separator"])
    words = {w.replace(END, "") for text in texts for w in separator.split(text)}
    assert "基礎設施化" in words and "基础设施化" in words
    assert any("infrastructuralization" in text for text in texts)


def _tiny_edition(tmp_path: Path, *, source: str, bib: str, definition: str) -> Path:
    """A one-page edition with its own mkdocs.yml, using the project's docs and theme."""
    edition = tmp_path / "texts" / "tiny"
    (edition / "editorial").mkdir(parents=True)
    real = yaml.safe_load((EDITION / "edition.yml").read_text(encoding="utf-8"))
    real["id"] = "tiny"
    real["source"] = {"pages": [], "running_heads": []}
    real["front_matter"] = {"abstract": [1]}
    real["materials"].pop("conversion_overrides")
    (edition / "edition.yml").write_text(yaml.safe_dump(real, allow_unicode=True), "utf-8")
    (edition / "source.ocr.txt").write_text(source, encoding="utf-8")
    (edition / "references.bib").write_text(bib, encoding="utf-8")
    glossary = {
        "terms": [
            {
                "id": "social-capital",
                "en": "social capital",
                "zh-Hant": "社會資本",
                "definition": {"en": definition, "zh-Hant": "編者的定義。"},
                "sources": [],
                "related": [],
            }
        ]
    }
    (edition / "glossary.yml").write_text(yaml.safe_dump(glossary, allow_unicode=True), "utf-8")
    shutil.copy(EDITION / "editorial" / "translation.yml", edition / "editorial")
    guide = [{"start": 1, "en": "The only page.", "zh-Hant": "唯一的一頁。"}]
    (edition / "editorial" / "guide.yml").write_text(yaml.safe_dump(guide, allow_unicode=True))
    for lang in ("en", "zh-Hant"):
        (edition / "editorial" / f"principles.{lang}.md").write_text("Principles.\n", "utf-8")
    with (ROOT / "mkdocs.yml").open(encoding="utf-8") as handle:
        config = yaml_load(handle)  # MkDocs' loader, which knows its !ENV tag
    config["docs_dir"] = str(ROOT / "docs")
    config["theme"]["custom_dir"] = str(ROOT / "docs" / "overrides")
    config["plugins"][0] = {"edition": {"edition": "texts/tiny"}}
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")
    return tmp_path / "mkdocs.yml"


BIB = """@book{smith2020,
  author = {Smith, Jane},
  title = {<script>alert("bib")</script> and other tricks},
  publisher = {Press & Sons},
  year = {2020},
}
"""


def test_untrusted_text_is_escaped_everywhere(tmp_path: Path) -> None:
    config = _tiny_edition(
        tmp_path,
        source=(
            "Social capital grows <script>alert('source')</script> where people meet "
            "(Smith, 2020). A paragraph that ends.\n"
        ),
        bib=BIB,
        definition='A definition with <img src=x onerror="alert(1)"> in it (Smith, 2020).',
    )
    site = build_site(config, tmp_path / "site")
    for html in site.rglob("*.html"):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        assert not [s for s in soup.find_all("script") if "alert" in s.get_text()], html
        assert not soup.find_all("img", src="x"), html
        handlers = [a for tag in soup.find_all(True) for a in tag.attrs if a.startswith("on")]
        assert handlers == [], html
    text_page = _page(site, "en", "text", "")
    assert "<script>alert('source')</script>" in text_page.get_text()
    glossary = _page(site, "en", "glossary", "")
    assert '<img src=x onerror="alert(1)">' in glossary.get_text()


def test_build_fails_on_an_unresolved_citation(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    config = _tiny_edition(
        tmp_path,
        source="Social capital is what people share (Nobody, 1999). A paragraph that ends.\n",
        bib=BIB,
        definition="A definition.",
    )
    with pytest.raises((PluginError, Abort)):
        build_site(config, tmp_path / "site")
    assert "texts/tiny/source.ocr.txt:1: unresolved citation 'Nobody, 1999'" in caplog.text


def test_a_tool_that_fails_stops_the_build_with_its_message(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The CSL processor failing (pandoc stopped) is the build's error, not a traceback."""
    config = _tiny_edition(
        tmp_path, source="Social capital. A paragraph that ends.\n", bib=BIB, definition="A."
    )

    def stopped(*args: object, **kwargs: object) -> None:
        raise EditionError("the CSL processor (pandoc citeproc) failed: pandoc stopped")

    monkeypatch.setattr(context, "render_references", stopped)
    with pytest.raises((PluginError, Abort)):
        build_site(config, tmp_path / "site")
    assert "edition: the CSL processor (pandoc citeproc) failed: pandoc stopped" in caplog.text


def test_build_fails_when_a_page_lacks_a_language_version(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    config = _tiny_edition(
        tmp_path, source="Social capital. A paragraph that ends.\n", bib=BIB, definition="A."
    )
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    (docs / "extra.md").write_text("# Only in English\n", encoding="utf-8")
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    data["docs_dir"] = str(docs)
    config.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises((PluginError, Abort)):
        build_site(config, tmp_path / "site")
    assert "extra: no zh-Hans, zh-Hant version" in caplog.text


def test_home_shows_the_title_in_english_and_the_editors_chinese_translation(
    built_site: Path,
) -> None:
    translation = yaml.safe_load(
        (EDITION / "editorial" / "translation.yml").read_text(encoding="utf-8")
    )
    for lang in ("en", "zh-Hant"):
        soup = _page(built_site, lang, "index")
        assert soup.h1.get_text(" ", strip=True).startswith("WeChat groups as social")
        box = soup.select_one(".ed-editorial")
        assert box.select_one(".ed-label").get_text() in ("Editors' translation", "編者譯文")
        assert box.strong.get_text() == translation["title"]
    simplified = _page(built_site, "zh-Hans", "index").select_one(".ed-editorial strong")
    assert simplified["lang"] == "zh-Hans" and "社会基础设施" in simplified.get_text()


def test_every_link_in_the_text_names_its_source_line(built_site: Path) -> None:
    soup = _page(built_site, "en", "text")
    links = soup.select("a.ed-cite[id], a.ed-term[id]")
    assert len(links) > 60
    lines = len((EDITION / "source.ocr.txt").read_text(encoding="utf-8").split("\n"))
    assert all(1 <= int(link["data-line"]) <= lines for link in links)


def test_editorial_headings_sit_under_the_page_title_with_shared_ids(built_site: Path) -> None:
    ids = []
    for lang in LANGUAGES:
        soup = _page(built_site, lang, "about")
        assert len(soup.find_all("h1")) == 1
        ids.append([h["id"] for h in soup.select("h2[id^=principles-], h3[id^=principles-]")])
    assert ids[0] and ids[0] == ids[1] == ids[2]


#: A Chinese character set right before ASCII punctuation of a Latin label: ": " or " ("
#: (not an author-year citation's, "本版編者 (2026)", which is APA's form).
_LATIN_PUNCTUATION_IN_CHINESE = re.compile(r"[\u4e00-\u9fff][:(]|[\u4e00-\u9fff] \((?!\d{4})")


@pytest.mark.parametrize("lang", ["zh-Hant", "zh-Hans"])
def test_the_chinese_versions_punctuate_their_labels_in_chinese(
    built_site: Path, lang: str
) -> None:
    pages = [(name, edition) for edition in EDITIONS for name in PAGES] + [
        ("index", ""),
        ("references", ""),
    ]
    for name, edition in pages:
        page = "" if name == "index" else name
        path = built_site / PREFIX[lang] / edition / page / "index.html"
        if not path.exists():
            continue
        main = BeautifulSoup(path.read_text("utf-8"), "html.parser").select_one("article")
        for entry in main.select(".ed-ref__text, .ed-block, [lang], pre, code"):
            entry.decompose()  # the works' and the paper's own words, as written
        found = _LATIN_PUNCTUATION_IN_CHINESE.search(main.get_text())
        assert found is None, f"{path}: {main.get_text()[found.start() - 30 : found.end() + 30]}"


def test_the_volume_pages_are_in_each_versions_script_and_name(built_site: Path) -> None:
    for lang in ("zh-Hant", "zh-Hans"):
        home = _page(built_site, lang, "index", "")
        assert home.select_one("p.ed-intro").get_text() == label(lang, "volume.intro")
        assert (
            home.h1.get_text().strip("¶ ")
            == (ROOT / "mkdocs.yml")
            .read_text("utf-8")
            .split(f"locale: {lang}")[1]
            .split("site_name: ")[1]
            .split("\n")[0]
        )
        references = _page(built_site, lang, "references", "")
        assert references.h1.get_text().strip("¶ ") == label(lang, "nav.volume-references")
    assert label("zh-Hans", "volume.intro") != label("zh-Hant", "volume.intro")


def test_the_about_page_names_why_lines_were_removed(built_site: Path) -> None:
    about = _page(built_site, "zh-Hans", "about").get_text()
    assert label("zh-Hans", "removed.page-number") in about
    assert "page-number" not in about
