"""The TEI P5 export: valid against ``tei_all``, every source line and the reading text
recoverable, every pointer resolving, and each thing the edition knows encoded as TEI's own.

The schema is the vendored ``tests/schemas/tei_all.rng`` (see its README): compiling it takes
a few seconds, so it is compiled once per session.
"""

from __future__ import annotations

import copy
import hashlib
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from lxml import etree, isoschematron
from sitebuild import ROOT

from edition.annotation import Annotated, annotate
from edition.citations import ILLEGIBLE, RESOLVED
from edition.document import BlockKind
from edition.errors import EditionError, read_text
from edition.site.context import DOWNLOADS, site_edition
from edition.site.labels import labels
from edition.site.pages import Volume, downloads
from edition.tei import to_tei
from edition.tei.elements import STRUCTURAL, append_text, element, unique_ids

SCHEMA = Path(__file__).parent / "schemas" / "tei_all.rng"
SCHEMA_SHA256 = "facc222ce0c2d3647f772bc9e8b584722bf2d71e65a4f73b26d41a7ed869d4a1"
SCHEMATRON = "http://purl.oclc.org/dsdl/schematron"
NS = {"t": "http://www.tei-c.org/ns/1.0"}
XML = "{http://www.w3.org/XML/1998/namespace}"
EXAMPLES = sorted(path.parent for path in (ROOT / "texts").glob("*/edition.yml"))
FIXTURE = ROOT / "tests" / "fixtures" / "en" / "elife-00007.ocr.txt"


class TeiAll:
    """``tei_all``: its RELAX NG grammar, and the Schematron rules embedded in it.

    lxml runs Schematron through XSLT 1; the rules written in XPath 2 (20 of the schema's 83
    patterns, all on elements and attributes the export never writes: ODD specifications,
    ``@calendar``, ``@validUntil``, ``path``, ``objectIdentifier``) are left out, the others
    (paragraphs inside paragraphs, ``ref`` and ``ptr`` attributes, glossary lists with
    labels, ``@subtype`` with ``@type``…) are checked, reports as well as asserts.
    """

    def __init__(self, path: Path) -> None:
        tree = etree.parse(str(path))
        self.grammar = etree.RelaxNG(tree)
        declarations = tree.findall(f".//{{{SCHEMATRON}}}ns")
        self.rules = []
        for pattern in tree.iterfind(f".//{{{SCHEMATRON}}}pattern"):
            rules = etree.Element(f"{{{SCHEMATRON}}}schema", nsmap={"sch": SCHEMATRON})
            prefixes = set()
            for declaration in declarations:
                if declaration.get("prefix") not in prefixes:
                    prefixes.add(declaration.get("prefix"))
                    rules.append(copy.deepcopy(declaration))
            rules.append(copy.deepcopy(pattern))
            try:
                finder = isoschematron.Schematron.ASSERTS_AND_REPORTS
                self.rules.append(isoschematron.Schematron(rules, error_finder=finder))
            except etree.XSLTParseError:  # XPath 2
                continue

    def errors(self, root: etree._Element) -> list[str]:
        if not self.grammar.validate(root):
            return [f"{e.line}: {e.message}" for e in self.grammar.error_log]
        return [
            e.message for rules in self.rules if not rules.validate(root) for e in rules.error_log
        ]


@pytest.fixture(scope="session")
def schema() -> TeiAll:
    assert hashlib.sha256(SCHEMA.read_bytes()).hexdigest() == SCHEMA_SHA256
    tei_all = TeiAll(SCHEMA)
    assert len(tei_all.rules) == 63
    return tei_all


def _errors(schema: TeiAll, root: etree._Element) -> list[str]:
    return schema.errors(root)


def test_the_schematron_rules_find_what_they_forbid(schema: TeiAll) -> None:
    nested = etree.fromstring(
        b'<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><ab><p>x</p></ab>'
        b'<p><ref target="#a" cRef="b">y</ref></p></body></text></TEI>'
    )
    found = [e for rules in schema.rules if not rules.validate(nested) for e in rules.error_log]
    assert len(found) == 2


def _export(folder: Path) -> tuple[Annotated, etree._Element]:
    annotated = annotate(folder)
    return annotated, etree.fromstring(to_tei(annotated))


# --- reading the file back -------------------------------------------------------------------


def _local(node: etree._Element) -> str:
    return etree.QName(node).localname if isinstance(node.tag, str) else ""


def _plain(node: etree._Element, take: str, skip: frozenset[str] = frozenset()) -> str:
    """The text of ``node`` with each ``choice`` read as its ``take`` (orig or reg), and (for
    the reading, ``reg``) no ``fw`` nor elements in ``skip``."""
    out: list[str] = []

    def walk(element: etree._Element) -> None:
        name = _local(element)
        if name == "choice":
            walk(element.find(f"t:{take}", NS))
        elif not (take == "reg" and (name == "fw" or name in skip)):
            if element.text and name not in STRUCTURAL:
                out.append(element.text)
            for child in element:
                walk(child)
                if child.tail and name not in STRUCTURAL:
                    out.append(child.tail)

    walk(node)
    return "".join(out)


