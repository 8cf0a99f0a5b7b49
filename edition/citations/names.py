"""Comparing author names as printed, as OCR read them, and as the bibliography holds them.

Two keys per name: the *exact* key (letters only, case and accents folded: "de Seta" and
"De Seta" and "deseta" agree) and the *OCR* key, which also folds the confusions a scanner
makes (0/o, 1/l/i, c/e, rn/m, vv/w). A citation is linked through the exact key, or through
the OCR key when the year matches and only one work fits, so "K1inenbcrg (2018)" still finds
Klinenberg 2018 but a legible name is never bent into another author's.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from edition.citations.patterns import (
    AUTHOR_SPLIT,
    ET_AL_END,
    HAN_AND,
    INITIALS,
    NAME_DOTS,
    NAME_SUFFIX,
)
from edition.conversion import opencc_converter

_OCR_LETTERS = str.maketrans({"0": "o", "1": "l", "i": "l", "c": "e", "|": "l"})

#: The commonest Chinese surnames (Traditional and Simplified), for telling where a name
#: starts in unspaced text when no bibliography says so. Surnames that are also everyday
#: function words (和, 於, 由, 與) are left out on purpose.
SURNAMES = frozenset(
    "王李張张劉刘陳陈楊杨黃黄趙赵吳吴周徐孫孙馬马朱胡郭何林高羅罗鄭郑梁謝谢宋唐許许韓韩"
    "馮冯鄧邓曹彭曾蕭萧田董潘袁蔡蔣蒋余杜葉叶程蘇苏魏呂吕丁任沈姚盧卢姜崔鍾钟譚谭陸陆"
    "汪范金石廖賈贾夏韋韦付方白鄒邹孟熊秦邱江尹薛閻阎段雷侯龍龙史陶黎賀贺顧顾毛郝龔龚"
    "邵萬万錢钱嚴严覃武戴莫孔向湯汤常溫温康施文牛樊葛邢安齊齐易喬乔伍龐庞顏颜倪莊庄聶聂"
    "章魯鲁岳翟殷詹申歐欧耿關关蘭兰焦俞左柳甘祝包寧宁尚符舒阮柯紀纪梅童凌畢毕單单季裴"
    "霍涂成苗谷盛曲翁冉駱骆藍蓝路游辛靳管柴蒙鮑鲍華华喻祁蒲房滕屈饒饶解牟艾尤陽阳時时"
    "穆農农司卓古吉繆缪簡简車车項项連连蘆芦麥麦褚婁娄竇窦戚岑景黨党宮宫費费卜冷晏席衛卫"
    "米柏宗瞿桂全佟應应臧閔闵苟鄔邬邊边卞姬師师和仇欒栾隋商刁沙榮荣巫寇桑郎甄叢丛仲虞敖鞏巩"
)
COMPOUND_SURNAMES = frozenset(
    "歐陽 欧阳 司馬 司马 諸葛 诸葛 上官 東方 东方 夏侯 皇甫 尉遲 尉迟 公孫 公孙 慕容 長孫 长孙 "
    "司徒 令狐 宇文 澹臺 澹台 軒轅 轩辕 端木 西門 西门 呼延 獨孤 独孤".split()
)


#: ASCII characters that are not letters or digits: dropped from keys.
_ASCII_PUNCTUATION = str.maketrans(
    "", "", "".join(chr(c) for c in range(128) if not chr(c).isalnum())
)
_DIGITS = str.maketrans("", "", "0123456789")
#: Latin letters that Unicode does not decompose into a base letter and an accent, spelled as
#: readers type them without the special letter (Øberg -> Oberg, Łódź -> Lodz, Strauß -> Strauss).
_TRANSLITERATION = str.maketrans(
    {
        "ø": "o", "Ø": "O", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "ł": "l", "Ł": "L",
        "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th", "ı": "i", "ß": "ss",
        "ħ": "h", "Ħ": "H", "ŧ": "t", "Ŧ": "T", "ŀ": "l", "Ŀ": "L",
    }
)  # fmt: skip
#: Letters as German and the Nordic languages write them without the letter (Müller ->
#: Mueller, Ærø -> Aeroe, Åsa -> Aasa).
_UMLAUTS = str.maketrans(
    {
        "ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue",
        "ø": "oe", "Ø": "Oe", "å": "aa", "Å": "Aa",
    }
)  # fmt: skip
_HAN_LIST = str.maketrans({"&": "、", ",": "、", "，": "、"})
#: The dot of an initial while a name list is split at periods (which OCR prints for commas).
_INITIAL_DOT = "\x00"


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Letters and digits only, accents and case folded, Chinese in one script (陳 = 陈).

    Cached: a text cites the same few hundred names over and over.
    """
    if text.isascii():
        return text.translate(_ASCII_PUNCTUATION).lower()
    if any(is_han(c) for c in text):
        text = opencc_converter("t2s").convert(text)
    decomposed = unicodedata.normalize("NFKD", text.translate(_TRANSLITERATION))
    return "".join(c for c in decomposed if c.isalnum() and not unicodedata.combining(c)).casefold()


@lru_cache(maxsize=1 << 16)
def exact_key(text: str) -> str:
    """A name's exact key: "de Seta" -> "deseta", "Köllner" -> "kollner", "K1in" -> "kin"."""
    return fold(text).translate(_DIGITS)


