"""Character classes by script, shared by the cleaner, the readability score and the converter.

Kept in one place because "is this CJK?" must get one answer everywhere: the cleaner joins
lines without a space exactly where the converter sees Chinese text.
"""

from __future__ import annotations

import re

#: Han ideographs (with extensions and compatibility forms), kana, hangul, CJK punctuation
#: and full-width forms.
CJK_CLASS = (
    "\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3190-\u31ff\u3400-\u4dbf"
    "\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003134f"
)
CJK = re.compile(f"[{CJK_CLASS}]")


def is_cjk(char: str) -> bool:
    """Whether ``char`` is a CJK character or CJK punctuation (full-width forms included)."""
    return char >= "\u2e80" and CJK.match(char) is not None
