"""The wording of the site's interface (``labels.yml``), in English and Traditional Chinese.

Simplified Chinese pages are converted from the Traditional wording, labels included, so
there is no third column to keep in step.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

import yaml

EN, ZH_HANT, ZH_HANS = "en", "zh-Hant", "zh-Hans"
LANGUAGES = (EN, ZH_HANT, ZH_HANS)


@cache
def labels() -> dict[str, dict[str, str]]:
    """Every label: key -> {"en": …, "zh-Hant": …}."""
    text = resources.files("edition.site").joinpath("labels.yml").read_text("utf-8")
    return yaml.safe_load(text)


def label(lang: str, key: str) -> str:
    """The wording of ``key`` in ``lang`` (Simplified uses the Traditional, converted later).

    Raises ``KeyError`` for an unknown key: a missing label is a bug, never a blank.
    """
    return labels()[key][ZH_HANT if lang == ZH_HANS else lang]