def _lines_back(root: etree._Element) -> dict[int, str]:
    """Every source line as the file gives it back: from its ``lb`` to the next, the source's
    characters of each ``choice``."""
    lines: dict[int, list[str]] = {}
    current: list[int] = []

    def add(text: str | None) -> None:
        if text and current:
            lines[current[-1]].append(text)

    def walk(element: etree._Element) -> None:
        name = _local(element)
        if name == "lb":
            number = int(element.get("n"))
            assert number not in lines, f"two lb for line {number}"
            lines[number] = []
            current.append(number)
        elif name == "choice":
            add(_plain(element, "orig"))
        else:
            if name not in STRUCTURAL:
                add(element.text)
            else:
                assert not (element.text or "").strip(), f"text in {name}"
            for child in element:
                walk(child)
                if name not in STRUCTURAL:
                    add(child.tail)

    for part in root.iterfind("t:text/t:front", NS):
        walk(part)
    for part in root.iterfind("t:text/t:body", NS):
        walk(part)
    return {number: "".join(parts) for number, parts in lines.items()}


def _source(path: Path) -> list[str]:
    """The source's lines as the toolkit numbers them (its reader decides what a line is)."""
    lines = read_text(path).split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line.replace("\r", "").replace("\f", "") for line in lines]


def _assert_lines_recoverable(annotated: Annotated, root: etree._Element) -> None:
    back = _lines_back(root)
    for number, line in enumerate(_source(annotated.edition.source), start=1):
        if not line.strip():
            assert number not in back, f"line {number} is blank but has an lb"
            continue
        assert number in back, f"line {number} has no lb"
        assert back[number].rstrip(" \n") == line.strip(" \t\u3000"), number


def _assert_reading_is_the_cleaned_text(annotated: Annotated, root: etree._Element) -> None:
    ids = {node.get(f"{XML}id"): node for node in root.iter()}
    for block in annotated.document.blocks:
        element = ids[block.id]
        if block.kind is BlockKind.TABLE:
            shown = [
                _plain(cell, "reg", frozenset({"metamark"})).strip()
                for cell in element.iterfind("t:row/t:cell", NS)
            ]
            assert shown == [block.text[s:e].strip() for row in block.cells for s, e in row]
        else:
            assert _plain(element, "reg") == block.text, block.id


def _assert_pointers_resolve(root: etree._Element) -> None:
    ids = [node.get(f"{XML}id") for node in root.iter() if node.get(f"{XML}id")]
    assert len(ids) == len(set(ids))
    known = set(ids)
    for node in root.iter():
        for attribute in ("target", "ref", "corresp", "resp"):
            for pointer in (node.get(attribute) or "").split():
                if pointer.startswith("#"):
                    assert pointer[1:] in known, (_local(node), pointer)


# --- every example edition -------------------------------------------------------------------


@pytest.mark.parametrize("folder", EXAMPLES, ids=[f.name for f in EXAMPLES])
def test_every_example_edition_exports_valid_tei(schema, folder: Path) -> None:
    annotated, root = _export(folder)
    assert _errors(schema, root) == []
    _assert_lines_recoverable(annotated, root)
    _assert_reading_is_the_cleaned_text(annotated, root)
    _assert_pointers_resolve(root)
    refs = root.findall(".//t:text/t:front//t:ref[@type='bibr']", NS)
    refs += root.findall(".//t:text/t:body//t:ref[@type='bibr']", NS)
    assert [r.get(f"{XML}id") for r in refs] == [o.id for o in annotated.occurrences]
    resolved = [o for o in annotated.occurrences if o.citation.status == RESOLVED]
    assert len([r for r in refs if r.get("target")]) == len(resolved)
    entries = root.findall(".//t:back/t:div[@type='bibliography']/t:listBibl/t:biblStruct", NS)
    assert [e.get(f"{XML}id") for e in entries] == [
        f"ref-{r.key}" for r in annotated.bibliography.references
    ]
    terms = root.findall(".//t:text/t:body//t:term", NS) + root.findall(
        ".//t:text/t:front//t:term", NS
    )
    assert len(terms) == sum(len(found) for found in annotated.terms_by_block.values())
    pages = root.findall(".//t:text//t:pb", NS)
    assert len(pages) == len(annotated.document.pages)


def test_the_first_edition_says_what_its_source_is(schema) -> None:
    annotated, root = _export(ROOT / "texts" / "yang-wang-2024")
    pages = root.findall(".//t:pb", NS)
    printed = [p for p in pages if p.get("n") == "99"]
    assert len(printed) == 1 and printed[0].get("cert") is None
    inferred = [p for p in pages if p.get("type") == "inferred"]
    assert [p.get("n") for p in inferred] == ["96", "97", "98", "100", "101", "102", "103"]
    assert {p.get("cert") for p in inferred} == {"medium"}
    assert {p.get("resp") for p in inferred} == {"#editors"}
    assert [p.get("type") for p in pages[:2]] == ["unnumbered", "unnumbered"]
    assert all(p.get("n") is None for p in pages[:2])
    noise = root.findall(".//t:body/t:ab[@type='ocr-noise']", NS)
    assert len(noise) == sum(b.kind is BlockKind.NOISE for b in annotated.document.blocks)
    # Legible citations stand between the unclear runs, never inside one.
    assert root.findall(".//t:unclear//t:ref", NS) == []
    illegible = root.findall(".//t:ref[@subtype='illegible']", NS)
    assert len(illegible) == sum(o.citation.status == ILLEGIBLE for o in annotated.occurrences)
    named = [r for r in illegible if r.find("t:unclear", NS) is not None]
    assert "".join(named[0].find("t:unclear", NS).itertext()) == "B ~ He i"
    glosses = root.findall(".//t:ab[@type='ocr-noise']/t:gloss", NS)
    assert [g.get(f"{XML}lang") for g in glosses] == ["en"] * len(glosses)
    salvaged = sum(s.kind == "gloss" for b in annotated.document.blocks for s in b.salvaged)
    assert len(glosses) == salvaged
    # The front matter is English in a Chinese paper; the abstract is cut by the author notes.
    assert root.find(".//t:front", NS).get(f"{XML}lang") == "zh-Hant"
    assert root.find(".//t:front//t:p", NS).get(f"{XML}lang") == "en"
    parts = root.findall(".//t:front/t:div[@type='abstract']", NS)
    assert [d.get("part") for d in parts] == ["I", "F"]
    forme = {f.get("type") for f in root.findall(".//t:fw", NS)}
    assert forme == {"pageNum", "copyright", "header"}


