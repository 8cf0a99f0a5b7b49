"""The wording of the site's interface (``labels.yml``), in English and Traditional Chinese.

Simplified Chinese labels are converted from the Traditional wording, so there is no third
column to keep in step. The wording is the toolkit's own, written in Taiwan usage, so it is
converted with OpenCC's ``tw2sp`` (Taiwan to Mainland Simplified, phrases included: 連結 →
链接, 搜尋 → 搜索); the paper's own words are converted by characters only (``Converter``).
"""

from __future__ import annotations

from functools import cache
from importlib import resources

import yaml

from edition.conversion import Converter

EN, ZH_HANT, ZH_HANS = "en", "zh-Hant", "zh-Hans"
#: The OpenCC configuration that turns the interface's Taiwan wording into Mainland wording.
LABELS_CONFIG = "tw2sp"
LANGUAGES = (EN, ZH_HANT, ZH_HANS)


@cache
def labels() -> dict[str, dict[str, str]]:
    """Every label: key -> {"en": …, "zh-Hant": …} (and "zh-Hans" where it is given)."""
    text = resources.files("edition.site").joinpath("labels.yml").read_text("utf-8")
    return yaml.safe_load(text)


def label(lang: str, key: str) -> str:
    """The wording of ``key`` in ``lang``: for Simplified, the Traditional converted with
    :data:`LABELS_CONFIG`, unless the entry gives its own (where OpenCC's phrases miss the
    Mainland word: 複製 is 复制 in an interface, not 拷贝).

    Raises ``KeyError`` for an unknown key: a missing label is a bug, never a blank.
    """
    entry = labels()[key]
    if lang == ZH_HANS:
        return entry.get(ZH_HANS) or _simplified(entry[ZH_HANT])
    return entry[lang]


@cache
def _simplified(text: str) -> str:
    return _LABEL_CONVERTER.convert(text)


_LABEL_CONVERTER = Converter(ZH_HANS, config=LABELS_CONFIG)