@lru_cache(maxsize=1 << 16)
def ocr_key(text: str) -> str:
    """A name's key with OCR confusions folded: "K1inenbcrg" and "Klinenberg" agree."""
    folded = fold(text).translate(_OCR_LETTERS).replace("rn", "m").replace("vv", "w")
    return folded.translate(_DIGITS)


@lru_cache(maxsize=1 << 16)
def umlaut_key(text: str) -> str:
    """A name's exact key with umlauts written out: "Müller" -> "mueller", "Ærø" -> "aeroe"
    ("" if the name has none).

    German and Nordic readers and bibliographies write ü as ue, ø as oe: "Mueller" cites
    "Müller" and back.
    """
    written = text.translate(_UMLAUTS)
    return exact_key(written) if written != text else ""


def within_one_edit(a: str, b: str) -> bool:
    """Whether one insertion, deletion, substitution or swap of neighbours makes ``a`` ``b``."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) < len(b):
        return a[i:] == b[i + 1 :]
    swapped = a[i + 1 : i + 2] == b[i : i + 1] and a[i : i + 1] == b[i + 1 : i + 2]
    return a[i + 1 :] == b[i + 1 :] or (swapped and a[i + 2 :] == b[i + 2 :])


def is_han(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff"


@lru_cache(maxsize=1 << 16)
def split_authors(authors: str) -> tuple[tuple[str, ...], bool]:
    """The single authors of an author part, and whether it ends in et al. (等).

    "Latham & Layton" -> ["Latham", "Layton"]; "Plantin et al." -> ["Plantin"], True;
    "陳韜文與李金銓" -> ["陳韜文", "李金銓"]; initials stay with their name ("J. Smith & A. Lee"
    -> ["J. Smith", "A. Lee"]) and name suffixes are dropped ("King, Jr." -> ["King"]), as
    APA 7 (8.20) cites them.
    """
    authors = authors.strip()
    et_al = ET_AL_END.search(authors)
    if et_al:
        authors = authors[: et_al.start()]
    if authors and is_han(authors[-1]):
        return tuple(split_han_authors(authors)), bool(et_al)
    if "." in authors:
        authors = INITIALS.sub(lambda m: m.group().replace(".", _INITIAL_DOT), authors)
    authors = NAME_SUFFIX.sub("", authors)
    names = (a.replace(_INITIAL_DOT, ".") for a in AUTHOR_SPLIT.split(authors) if a)
    return tuple(n for n in names if n), bool(et_al)


@lru_cache(maxsize=1 << 16)
def initials_and_family(name: str) -> tuple[str, str]:
    """A cited name split into its initials and the name: "J. R. Smith" -> ("jr", "Smith").

    APA 7 (8.20) adds initials to tell apart first authors who share a surname.
    """
    match = INITIALS.match(name)
    if match is None:
        return "", name
    return "".join(re.findall(r"[A-Z]", match.group())).lower(), name[match.end() :]


def split_han_authors(authors: str) -> list[str]:
    """Chinese names joined by 、, by commas (Chinese author–date styles print "张三, 李四"), or
    by 和/與/与/及 (split only where both sides can be names)."""
    names: list[str] = []
    for part in authors.translate(_HAN_LIST).split("、"):
        part = part.strip()
        for index in range(2, len(part) - 1):
            if (
                part[index] in HAN_AND
                and _name_length(part[:index])
                and _name_length(part[index + 1 :])
            ):
                names.extend((part[:index], part[index + 1 :]))
                break
        else:
            names.append(part)
    return names


def _name_length(name: str) -> bool:
    """Whether ``name`` can be one Chinese name: 2-4 Han characters, or a dotted one."""
    if any(dot in name for dot in NAME_DOTS):
        return 3 <= len(name) <= 16
    return 2 <= len(name) <= 4 and all(is_han(c) for c in name)


def is_han_name(name: str) -> bool:
    return _name_length(name) and all(is_han(c) or c in NAME_DOTS for c in name)


def han_name_before(run: str, known: frozenset[str]) -> int:
    """The length of the Chinese name that ends ``run`` (0 if none).

    Names the bibliography knows win ("正如陳韜文" ends in 陳韜文 if that is an author);
    otherwise a dotted transliteration, then a surname from the common list decides.
    """
    for length in (4, 3, 2):
        name = run[-length:]
        if len(name) == length and all(map(is_han, name)) and exact_key(name) in known:
            return length
    if any(dot in run for dot in NAME_DOTS):
        start = len(run)
        while start > 0 and (is_han(run[start - 1]) or run[start - 1] in NAME_DOTS):
            start -= 1
        while start < len(run) and not is_han(run[start]):
            start += 1
        if len(run) - start >= 3:
            return len(run) - start
    if len(run) >= 4 and run[-4:-2] in COMPOUND_SURNAMES:
        return 4
    if len(run) >= 3 and run[-3:-1] in COMPOUND_SURNAMES:
        return 3
    if len(run) >= 3 and run[-3] in SURNAMES:
        return 3
    if len(run) >= 2 and run[-2] in SURNAMES:
        return 2
    return 0
