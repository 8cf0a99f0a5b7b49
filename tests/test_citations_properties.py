"""Property tests of the citation engine: any text, generated citations, page layout."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_citations import BIB, INDEX

from edition.citations import find_citations

#: Characters citations are made of, so random text often comes close to one.
CITATION_ALPHABET = "()（）,;，；：&.:- \n0123456789aeilnOlISmithKlnbrgetal等與、頁p©>~#\f"
FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def assert_well_formed(text: str, found) -> None:
    previous_end = 0
    for c in found:
        assert 0 <= c.start < c.end <= len(text)
        assert text[c.start : c.end] == c.text
        assert c.start >= previous_end or c.narrative
        previous_end = c.end
        assert c.status in {"resolved", "ambiguous", "unresolved", "illegible"}
        assert (len(c.keys) == 1) == (c.status == "resolved")


@FAST
@given(st.text(max_size=400))
def test_never_crashes_on_any_text(text):
    assert_well_formed(text, find_citations(text, INDEX))


@FAST
@given(st.text(alphabet=CITATION_ALPHABET, max_size=400))
def test_offsets_slice_back_on_citation_like_text(text):
    assert_well_formed(text, find_citations(text, INDEX))
    assert_well_formed(text, find_citations(text))


#: Works whose citation is unambiguous, with the ways their authors can be written.
WORKS = [ref for ref in BIB.references if not ref.key.startswith("smith2018")]
WORDS = st.sampled_from("the city and its people were studied in several ways here".split())


def authors(ref, use_and: bool) -> str:
    names = [n.cited for n in ref.authors]
    if len(names) >= 3 or ref.et_al:
        return f"{names[0]} et al."
    if len(names) == 2:
        if names[0][-1] > "\u3000":
            return f"{names[0]}與{names[1]}"
        return f"{names[0]} {'and' if use_and else '&'} {names[1]}"
    return names[0]


@st.composite
def cited_text(draw) -> tuple[str, list[str]]:
    """Prose with parenthetical groups and narrative citations, and the keys in order."""
    parts: list[str] = []
    expected: list[str] = []
    for _ in range(draw(st.integers(1, 5))):
        parts.extend(draw(st.lists(WORDS, min_size=1, max_size=6)))
        refs = draw(st.lists(st.sampled_from(WORKS), min_size=1, max_size=3, unique_by=id))
        use_and = draw(st.booleans())
        if draw(st.booleans()):
            ref = refs[0]
            parts.append(f"{authors(ref, use_and)} ({BIB.year_label(ref.key)})")
            expected.append(ref.key)
        else:
            members = []
            for ref in refs:
                page = draw(st.one_of(st.none(), st.integers(1, 400)))
                locator = f", p. {page}" if page else ""
                members.append(f"{authors(ref, use_and)}, {BIB.year_label(ref.key)}{locator}")
                expected.append(ref.key)
            parts.append(f"({'; '.join(members)})")
    breaks = draw(st.lists(st.booleans(), min_size=len(parts), max_size=len(parts)))
    text = "".join(p + ("\n" if b else " ") for p, b in zip(parts, breaks, strict=True))
    return text, expected


@FAST
@given(cited_text())
def test_generated_citations_are_all_found_and_linked(case):
    text, expected = case
    found = find_citations(text, INDEX)
    assert [c.keys[0] for c in found if c.keys] == expected
    assert all(c.status == "resolved" for c in found)
    assert_well_formed(text, found)


@FAST
@given(cited_text(), st.integers(1, 999), st.data())
def test_page_breaks_change_nothing_but_offsets(case, page, data):
    """A page number and a running head between two lines never add, lose or change a link."""
    text, expected = case
    lines = text.split("\n")
    if len(lines) < 2:
        return
    at = data.draw(st.integers(1, len(lines) - 1))
    furniture = f"\n{page}\n\nCITIES AND SOCIETY, VOL. 3 (2021)\n"
    broken = "\n".join(lines[:at]) + "\n" + furniture + "\n" + "\n".join(lines[at:])
    found = find_citations(broken, INDEX)
    assert [c.keys[0] for c in found if c.keys] == expected
    assert_well_formed(broken, found)


@FAST
@given(st.lists(st.tuples(st.integers(0, 300), st.integers(1, 40)), max_size=30))
def test_view_spans_map_like_offsets_one_by_one(spans):
    """``View.spans`` (a cursor for spans in order) agrees with the plain mapping, in any order."""
    from edition.citations.layout import page_view

    text = "".join(f"line {i} of the text\n\n{i}\n\nRUNNING HEAD\n\n" for i in range(1, 15))
    view = page_view(text, lambda line: False)
    assert view.text is not text
    span = view.spans()
    for start, length in spans:
        start = min(start, len(view.text) - 1)
        end = min(start + length, len(view.text))
        assert span(start, end) == (view.source_offset(start), view.source_end(end))