def test_editorial_texts_are_the_editors_and_stand_apart(schema) -> None:
    _, root = _export(ROOT / "texts" / "yang-wang-2024")
    editors = root.find(".//t:titleStmt/t:respStmt", NS)
    assert editors.get(f"{XML}id") == "editors"
    back = root.find(".//t:back", NS)
    for kind in ("translation", "guide", "glossary"):
        assert back.find(f"t:div[@type='{kind}']", NS).get("resp") == "#editors"
    principles = root.findall(".//t:encodingDesc/t:editorialDecl[@resp='#editors']", NS)
    assert sorted(p.get(f"{XML}lang") for p in principles) == ["en", "zh-Hant"]
    source = root.findall(".//t:sourceDesc/t:biblStruct/t:note[@type='source']", NS)
    assert {n.get("resp") for n in source} == {"#editors"}
    # No editors' text in the transcription: what they did there is mark inferred page
    # numbers and link citations, never add words.
    for part in ("front", "body"):
        marked = root.findall(f".//t:{part}//*[@resp='#editors']", NS)
        assert {_local(node) for node in marked} <= {"pb", "ref"}
    translation = back.find("t:div[@type='translation']", NS)
    assert translation.get(f"{XML}lang") == "zh-Hant"
    assert translation.find("t:head", NS).text.startswith("微信群作為社會基礎設施")
    guide = back.findall("t:div[@type='guide']/t:div", NS)
    assert guide[0].get("corresp") == "#page-1"
    assert {d.get(f"{XML}lang") for d in guide[0]} == {"en", "zh-Hant"}


# --- tiny editions ---------------------------------------------------------------------------

BIB = """@article{granovetter1973,
  author = {Granovetter, Mark S.}, title = {The strength of weak ties},
  journal = {American Journal of Sociology}, volume = {78}, number = {6},
  pages = {1360--1380}, year = {1973}, doi = {10.1086/225469}
}
@book{putnam2000,
  author = {Putnam, Robert D.}, title = {Bowling alone}, publisher = {Simon \\& Schuster},
  address = {New York}, year = {2000}
}
@incollection{edwards2003,
  author = {Edwards, Paul N.}, title = {Infrastructure and modernity},
  booktitle = {Modernity and technology}, editor = {Misa, Thomas J.},
  publisher = {MIT Press}, pages = {185--225}, year = {2003}
}
@misc{smith:2019,
  author = {Smith, Ann}, title = {A web page}, year = {2019}, url = {https://example.org/a},
  note = {Editors' note: the page is archived.}
}
"""
GLOSSARY = {
    "terms": [
        {
            "id": "weak-ties",
            "en": "weak ties",
            "zh-Hant": "弱連結",
            "aliases": {"en": ["weak tie links"]},
            "definition": {
                "en": "Ties between acquaintances (Granovetter, 1973).",
                "zh-Hant": "點頭之交的關係。",
            },
            "sources": ["granovetter1973"],
            "related": ["bridging-capital"],
        },
        {
            "id": "bridging-capital",
            "en": "bridging capital",
            "zh-Hant": "橋接型資本",
            "definition": {"en": "Capital across groups.", "zh-Hant": "跨群體的資本。"},
        },
    ]
}


