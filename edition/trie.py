"""A set of words as one regex shaped like a trie, for matching many words in one pass.

Python's regex engine tries the branches of an alternation one after another at every
position where the first one could begin; with thousands of words (a glossary) or many that
begin with common characters (著, 有, 一 in conversion's declared forms) that costs a pass per
word. Sharing prefixes makes each position cost at most the length of the longest word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any


def trie_regex(words: Iterable[str], special: Mapping[str, str] | None = None) -> str:
    """A regex (no groups of its own) matching exactly ``words``, the longest first.

    At each position the longest word that fits is found first and shorter ones on
    backtracking, as an alternation sorted longest first would. ``special`` maps a character
    of the words to a regex written in its place (a separator that matches any run of blanks).
    Raises ValueError for an empty word.
    """
    trie: dict[str, Any] = {}
    for word in words:
        if not word:
            raise ValueError("a trie holds no empty word")
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _node_regex(trie, special or {})


def _node_regex(node: dict[str, Any], special: Mapping[str, str]) -> str:
    branches = [
        special.get(char, re.escape(char)) + _node_regex(child, special)
        for char, child in sorted(node.items())
        if char
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body
