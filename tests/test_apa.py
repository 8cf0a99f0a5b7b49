"""APA 7 rendering: the reference list (safe HTML and text) and in-text citations."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from edition.apa import cite_narrative, cite_parenthetical, render_references
from edition.bibliography import Bibliography, Name, Reference, load_bibliography
from edition.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "bib"
ALLOWED_TAG = re.compile(r'</?i>|</?b>|<a href="[^"<>]*">|</a>')


@pytest.fixture(scope="module")
def bib() -> Bibliography:
    return load_bibliography(FIXTURES / "types.bib")


@pytest.fixture(scope="module")
def rendered(bib: Bibliography) -> dict[str, tuple[str, str]]:
    return {r.key: (r.html, r.text) for r in render_references(bib)}


def write(tmp_path: Path, text: str) -> Bibliography:
    path = tmp_path / "refs.bib"
    path.write_text(text, encoding="utf-8")
    return load_bibliography(path)


def test_every_entry_is_rendered_once(bib: Bibliography) -> None:
    references = render_references(bib)
    assert sorted(r.key for r in references) == sorted(r.key for r in bib.references)


def test_article(rendered: dict[str, tuple[str, str]]) -> None:
    html, text = rendered["plantin2018"]
    assert text.startswith("Plantin, J.-C., Lagoze, C., & Edwards, P. N. (2018). ")
    assert "New Media & Society, 20(1), 293–310." in text
    assert "<i>New Media &amp; Society</i>, <i>20</i>(1)" in html
    doi = "https://doi.org/10.1177/1461444816661553"
    assert text.endswith(doi)  # the resolver prefix in the file is not doubled
    assert f'<a href="{doi}">{doi}</a>' in html


def test_book(rendered: dict[str, tuple[str, str]]) -> None:
    html, text = rendered["klinenberg2018"]
    assert text == "Klinenberg, E. (2018). Palaces for the people. Crown."
    assert "<i>Palaces for the people</i>" in html


def test_chapter_in_edited_book(rendered: dict[str, tuple[str, str]]) -> None:
    _, text = rendered["edwards2003"]
    assert (
        "In T. J. Misa & P. Brey (Eds.), Modernity and technology (pp. 185–225). MIT Press." in text
    )


def test_report_by_organisation(rendered: dict[str, tuple[str, str]]) -> None:
    _, text = rendered["unitednations1992"]
    assert text.startswith("United Nations Department of Humanitarian Affairs. (1992). ")
    assert text.endswith("United Nations.")


def test_online_and_misc_link_their_url(rendered: dict[str, tuple[str, str]]) -> None:
    html, text = rendered["andreessen2007"]
    url = "https://example.org/three_kinds?page=1&lang=en%20US"
    assert text.startswith("Andreessen, M. (2007, September 16). The three kinds of platforms.")
    assert text.endswith(url)
    assert f'<a href="{url.replace("&", "&amp;")}">' in html
    html, text = rendered["latham2019"]
    assert "[Working paper]" in text
    assert '<a href="https://example.org/latham">' in html


def test_translated_book(rendered: dict[str, tuple[str, str]]) -> None:
    _, text = rendered["jacobs2006"]
    assert text == (
        "Jacobs, J. (2006). 美国大城市的死与生 (金衡山, Trans.). 译林出版社. "
        "(Original work published 1961)"
    )


def test_particle_and_latex_in_title(rendered: dict[str, tuple[str, str]]) -> None:
    _, text = rendered["plantin2019"]
    assert text.startswith(
        "Plantin, J.-C., & de Seta, G. (2019). WeChat as infrastructure: Müller's"
    )


def test_and_others_renders_et_al_and_no_editors_note(rendered: dict[str, tuple[str, str]]) -> None:
    _, text = rendered["ahmad2022"]
    assert text == "Ahmad et al. (2022)."


def test_order_is_author_then_year(tmp_path: Path) -> None:
    bib = write(
        tmp_path,
        "@book{z, author = {Zhu, A.}, title = {T}, publisher = {P}, year = {1990}}\n"
        "@book{b2, author = {Brown, A.}, title = {T}, publisher = {P}, year = {2010}}\n"
        "@book{bj, author = {Brown, A. and Jones, C.}, title = {T}, publisher = {P}, year = 2000}\n"
        "@book{b1, author = {Brown, A.}, title = {T}, publisher = {P}, year = {2001}}\n"
        "@book{s, author = {de Seta, G.}, title = {T}, publisher = {P}, year = {2019}}\n"
        "@book{bw, author = {Browning, A.}, title = {T}, publisher = {P}, year = {1980}}\n",
    )
    assert [r.key for r in render_references(bib)] == ["b1", "b2", "bj", "bw", "s", "z"]


def test_year_suffixes_match_year_label() -> None:
    bib = load_bibliography(FIXTURES / "suffixes.bib")
    texts = {r.key: r.text for r in render_references(bib)}
    for key in ("smith2020x", "smith2020y", "smithnd1", "smithnd2"):
        assert f"({bib.year_label(key)})." in texts[key]
        assert bib.year_label(key) in cite_parenthetical(bib, key)
    assert "(2020)." in texts["smith2020z"]
    order = [r.key for r in render_references(bib)]
    assert order.index("smith2020y") < order.index("smith2020x")


def test_html_escapes_untrusted_text(tmp_path: Path) -> None:
    bib = write(
        tmp_path,
        "@article{x,\n"
        '  author = {O"Brien, <b>Eve</b> and Smith \\& Sons, Ann},\n'
        '  title = {<script>alert(1)</script> & "quotes"},\n'
        "  journal = {J <img src=x onerror=alert(1)>},\n"
        "  volume = {1}, year = {2000},\n"
        '  url = {https://a.org/?q="><script>x</script>}\n'
        "}\n",
    )
    (ref,) = render_references(bib)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;" in ref.html
    assert "&lt;img " in ref.html
    assert "<img" not in ref.html
    assert "<script>alert(1)</script>" in ref.text  # plain text is text, not HTML
    assert ALLOWED_TAG.sub("", ref.html).count("<") == 0
    assert 'href="https://a.org/?q=&quot;&gt;&lt;script&gt;x&lt;/script&gt;"' in ref.html


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,<script>x</script>"])
def test_only_http_links_become_anchors(tmp_path: Path, url: str) -> None:
    bib = write(
        tmp_path,
        f"@online{{x, author = {{A, B.}}, title = {{T}}, year = {{2000}}, url = {{{url}}}}}",
    )
    (ref,) = render_references(bib)
    assert "<a" not in ref.html
    assert "href" not in ref.html
    assert ALLOWED_TAG.sub("", ref.html).count("<") == 0


def test_in_text_one_author(bib: Bibliography) -> None:
    assert cite_parenthetical(bib, "klinenberg2018") == "(Klinenberg, 2018)"
    assert cite_narrative(bib, "klinenberg2018") == "Klinenberg (2018)"


def test_in_text_two_authors(bib: Bibliography) -> None:
    assert cite_parenthetical(bib, "latham2019") == "(Latham & Layton, 2019)"
    assert cite_narrative(bib, "latham2019") == "Latham and Layton (2019)"
    assert cite_narrative(bib, "plantin2019") == "Plantin and de Seta (2019)"


def test_in_text_three_or_more_authors_and_locator(bib: Bibliography) -> None:
    assert cite_parenthetical(bib, "plantin2018", "295") == "(Plantin et al., 2018, p. 295)"
    assert cite_narrative(bib, "plantin2018") == "Plantin et al. (2018)"
    assert cite_narrative(bib, "plantin2018", "295-296") == "Plantin et al. (2018, pp. 295–296)"
    assert cite_parenthetical(bib, "plantin2018", "para. 4") == "(Plantin et al., 2018, para. 4)"


def test_in_text_et_al_from_and_others(bib: Bibliography) -> None:
    assert cite_parenthetical(bib, "ahmad2022") == "(Ahmad et al., 2022)"


def test_in_text_organisation_in_full(bib: Bibliography) -> None:
    assert cite_parenthetical(bib, "unitednations1992", "27") == (
        "(United Nations Department of Humanitarian Affairs, 1992, p. 27)"
    )


def test_in_text_translation_gives_both_years(bib: Bibliography) -> None:
    assert cite_narrative(bib, "jacobs2006", "104") == "Jacobs (1961/2006, p. 104)"


def test_cli_prints_text_list_and_count(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bib", str(FIXTURES / "types.bib")]) == 0
    out, err = capsys.readouterr()
    bib = load_bibliography(FIXTURES / "types.bib")
    assert out.splitlines() == [r.text for r in render_references(bib)]
    assert err.strip() == f"{len(bib.references)} references"


def test_cli_html_has_one_paragraph_per_reference(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bib", str(FIXTURES / "types.bib"), "--format", "html"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(load_bibliography(FIXTURES / "types.bib").references)
    assert all(line.startswith('<p class="reference" id="') for line in lines)


#: field text built from pieces that break naive HTML, LaTeX or URL handling
NASTY = st.lists(
    st.sampled_from([*"<>&\"'/\\{}=;: aZ9é社-.%", "<script>", "</i>", "javascript:", "\ue000"]),
    max_size=20,
).map("".join)


@settings(max_examples=60, deadline=None)
@given(title=NASTY, journal=NASTY, family=NASTY, given_name=NASTY, url=NASTY)
def test_html_never_contains_an_unescaped_angle_bracket(
    title: str, journal: str, family: str, given_name: str, url: str
) -> None:
    name = Name(family=family or "X", given=given_name)
    fields = {"title": title, "journal": journal, "year": "2000", "volume": "1", "url": url}
    ref = Reference("k", "article", (name,), "2000", title, fields, 1, {"author": (name,)})
    (rendered,) = render_references(Bibliography(Path("refs.bib"), (ref,)))
    assert ALLOWED_TAG.sub("", rendered.html).count("<") == 0
    assert ALLOWED_TAG.sub("", rendered.html).count(">") == 0
    assert unescape(ALLOWED_TAG.sub("", rendered.html)) == rendered.text