def _edition(
    folder: Path,
    source: str,
    *,
    yml: dict | None = None,
    bib: str = BIB,
    glossary: dict | None = GLOSSARY,
    editorial: dict[str, str] | None = None,
) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    data = {
        "id": "tiny",
        "paper": {
            "title": "A paper",
            "authors": [{"family": "Doe", "given": "Jane"}],
            "year": 2021,
            "language": "en",
            "journal": "Journal of Tests",
        },
        "materials": {"source": "source.txt", "references": "references.bib"},
    }
    for key, value in (yml or {}).items():
        if isinstance(value, dict) and isinstance(data.get(key), dict):
            data[key] = {**data[key], **value}
        else:
            data[key] = value
    if glossary is not None:
        data["materials"]["glossary"] = "glossary.yml"
        (folder / "glossary.yml").write_text(yaml.safe_dump(glossary, allow_unicode=True))
    (folder / "edition.yml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    (folder / "source.txt").write_text(source, encoding="utf-8", newline="")
    (folder / "references.bib").write_text(bib, encoding="utf-8")
    if editorial:
        (folder / "editorial").mkdir(exist_ok=True)
        for name, text in editorial.items():
            (folder / "editorial" / name).write_text(text, encoding="utf-8")
    return folder


def _valid_export(schema, folder: Path) -> tuple[Annotated, etree._Element]:
    annotated, root = _export(folder)
    assert _errors(schema, root) == []
    _assert_lines_recoverable(annotated, root)
    _assert_reading_is_the_cleaned_text(annotated, root)
    _assert_pointers_resolve(root)
    return annotated, root


def _xml(root: etree._Element, path: str) -> str:
    node = root.find(path, NS)
    return etree.tostring(node, encoding="unicode", with_tail=False).replace(
        ' xmlns="http://www.tei-c.org/ns/1.0"', ""
    )


def test_a_ligature_and_a_divided_word_keep_the_source_beside_the_reading(
    schema, tmp_path: Path
) -> None:
    source = "The ﬁrst weak ties of the infra-\nstructure were strong.\n"
    _, root = _valid_export(schema, _edition(tmp_path / "tiny", source))
    assert _xml(root, ".//t:body/t:p") == (
        '<p xml:id="l1"><lb n="1"/>The <choice><orig>ﬁ</orig><reg>fi</reg></choice>rst '
        '<term ref="#term-weak-ties">weak ties</term> of the infra<choice><orig>-</orig>'
        '<reg/></choice><lb n="2" break="no"/>structure were strong.</p>'
    )


def test_a_kept_hyphen_and_chinese_lines_join_without_a_break(schema, tmp_path: Path) -> None:
    source = (
        "The people of the city answered a COVID-19-\nrelated survey in the spring.\n\n"
        "鄰里之間的弱連\n結很重要。\n"
    )
    _, root = _valid_export(schema, _edition(tmp_path / "tiny", source))
    paragraphs = root.findall(".//t:body/t:p", NS)
    assert _xml(root, ".//t:body/t:p") == (
        '<p xml:id="l1"><lb n="1"/>The people of the city answered a COVID-19-<lb n="2" '
        'break="no"/>related survey in the spring.</p>'
    )
    second = etree.tostring(paragraphs[1], encoding="unicode")
    assert '<term ref="#term-weak-ties">弱連<lb n="5" break="no"/>結</term>' in second
    assert paragraphs[1].get(f"{XML}lang") == "zh-Hant"


def test_pages_begin_where_the_source_begins_them_with_their_furniture(
    schema, tmp_path: Path
) -> None:
    lines = [f"Line {n} of a paragraph that runs on and on across the page" for n in range(1, 5)]
    source = "\n".join(
        [
            *lines[:2],
            "",
            "12",
            "",
            "Journal of Tests, 3 (2020)",
            "",
            *lines[2:],
            "",
            "Journal of Tests, 3 (2020)",
            "",
            "A last paragraph.",
            "",
        ]
    )
    annotated, root = _valid_export(schema, _edition(tmp_path / "tiny", source))
    pages = annotated.document.pages
    assert [p.number for p in pages] == [12, 13]
    paragraph = _xml(root, ".//t:body/t:p")
    # The page number closes page 12, the running head opens page 13 after its pb.
    assert (
        'across the page <lb n="4"/><fw type="pageNum">12</fw><pb xml:id="page-2" n="13" '
        'type="inferred" cert="medium" resp="#editors"/><lb n="6"/><fw type="header">Journal '
        'of Tests, 3 (2020)</fw><lb n="8"/>Line 3'
    ) in paragraph
    first = root.find(".//t:body/t:pb", NS)
    assert first.get("n") == "12" and first.get("type") is None and first.get("cert") is None


def test_a_page_break_inside_a_line_stays_there_and_an_unnumbered_page_has_no_n(
    schema, tmp_path: Path
) -> None:
    source = "A paragraph that runs over \fthe page break in one line.\n"
    _, root = _valid_export(schema, _edition(tmp_path / "tiny", source))
    assert _xml(root, ".//t:body/t:p") == (
        '<p xml:id="l1"><lb n="1"/>A paragraph that runs over <pb xml:id="page-2" '
        'type="unnumbered"/>the page break in one line.</p>'
    )


NOISE = (
    "& bR oy B (TRISE > EAMFE - IRE M) ~ SR BRI (Granovetter, 1973) o At Ik B AKIENE S T\n"
    "ak#| 4L & EA R G B AL e B B a8 i1 (weak ties) o HETT A AR ERFHAMEE T E R F SR -\n"
    "FE22 (] > 3lf7 B S g 5 A 22 [H] B9 R M AN AR (R FE > 2019) 4L & EA R G B AL e B\n"
)


def test_noise_is_unclear_with_what_is_legible_in_it_in_place(schema, tmp_path: Path) -> None:
    annotated, root = _valid_export(schema, _edition(tmp_path / "tiny", NOISE))
    assert [b.kind for b in annotated.document.blocks] == [BlockKind.NOISE]
    noise = root.find(".//t:body/t:ab", NS)
    assert noise.get("type") == "ocr-noise"
    children = [_local(c) for c in noise]
    assert children[:4] == ["lb", "unclear", "ref", "unclear"]
    assert {u.get("reason") for u in noise.iterfind("t:unclear", NS)} == {"illegible"}
    ref = noise.find("t:ref", NS)
    assert (ref.text, ref.get("target")) == ("Granovetter, 1973", "#ref-granovetter1973")
    gloss = noise.find("t:gloss", NS)
    assert _xml(noise, "t:gloss") == (
        '<gloss xml:lang="en">(<term ref="#term-weak-ties">weak ties</term>)</gloss>'
    )
    assert gloss.getparent() is noise
    illegible = noise.find("t:ref[@subtype='illegible']", NS)
    assert illegible.get("target") is None
    assert _xml(noise, "t:ref[@subtype='illegible']") == (
        '<ref xml:id="c2" type="bibr" subtype="illegible"><unclear reason="illegible">R FE'
        "</unclear> &gt; 2019</ref>"
    )


def test_the_editors_decisions_are_theirs(schema, tmp_path: Path) -> None:
    source = "Weak ties matter (Granovetter, 1974). A lost work is cited (Nobody, 1999).\n"
    decisions = [
        {"line": 1, "text": "Granovetter, 1974", "decision": "link", "key": "granovetter1973"},
        {
            "line": 1,
            "text": "Nobody, 1999",
            "decision": "unresolved",
            "reason": "The work could not be identified.",
        },
    ]
    folder = _edition(tmp_path / "tiny", source, yml={"decisions": decisions})
    _, root = _valid_export(schema, folder)
    linked, lost = root.findall(".//t:body//t:ref", NS)
    assert linked.get("target") == "#ref-granovetter1973" and linked.get("resp") == "#editors"
    assert lost.get("subtype") == "unresolved" and lost.get("target") is None
    note = root.find(".//t:back/t:div[@type='notes']/t:note", NS)
    assert (note.get("target"), note.get("resp"), note.text) == (
        "#c2",
        "#editors",
        "The work could not be identified.",
    )


TABLE = """Table 1. Orders per group (Granovetter, 1973).

| Term | Estimate |
|------|----------|
| Intercept | 7.68 |
| Size | 0.52 |

The share of members who ordered is modelled as

        p(t) = 1 / (1 + exp(-r (t - t0)))        (3)

where r is the rate at which the group grew.
"""


def test_a_table_a_caption_and_an_equation_are_tei_tables_and_formulas(
    schema, tmp_path: Path
) -> None:
    annotated, root = _valid_export(schema, _edition(tmp_path / "tiny", TABLE))
    kinds = [b.kind for b in annotated.document.blocks]
    assert BlockKind.TABLE in kinds and BlockKind.EQUATION in kinds
    table = root.find(".//t:body/t:table", NS)
    assert table.get(f"{XML}id") == "l3"
    head = table.find("t:head", NS)
    assert head.get(f"{XML}id") == "l1" and head.find("t:ref", NS) is not None
    rows = table.findall("t:row", NS)
    assert [r.get("role") for r in rows] == ["label", None, None]
    labels_ = [_plain(c, "reg", frozenset({"metamark"})).strip() for c in rows[0]]
    assert labels_ == ["Term", "Estimate"]
    rule = table.find("t:metamark[@function='rule']", NS)
    assert rule.text == "|------|----------|"
    assert rule.getprevious().get("n") == "4"
    separators = rows[1].findall(".//t:metamark[@function='separator']", NS)
    assert [m.text for m in separators] == ["|", "|", "|"]
    equation = root.find(".//t:body//t:ab[@type='equation']", NS)
    assert equation.find("t:formula", NS).text == "p(t) = 1 / (1 + exp(-r (t - t0)))        (3)"


def test_characters_xml_cannot_hold_never_make_the_file_unreadable() -> None:
    paragraph = element("p")
    append_text(paragraph, "a\x0bb\x01c\ufffe")
    assert paragraph.text == "a\ufffdb\ufffdc\ufffd"
    assert element("p", {"n": "\x00"}, "\uffff").get("n") == "\ufffd"


def test_the_bibliography_is_structured_by_level(schema, tmp_path: Path) -> None:
    source = "See Putnam (2000) and Edwards (2003) and Smith (2019).\n"
    _, root = _valid_export(schema, _edition(tmp_path / "tiny", source))
    entries = {
        e.get(f"{XML}id"): e
        for e in root.findall(".//t:div[@type='bibliography']/t:listBibl/t:biblStruct", NS)
    }
    assert list(entries) == [
        "ref-granovetter1973",
        "ref-putnam2000",
        "ref-edwards2003",
        "ref-smith_x3A_2019",
    ]
    article = entries["ref-granovetter1973"]
    assert article.find("t:analytic/t:title[@level='a']", NS).text == "The strength of weak ties"
    assert article.find("t:analytic/t:idno[@type='DOI']", NS).text == "10.1086/225469"
    assert article.find("t:monogr/t:title[@level='j']", NS).text == "American Journal of Sociology"
    scope = article.find("t:monogr/t:imprint/t:biblScope[@unit='page']", NS)
    assert (scope.get("from"), scope.get("to")) == ("1360", "1380")
    assert article.find(".//t:date", NS).get("when") == "1973"
    book = entries["ref-putnam2000"]
    assert book.find("t:analytic", NS) is None
    assert book.find("t:monogr/t:title[@level='m']", NS).text == "Bowling alone"
    assert book.find(".//t:publisher", NS).text == "Simon & Schuster"
    assert book.find(".//t:pubPlace", NS).text == "New York"
    chapter = entries["ref-edwards2003"]
    assert chapter.find("t:monogr/t:editor//t:surname", NS).text == "Misa"
    assert chapter.find("t:monogr/t:title[@level='m']", NS).text == "Modernity and technology"
    web = entries["ref-smith_x3A_2019"]
    assert web.find(".//t:ptr", NS).get("target") == "https://example.org/a"
    assert web.find("t:note", NS).get("resp") == "#editors"
    cited = root.findall(".//t:body//t:ref", NS)
    assert [r.get("target") for r in cited] == [
        "#ref-putnam2000",
        "#ref-edwards2003",
        "#ref-smith_x3A_2019",
    ]


def test_ids_keep_the_sites_anchors_and_make_any_key_a_name() -> None:
    ids = unique_ids("ref-", ["klinenberg2018", "陳2000", "a:b", "a_x3A_b", "1st", "a b"])
    assert ids == {
        "klinenberg2018": "ref-klinenberg2018",
        "陳2000": "ref-陳2000",
        "a:b": "ref-a_x3A_b",
        "a_x3A_b": "ref-a_x3A_b-2",
        "1st": "ref-1st",
        "a b": "ref-a_x20_b",
    }


def test_the_glossary_gives_each_term_in_every_script(schema, tmp_path: Path) -> None:
    _, root = _valid_export(schema, _edition(tmp_path / "tiny", "On weak ties.\n"))
    label = root.find(".//t:back/t:div[@type='glossary']/t:list/t:label", NS)
    assert label.get(f"{XML}id") == "term-weak-ties"
    forms = [(t.get(f"{XML}lang"), t.get("type"), t.text) for t in label]
    assert forms == [
        ("en", None, "weak ties"),
        ("zh-Hant", None, "弱連結"),
        ("zh-Hans", None, "弱连结"),
        ("en", "alias", "weak tie links"),
    ]
    item = label.getnext()
    english = item.find("t:gloss[@xml:lang='en']", {**NS, "xml": XML[1:-1]})
    assert english.find("t:ref", NS).get("target") == "#ref-granovetter1973"
    assert item.find("t:ptr[@type='source']", NS).get("target") == "#ref-granovetter1973"
    assert item.find("t:ptr[@type='related']", NS).get("target") == "#term-bridging-capital"


PRINCIPLES = """# Principles

The text is the *authors'*; the **notes** are ours. We follow Granovetter (1973) on
[weak ties](glossary:weak-ties), see [the site](https://example.org/) and `edition check`.

## Lists

- one
- two

<script>alert(1)</script>
"""


def test_the_editors_markdown_becomes_tei_blocks(schema, tmp_path: Path) -> None:
    guide = yaml.safe_dump([{"start": 1, "en": "The *only* page.", "zh-Hant": "唯一的一頁。"}])
    translation = yaml.safe_dump(
        {"language": "zh-Hant", "title": "一篇論文", "abstract": ["摘要。"], "keywords": ["詞"]},
        allow_unicode=True,
    )
    folder = _edition(
        tmp_path / "tiny",
        "On weak ties.\n",
        editorial={
            "principles.en.md": PRINCIPLES,
            "guide.yml": guide,
            "translation.yml": translation,
        },
    )
    _, root = _valid_export(schema, folder)
    principles = root.find(".//t:editorialDecl[@resp='#editors']", NS)
    assert principles.get(f"{XML}lang") == "en"
    headings = principles.findall("t:ab[@type='heading']", NS)
    assert [(h.get("n"), h.text) for h in headings] == [("1", "Principles"), ("2", "Lists")]
    first = principles.find("t:p", NS)
    assert first.find("t:hi[@rend='italic']", NS).text == "authors'"
    assert first.find("t:ref[@type='bibr']", NS).get("target") == "#ref-granovetter1973"
    assert first.find("t:term", NS).get("ref") == "#term-weak-ties"
    assert first.find("t:ref[@target='https://example.org/']", NS).text == "the site"
    assert first.find("t:code", NS).text == "edition check"
    items = principles.findall("t:p/t:list[@rend='bulleted']/t:item", NS)
    assert [i.text for i in items] == ["one", "two"]
    assert "alert" not in etree.tostring(principles, encoding="unicode")
    section = root.find(".//t:back/t:div[@type='guide']/t:div", NS)
    assert section.get("corresp") == "#page-1"
    translated = root.find(".//t:back/t:div[@type='translation']", NS)
    assert translated.find("t:head", NS).text == "一篇論文"


def test_each_editors_text_is_markdown_of_its_own(schema, tmp_path: Path) -> None:
    """One Markdown converter serves every text: a link defined in one (a reference
    definition) must not link the words of the next."""
    guide = yaml.safe_dump([{"start": 1, "en": "See [the site] here.", "zh-Hant": "見此。"}])
    principles = "# Principles\n\nSee [the site].\n\n[the site]: https://example.org/\n"
    folder = _edition(
        tmp_path / "tiny",
        "On weak ties.\n",
        editorial={"principles.en.md": principles, "guide.yml": guide},
    )
    _, root = _valid_export(schema, folder)
    linked = root.find(".//t:editorialDecl[@resp='#editors']//t:ref", NS)
    assert linked.get("target") == "https://example.org/"
    guide_text = root.find(".//t:back/t:div[@type='guide']", NS)
    assert guide_text.find(".//t:ref", NS) is None
    assert "See [the site] here." in "".join(guide_text.itertext())


def test_the_header_describes_the_paper_and_the_languages(schema, tmp_path: Path) -> None:
    yml = {"paper": {"doi": "10.7554/eLife.00007", "pages": "91–120", "volume": 67}}
    folder = _edition(tmp_path / "tiny", "On weak ties.\n", yml=yml)
    _, root = _valid_export(schema, folder)
    paper = root.find(".//t:sourceDesc/t:biblStruct", NS)
    assert paper.find("t:analytic/t:title", NS).text == "A paper"
    assert paper.find(".//t:surname", NS).text == "Doe"
    assert paper.find("t:analytic/t:idno[@type='DOI']", NS).text == "10.7554/eLife.00007"
    scope = paper.find(".//t:biblScope[@unit='page']", NS)
    assert (scope.get("from"), scope.get("to"), scope.text) == ("91", "120", "91–120")
    languages = [n.get("ident") for n in root.findall(".//t:langUsage/t:language", NS)]
    assert languages == ["en", "zh-Hans", "zh-Hant"]
    assert root.find(".//t:titleStmt/t:author//t:forename", NS).text == "Jane"


def test_a_paper_without_a_journal_is_a_text_of_its_own(schema, tmp_path: Path) -> None:
    folder = _edition(tmp_path / "tiny", "Only front matter.\n", yml={"paper": {"journal": None}})
    _, root = _valid_export(schema, folder)
    paper = root.find(".//t:sourceDesc/t:biblStruct", NS)
    assert paper.find("t:analytic", NS) is None
    assert paper.find("t:monogr/t:title[@level='m']", NS).text == "A paper"


def test_a_text_of_front_matter_only_still_has_a_body(schema, tmp_path: Path) -> None:
    source = "Abstract\n\nWe study weak ties in a city.\n\nKeywords: ties, cities\n"
    annotated, root = _valid_export(schema, _edition(tmp_path / "tiny", source))
    assert {b.kind for b in annotated.document.blocks} == {BlockKind.FRONT_MATTER}
    assert len(root.find(".//t:front", NS))
    assert [_local(c) for c in root.find(".//t:body", NS)] == ["div"]


def test_the_english_fixture_exports_with_its_tables_and_running_heads(
    schema, tmp_path: Path
) -> None:
    folder = tmp_path / "tiny"
    folder.mkdir()
    source = FIXTURE.read_text(encoding="utf-8")
    _, root = _valid_export(schema, _edition(folder, source, glossary=None, bib=""))
    tables = root.findall(".//t:body//t:table", NS)
    assert len(tables) == 3
    assert [t.find("t:head", NS).get(f"{XML}id") for t in tables] == ["l8", "l40", "l64"]
    assert root.find(".//t:body//t:figure/t:head", NS).get(f"{XML}id") == "l74"
    ligatures = [c.find("t:orig", NS).text for c in root.iterfind(".//t:choice", NS)]
    assert {"ﬁ", "ﬀ", "-"} <= set(ligatures)
    assert len(root.findall(".//t:fw[@type='header']", NS)) == 3


# --- any text --------------------------------------------------------------------------------

PIECES = [
    "Weak ties (Granovetter, 1973) matter in the city of",
    "strangers, as Putnam (2000) argued; see also (Smith, 2019).",
    "the infra-",
    "structure of a COVID-19-",
    "related ﬁeld with ﬂows and soft\xadhyphens\xad",
    "& bR oy B (TRISE > EAMFE - IRE M) ~ SR BRI (R FE > 2019) o At",
    "ak#| 4L & EA R G (bridging capital) o HETT A AR ERFHAMEE T",
    "鄰里之間的弱連結，往往比親友之間的強連結（Granovetter，1973）",
    "\u3000社區微信群讓零散的相遇有了持續的管道。",
    "12",
    "Journal of Tests, 3 (2020)",
    "Copyright © 2020 The Publisher. All rights reserved.",
    "| Term | Estimate |",
    "|------|----------|",
    "| Size | 0.52 |",
    "Experiment          Genotype       Plants (n)",
    "        p(t) = 1 / (1 + exp(-r (t - t0)))        (3)",
    "Table 2. Orders per day.",
    "Abstract",
    "Keywords: ties, cities",
    "References",
    "Smith, A. (2019). A web page. Journal, 3, 1–2.",
    "A heading in sentence case",
    "\f",
    "\f13",
    "a paragraph that runs over \fthe page break inside a line",
    "Sm\u200bith (2019) wrote it with a zero\u2060width joiner\ufeff.",
    "\r",
    "",
    "",
]


@st.composite
def ocr_texts(draw: st.DrawFn) -> str:
    lines = draw(
        st.lists(
            st.one_of(
                st.sampled_from(PIECES),
                st.text(
                    st.characters(
                        blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff"
                    ),
                    max_size=40,
                ),
            ),
            min_size=1,
            max_size=40,
        )
    )
    text = "\n".join(lines)
    return text if text.strip() else "x"


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(ocr_texts())
def test_any_cleaned_text_exports_to_valid_tei_with_every_line_recoverable(
    schema, text: str
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        _valid_export(schema, _edition(Path(folder) / "tiny", text))


NASTY = st.lists(
    st.sampled_from([*"<>&\"'/:;=?#[]^`|%~ aZ9é社-.", "http://", "[::1", "%zz"]),
    max_size=12,
).map("".join)
MARKDOWN = st.lists(
    st.one_of(
        NASTY,
        st.sampled_from(
            [
                "# ",
                "\n\n",
                "- ",
                "1. ",
                "> ",
                "    ",
                "*",
                "**",
                "`",
                "[a](",
                "[b](glossary:weak-ties)",
                "[c](http://x/%)",
                ")",
                "<b>",
                "</b>",
                "<script>x</script>",
                "<a href='http://[::1'>d</a>",
                "<table><tr><td>e</td></tr></table>",
                "<!-- f -->",
                "Granovetter (1973)",
                "weak ties",
            ]
        ),
    ),
    max_size=20,
).map("".join)


def _braced(text: str) -> str:
    """``text`` as a BibTeX value between braces (no brace or backslash of its own)."""
    return "{" + text.replace("{", "(").replace("}", ")").replace("\\", "/") + "}"


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    key=st.text("abcXYZ09:_-./+陳", min_size=1, max_size=8),
    title=NASTY,
    pages=NASTY,
    url=NASTY,
    year=st.sampled_from(["1973", "0001", "2019", "9999"]),
    definition=NASTY,
    principles=MARKDOWN,
    guide=MARKDOWN,
)
def test_any_bibliography_glossary_and_editorial_text_exports_valid_tei(
    schema,
    key: str,
    title: str,
    pages: str,
    url: str,
    year: str,
    definition: str,
    principles: str,
    guide: str,
) -> None:
    bib = (
        f"@article{{{key},\n  author = {{Granovetter, Mark}}, title = {_braced(title)},\n"
        f"  journal = {_braced(title)}, volume = {{1}}, pages = {_braced(pages)},\n"
        f"  year = {{{year}}}, url = {_braced('https://x.org/' + url)},\n"
        f"  note = {_braced(title)}\n}}\n"
    )
    glossary = {
        "terms": [{**GLOSSARY["terms"][1], "definition": {"en": definition, "zh-Hant": definition}}]
    }
    editorial = {
        "principles.en.md": principles if principles.strip() else "x",
        "guide.yml": yaml.safe_dump([{"start": 1, "en": guide if guide.strip() else "x"}]),
    }
    yml = {"paper": {"url": "https://x.org/" + url.replace(" ", "")}}
    yml["source"] = {"description": {"en": guide if guide.strip() else "x"}}
    with tempfile.TemporaryDirectory() as folder:
        edition = _edition(
            Path(folder) / "tiny",
            f"Weak ties were studied (Granovetter, {year}).\n",
            yml=yml,
            bib=bib,
            glossary=glossary,
            editorial=editorial,
        )
        try:
            _valid_export(schema, edition)
        except EditionError as error:  # a value the bibliography's reader refuses
            assume(False)
            raise AssertionError(error) from error


# --- the command line and the site -----------------------------------------------------------


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "edition.cli", "export", *args],
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_command_writes_the_file_atomically_or_prints_it(schema, tmp_path: Path) -> None:
    folder = _edition(tmp_path / "tiny", "On weak ties (Granovetter, 1973).\n")
    target = tmp_path / "out" / "tiny.xml"
    done = _cli("--format", "tei", str(folder), "-o", str(target))
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    assert etree.parse(str(target)).getroot().tag == "{http://www.tei-c.org/ns/1.0}TEI"
    assert _errors(schema, etree.parse(str(target)).getroot()) == []
    assert [p.name for p in target.parent.iterdir()] == ["tiny.xml"]
    printed = _cli(str(folder))
    assert printed.returncode == 0
    assert printed.stdout.encode("utf-8") == target.read_bytes()


def test_the_command_exports_nothing_from_an_edition_that_fails_its_check(
    tmp_path: Path,
) -> None:
    folder = _edition(tmp_path / "tiny", "A lost work (Nobody, 1999).\n")
    target = tmp_path / "out.xml"
    done = _cli(str(folder), "-o", str(target))
    assert done.returncode == 1
    assert f"{folder / 'source.txt'}:1: unresolved citation 'Nobody, 1999'" in done.stderr
    assert done.stderr.rstrip().endswith(
        f"edition export: error: {folder}: the edition check found 1 error(s): nothing exported"
    )
    assert not target.exists()
    missing = _cli(str(tmp_path / "nowhere"))
    assert missing.returncode == 1
    assert missing.stderr.startswith(f"error: {tmp_path / 'nowhere'}: is not a folder")


def test_the_site_offers_the_tei_file_among_the_downloads() -> None:
    annotated = annotate(ROOT / "texts" / "specimen-zh")
    volume = Volume((site_edition(annotated, "specimen-zh/"),))
    files = downloads(volume)
    assert files["specimen-zh/downloads/edition.tei.xml"].encode("utf-8") == to_tei(annotated)
    assert DOWNLOADS["edition.tei.xml"] == "home.download.tei"
    assert set(labels()["home.download.tei"]) == {"en", "zh-Hant"}


@pytest.mark.build
def test_the_built_site_publishes_each_editions_tei_file_and_links_it(
    schema, built_site: Path
) -> None:
    for folder in EXAMPLES:
        published = built_site / folder.name / "downloads" / "edition.tei.xml"
        root = etree.parse(str(published)).getroot()
        assert _errors(schema, root) == []
        annotated = annotate(folder)
        _assert_lines_recoverable(annotated, root)
        cited = root.findall(".//t:body//t:ref[@type='bibr']", NS)
        cited += root.findall(".//t:front//t:ref[@type='bibr']", NS)
        assert sorted(r.get(f"{XML}id") for r in cited) == sorted(
            o.id for o in annotated.occurrences
        )
        for version, label in (("", "TEI P5 XML"), ("zh-Hant/", "TEI P5 XML"), ("zh-Hans/", "TEI")):
            home = (built_site / version / folder.name / "index.html").read_text(encoding="utf-8")
            link = BeautifulSoup(home, "html.parser").find("a", download="edition.tei.xml")
            assert link is not None and label in link.get_text()
            assert (built_site / version / folder.name / link["href"]).resolve() == (
                published.resolve()
            )


def test_an_unpublished_paper_is_a_manuscript_in_the_source_description(schema: TeiAll) -> None:
    _, root = _export(ROOT / "texts" / "specimen-zh")
    ns = {"tei": "http://www.tei-c.org/ns/1.0"}
    source = root.find(".//tei:sourceDesc/tei:biblStruct", ns)
    assert source.get("type") == "manuscript"
    assert [t.get("level") for t in source.iterfind(".//tei:title", ns)] == ["u"]
    assert source.find(".//tei:biblScope", ns) is None
    assert not schema.errors(root)


def test_a_parallel_title_is_a_title_in_its_language(schema: TeiAll, tmp_path: Path) -> None:
    import shutil

    specimen = tmp_path / "specimen-zh"
    shutil.copytree(ROOT / "texts" / "specimen-zh", specimen)
    config = specimen / "edition.yml"
    config.write_text(
        config.read_text("utf-8").replace(
            "  status: unpublished", "  status: unpublished\n  parallel_titles: {en: Weak ties}"
        ),
        "utf-8",
    )
    _, root = _export(specimen)
    ns = {"tei": "http://www.tei-c.org/ns/1.0"}
    titles = root.findall(".//tei:sourceDesc/tei:biblStruct//tei:title", ns)
    assert [
        (t.get("type"), t.get("{http://www.w3.org/XML/1998/namespace}lang"), t.text) for t in titles
    ][1:] == [("parallel", "en", "Weak ties")]
    assert not schema.errors(root)
