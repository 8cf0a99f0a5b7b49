"""The compiled regular expressions of the citation engine.

Written by hand because no library does this job: citation parsers (GROBID, AnyStyle,
refextract) read reference lists or need layout, and pandoc-style parsers need ``[@key]``
markup. Plain and OCR text gives nothing but the shapes below, so they are spelled out once
here, compiled at import, and tolerant of the confusions OCR engines make (``2O18``, ``20l9``,
``ct al.``, ``p, 295``), because the same engine salvages citations from noisy scans.
"""

from __future__ import annotations

import re

from edition import furniture

#: Latin letters, including the accented ones of European names (Köllner, Prenafeta-Boldú)
#: and the ligatures ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ that text taken from a PDF keeps (Griﬃths, Moﬃtt).
LATIN = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff\ufb00-\ufb06"
#: Latin capitals: a name word starts with one.
UPPER = "A-Z\u00c0-\u00d6\u00d8-\u00de" + "".join(
    chr(c) for c in range(0x100, 0x250) if chr(c).isupper()
)
#: Han ideographs only (no CJK punctuation): what a Chinese name is written in.
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
#: The dots between the parts of a transliterated foreign name (珍·雅各布斯).
NAME_DOTS = "·‧・•"

OPENERS = "(（"
CLOSERS = ")）"
#: Square brackets enclose a citation in some styles ("[Smith, 2020]", ACM's narrative
#: "Smith et al. [2019]") and an abbreviation defined inside one ("[WHO]").
SQUARE_OPENER = "["
SQUARE_CLOSER = "]"

# --- years ----------------------------------------------------------------------------------

#: Words that stand for the year of a work without a date, as the text may cite it (APA 7,
#: 8.11: "in press", "n.d."; other styles: "in review", "submitted", "forthcoming"; Chinese
#: 印刷中); "In press", "In review" and "Forthcoming" also capitalised, as many journals
#: print them (not "Accepted" or "Submitted", which head a manuscript's dates, nor "In
#: preparation", which heads many a sentence), and "nd" and "no date" (Harvard styles; "nd"
#: counts only where it links, since tables write it for "not detected").
#: ``_dateless_year`` gives each its one spelling.
_DATELESS = (
    r"in(?:[\s-]+pr[ec](?:ss|p(?:aration|\.)?)|\s+r[ec]vi[ec]w)|In\s+(?:[Pp]r[ec]ss|[Rr][ec]vi[ec]w)"
    r"|und[ec]r\s+r[ec]vi[ec]w|submitt[ec]d|unpublish[ec]d"
    r"|accepted|[Ff]orthcoming|n(?:[.,]\s?d[.,]|d|o\s+date)|印刷中|待刊"
)
#: A year as OCR may print it (O for 0, l or I for 1), with an APA suffix letter, a span of
#: years (1953–1974, a work in several volumes, or a period), or an original date before the
#: date of the edition cited (1900/1953, APA 7, 8.15), or an academic or fiscal year
#: written with the next year's last digits (1999/00, read 1999/2000). "2022年" and
#: "COVID-19" are not years; "20195 " is 2019 followed by a fullwidth semicolon that a
#: Latin OCR read as "5" (the seed shows "；" as "5" three times). The look-behind (no
#: letter, digit, point, dash or slash before the year) comes after the first character: in
#: front, it would stop the regex engine's quick scan for that character, and the scan
#: would be three times slower.
DIGIT_YEAR = re.compile(
    r"(?P<digits>[12lI](?<![0-9A-Za-z.\-–/][12lI])[0-9OlI]{3})(?P<suffix>[a-z])?"
    r"(?:[–—-](?P<until>[12lI][0-9OlI]{3}|[0-9]{2})(?![0-9]|[–—-][0-9])"
    r"|/(?P<edition>[12][0-9]{3})(?P<esuffix>[a-z])?|/(?P<next>[0-9]{2})(?![0-9]))?"
    r"(?:(?!\w)|(?=5\s))"
)
#: An original date in square brackets beside the date of the edition cited, before it as
#: Chicago's author-date style writes it ("Darwin [1859] 1964") or after it ("Robins 1997
#: [1967]", hayagriva #264; German Harvard styles, CSL styles #7974): read as "1859/1964",
#: APA's slash form.
#: The search starts at the bracket (the regex engine's quick scan for "["); the edition's
#: date is then read after it (``EDITION_AFTER``) or before it (``EDITION_BEFORE``).
BRACKETED_ORIGINAL = re.compile(r"\[(?P<original>[12lI][0-9OlI]{3})\]")
EDITION_AFTER = re.compile(r"[ \t]+(?P<edition>[12lI][0-9OlI]{3}[a-z]?)(?![0-9])")
EDITION_BEFORE = re.compile(r"(?<![0-9A-Za-z])(?P<edition>[12lI][0-9OlI]{3}[a-z]?)[ \t]+\Z")
#: A year with 年 (year) in a Chinese citation, where the bracket, a comma or a semicolon
#: follows it: "（王小明，2019年）", "王小明（2019年）". Running text says "2019年" too, so such
#: a year is a citation only when it links to an entry.
HAN_YEAR = re.compile(r"(?<![0-9])[12][0-9]{3}(?=年[ \t]*[）);；,，])")
#: The year of a work without a date, as cited: "in press", "n.d.-a", 印刷中.
DATELESS_YEAR = re.compile(
    rf"(?<![0-9A-Za-z.\-–/])(?P<press>{_DATELESS})(?:-(?P<psuffix>[a-z]))?(?!\w)"
)
YEAR_DIGITS = str.maketrans("OlI", "011")
#: Where a dateless year may be: after a comma, a semicolon or an opening bracket, as it is
#: cited ("(Smith, in press)", "Jones (in press)"); a quick scan for those characters first.
DATELESS_HINT = re.compile(rf"[,(（，;；][ \t]*(?:\r?\n[ \t]*)?(?:{_DATELESS})")
FIRST_YEAR = 1500
LAST_YEAR = 2099

# --- locators -------------------------------------------------------------------------------

#: A number as OCR may print it, with dotted parts (section 2.3), or a roman numeral.
_NUM = r"(?:[0-9OlI]*[0-9][0-9OlI]*(?:\.[0-9]+)*|[ivxlc]{1,7}(?![A-Za-z]))"
#: A page and the next ("p. 4f.") or the following pages ("pp. 12ff."), as German and
#: older English styles write them.
_RANGE = rf"{_NUM}(?:\s*[-–—~～]\s*{_NUM}|\s?ff?\.?(?![A-Za-z]))?"
#: A number that reads as a year: in a list of pages it starts the next citation instead
#: ("p. 4, 2020, p. 6" is two citations).
_YEARISH = r"(?:[1lI][5-9]|2[0O])[0-9OlI]{2}[a-z]?(?![0-9])"
#: The words that name a part of a work, abbreviated with a point or whole: a label ends
#: there ("l" is no label of "line 5", which was read "li").
_LABEL = (
    r"(?:pp?|paras?|chaps?|ch|secs?|figs?|[Tt]ables?|[Ff]igures?|[Cc]hapters?|[Ss]ections?"
    r"|vols?|nos?|ll?|[Ll]ines?|[Ss]lides?|[Aa]ppendix|[Ee]qs?|[Ee]quations?|§"
    r"|[Ss]upplementary\s+(?:[Tt]ables?|[Ff]igures?|[Ff]igs?))(?:[.,]|(?![A-Za-z]))"
)
#: What a label numbers: a number or range, a supplementary one (Table S1), with a panel
#: (Figure 2A), or a letter (Appendix B; not "E." of the next citation's initials).
_LABEL_NUMBER = rf"(?:S?{_RANGE}(?:[A-Z](?![A-Za-z]))?|[A-Z](?![A-Za-z.]))"
_LABELLED = (
    rf"(?:{_LABEL}\s*{_LABEL_NUMBER}"
    rf"(?:\s*[,，]\s*(?:{_LABEL}\s*)?(?!{_YEARISH}){_LABEL_NUMBER})*"
    rf"|[頁页]\s*{_RANGE}|第\s*{_RANGE}\s*[頁页])"
)
#: A bare page or range, or a place given by numbers with points or colons: act, scene and
#: line (1.3.36–37), a time stamp in a recording (1:30:15, APA 7, 8.28).
_PAGE_RANGE = r"[0-9]+(?:[.:][0-9]+)*(?:\s*[-–—]\s*[0-9]+(?:[.:][0-9]+)*)?"
#: What follows a year and says where in the work: ", p. 295", ", pp. 12–15", ": 104",
#: "，頁 12", a bare page after a comma (", 1650", ", 45–47", when no other year follows),
#: and the seed's "© 19" (its OCR of a fullwidth colon).
LOCATOR = re.compile(
    rf"\s*(?:[,，]\s*(?:(?P<labelled>{_LABELLED})"
    rf"|(?!{_YEARISH})(?P<page>{_PAGE_RANGE})(?=\s*(?:[);；\]）]|\Z)))"
    rf"|[:：©]\s*(?P<bare>{_LABELLED}|{_RANGE}))"
)
#: "2016a, b", "2016a,b", "2016a–c", "2016a and b", "2016a; b": more suffix letters of
#: the same year, each followed by the end of the citation or another separator (the "a"
#: of "2010b; a review is Jones, 2018" is a word).
SUFFIX_MORE = re.compile(
    r"\s*(?:[,，;；]\s*|(?P<through>[–—-])|\s(?:and|&)\s+)(?P<suffix>[a-z])(?![\w.])"
    r"(?=\s*(?:[,，;；)）\]–—-]|and\s|&|\Z))"
)

# --- what lies between two years of one parenthesis ------------------------------------------

#: ", " alone between two years: another year of the same authors; so is "; " (Chicago
#: collapses "Smith 2019; 2020" so, and APA writers often do too).
SAME_AUTHORS = re.compile(r"\s*[,，、.;；]\s*")
#: A member separator as a Latin OCR reads the fullwidth semicolon: "2021 5 Star".
OCR_SEMICOLON = re.compile(r"\s*5\s+")
COMMA_LEAD = re.compile(r"\s*(?:[,，]|and\b|&)\s*")
#: Separators between an author part and its year (the period of "et al." stays with it).
#: ">", "~", "+", "-" are how the seed's OCR prints a fullwidth comma, so an author part
#: closed by them is noise, not a name.
SEPARATOR_CHARS = " \t\r\n\f,，.>~+»-–"
NOISE_SEPARATORS = frozenset(">~+»-–")
#: Initials before a family name ("J. Smith", "J.-P. Sartre", "A. B. Smith"): APA 7 (8.20)
#: adds them to tell apart first authors who share a surname.
INITIALS = re.compile(rf"(?<![^\W\d_])(?:[{UPPER}]\.[ \t]*(?:-[ \t]*)?)+(?=[{UPPER}][^\W\d_])")
#: A name suffix after a family name ("King, Jr.", "Ford III"), which APA 7 (8.20) leaves out
#: of citations and readers sometimes keep.
NAME_SUFFIX = re.compile(r",?[ \t]*\b(?:Jr|Sr|Jnr|Snr)\b\.?|,?[ \t]+\b(?:II|III|IV)\b(?!\w)")
#: "et al" as OCR may read it, or German "u. a." (und andere), whose period is kept when
#: separators are stripped.
ET_AL_TAIL = re.compile(r"(?:(?<![^\W\d_])[ec]t[.,]?\s*a[l1IiL]|(?<![^\W\d_])u\.\s?a)\Z")
#: Characters that never occur in a legible author part.
NOISE_CHARS = re.compile(r"[#®©~+>»|\[\]{}<%$@^*\\]")
#: Tokens mixing letters and digits (E235, M6, 3C): OCR noise, not names.
MIXED_TOKEN = re.compile(r"(?<![\w-])(?=[A-Za-z]*\d)(?=\d*[A-Za-z])[A-Za-z0-9]+(?![\w-])")
PROSE_END = re.compile(r"(?<![\w-])[a-z]{3,}\s*\Z")
MATH_END = re.compile(r"[=<>≤≥±×]\s*\Z")

# --- author names ---------------------------------------------------------------------------

#: One word of a name: capitalised, hyphens (also across a line break) and apostrophes inside
#: (O'Brien, but not the possessive of Smith's); a lone 0 or 1 stands for O or l as OCR prints
#: them (0liver-Smith, K1inenberg, Hei1), while other digits make noise, not names (M6, E235).
_INNER = rf"(?:[{LATIN}]|['’](?=[{LATIN}])(?!s(?![{LATIN}]))|[01](?![2-9]))"
_WORD = (
    rf"(?:[{UPPER}]|[01](?=[a-z])){_INNER}*"
    rf"(?:-(?:[ \t]*\r?\n[ \t]*)?{_INNER}+)*"
)
#: Particles before a family name (de Seta, van Dijk, von der Heide), tolerant of e/c and o/0.
_PARTICLE = r"(?:v[ao0]n|d[ec][rnsl]?|d[ec]lla|d[ec]gli|d[ia]|d[ou]s?|das|l[ea]|t[ec][nr]|zu[rm]?)"
#: Small words inside an organisation's name (Department of Humanitarian Affairs), one or
#: two in a row (Food and Agriculture Organization of the United Nations).
_CONNECTOR = r"(?:of|for|on|th[ec]|and|&)"
#: Space inside a name or between names: blanks and at most one line break, since a blank
#: line ends a paragraph and no author list runs across it.
_GAP = r"(?:[ \t]+(?:\r?\n[ \t]*)?|\r?\n[ \t]*)"
_OPTIONAL_GAP = r"[ \t]*(?:\r?\n[ \t]*)?"
_NAME = (
    rf"(?:{_PARTICLE}{_GAP}|d['’]|[ae]l-)*{_WORD}"
    rf"(?:{_GAP}(?:{_CONNECTOR}{_GAP}){{0,2}}(?:{_PARTICLE}{_GAP}|d['’]|[ae]l-)*{_WORD})*"
)
#: Between two authors: ", ", " & ", " and ", ", & ", the "and" of German and French
#: author-year styles ("Schmidt und Müller", "Schmidt u. Müller", "Dupont et Durand"; not
#: Spanish "y", which also joins the two parts of one name, "Ortega y Gasset"), Chinese
#: 和/與/与/及/、; a period may stand for a comma in OCR.
_AND = r"(?:and|und|u\.(?![ \t]*a\.)|et(?![ \t]*a[l1IiL]))"
_SEPARATOR = (
    rf"(?:{_OPTIONAL_GAP}[,.]{_OPTIONAL_GAP}(?:(?:&|and){_GAP})?|{_OPTIONAL_GAP}&{_OPTIONAL_GAP}"
    rf"|{_GAP}{_AND}{_GAP}|{_OPTIONAL_GAP}[和與与及、]{_OPTIONAL_GAP})"
)
#: "et al." as printed or as OCR reads it (ct al, et. al, et al,, etal, et aL, et ai), its
#: English words ("and colleagues", "and co-workers", "and others"), and Chinese 等 / 等人.
_ET_AL = (
    r"(?:\s*,?\s+[ec]t[.,]?\s*a[l1IiL](?:ii|ia)?[.,]?"
    r"|\s*,?\s+and\s+(?:(?:his|her|their)\s+)?(?:colleagues|co-?workers|associates|collaborators|co-?authors|others)"
    r"|\s+et\s+coll\.?|\s+u\.\s?a\."
    r"|\s*等人?)"
)
NAMES = rf"{_NAME}(?:{_SEPARATOR}{_NAME})*(?:{_ET_AL})?"

#: A sequence of author names that ends exactly where the text ends (searched with an
#: ``endpos``): the author part of a citation is read backwards from its year or parenthesis.
TRAILING_NAMES = re.compile(rf"(?<![{LATIN}0-9'’\-])(?P<names>{NAMES})(?P<poss>['’]s?)?\Z")
FULL_NAMES = re.compile(rf"\s*(?P<names>{NAMES})\s*")
ET_AL_END = re.compile(rf"{_ET_AL}\Z")
#: Where a list of authors splits into single authors.
AUTHOR_SPLIT = re.compile(
    r"\s*(?:[,.;]\s*(?:(?:&|and)\s+)?|&|\b(?:and|und|et)\b|\bu\.|[和與与及、])\s*"
)
#: Authors in capitals separated by semicolons before the last one, as the Brazilian ABNT
#: style cites co-authors: "(SILVA; SOUZA, 2019)".
CAPITALS_BEFORE = re.compile(rf"(?:[{UPPER}][{UPPER}'’\- ]+;[ \t]*)+\Z")
#: A word start inside an author part: a later word may be where the name really begins
#: ("As Smith", "Jane Jacobs").
WORD_START = re.compile(rf"(?<![{LATIN}0-9'’\-])(?=[{UPPER}01])")

#: Capitalised words that start sentences or name things other than authors; an author part
#: does not begin with them ("As Smith (2019)" cites Smith) and is not made of them alone.
NOT_NAMES = frozenset(
    """a according after also although an and as at because before both but by during each
    earlier even following for from further furthermore hence here however if in indeed
    instead it its later like many meanwhile moreover most nevertheless nonetheless notably
    now on once one other our recently similarly since so some still such than that the
    their then there these this those though thus to today unlike until we when where whereas
    which while who why yet see cf also
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec spring summer autumn fall winter
    monday tuesday wednesday thursday friday saturday sunday
    table tables figure figures fig figs appendix section chapter vol volume no study
    experiment wave phase model equation eq supplementary""".split()
)

#: An abbreviation defined after an organisation's name inside a citation, as APA 7 (8.21)
#: has it: "(World Health Organization [WHO], 2012)", later "(WHO, 2012)".
DEFINED_ABBREVIATION = re.compile(r"\s*[\[(][ \t]*(?P<abbr>[A-Z][A-Za-z&]{0,10}[A-Z])[ \t]*[\])]\Z")
#: A word with a number where an author would stand: "Model 2", "Study 1", "ISO 9001",
#: "Windows 10", "ESS Round 9": a label, not a name.
LABEL_NUMBER = re.compile(rf"(?<![\w.])[{UPPER}][A-Za-z]+\.?[ \t]+[0-9]+(?:\.[0-9]+)*[a-z]?\Z")
#: A quoted title where an author would stand: APA 7 (8.14) cites a work without author by
#: the first words of its title, ("Study Finds," 2007).
QUOTED_TITLE = re.compile(r"[\"“‘](?P<title>[^\"“”‘’()]{2,80}?)[,，]?[\"”’][ \t,]*\Z")
#: The lowercase words of a run of names before a bracket: particles, connectors, "et al.",
#: "and colleagues" (a run of name tokens is where a list of names ending there may start).
NAME_RUN_WORDS = frozenset(
    """de del della delle degli di da das dos du des la le les van von der den ter ten zu zur
    zum y e of for on the and und & et ct et. ct. al al. al., a1 a1. a1., aI aI. aI., ai ai.
    ai., aL aL. aL., etal etal. etal., et.al. et.al., colleagues
    coworkers co-workers associates collaborators coauthors co-authors others his her their
    coll. u. a.""".split()
)

# --- prefixes -------------------------------------------------------------------------------

#: Words before the authors inside a parenthesis ("e.g.", "see also", "for a review, see"),
#: written as they are after ``prefix_form`` (lowercase, c read as e, commas as periods).
LATIN_PREFIX = re.compile(
    r"(?:(?:e\.\s?g\.?|i\.\s?e\.?|ef\.?|see|also|but|and|or|eompare|espeeially|notably"
    r"|for\s+(?:example|instanee|a\s+review|reviews?|an?\s+overview|details|diseussion|more)"
    r"|(?:as\s+)?(?:eited|quoted|reviewed|diseussed|deseribed|summari[sz]ed)\s+(?:in|by)"
    r"|(?:adapted|modified|reprodueed|redrawn|taken|data)\s+from|sourees?|from|after"
    r"|following|in)[\s.:;]*)+"
)
PREFIX_FORM = str.maketrans({"c": "e", ",": "."})
#: Chinese words before the authors (參見陳韜文，2000), longest first.
HAN_PREFIXES = tuple(
    sorted(
        """參見 参见 參看 参看 參閱 参阅 見 见 詳見 详见 另見 另见 亦見 亦见 又見 又见 可見 可见
        轉引自 转引自 引自 參考 参考 可參考 可参考 例如 如 比如 譬如 另參 另参""".split(),
        key=len,
        reverse=True,
    )
)
#: Between Chinese author names.
HAN_AND = "、和與与及"

#: The characters an author list is made of, to the end of the text: where a run of them
#: begins, a list of names ending at the same place can begin at the earliest. Searching for
#: it first keeps the search for TRAILING_NAMES from trying every position of a long window.
NAME_RUN = re.compile(rf"[{LATIN}01'’\-\s,.&{HAN_AND}等人]*\Z")
HAN_RUN = re.compile(rf"[{HAN}{NAME_DOTS}{HAN_AND}]+\Z")
#: The same run read backwards, on the reversed text before a bracket: Python's regexes only
#: search forwards, and a search for a list of names that ends at a given place tries every
#: start before it. Matched from the bracket backwards, this finds in one pass the run of
#: capitalised words, particles and "et al." that a list of names there may start in (a
#: token read backwards ends with its first letter; "Klinen-⏎berg" continues a hyphenated
#: name), so that ``TRAILING_NAMES`` then searches only that run.
_RUN_CHARS = f"{LATIN}0-9'’.,&\\-"
NAME_RUN_REVERSED = re.compile(
    rf"(?:s?['’])?(?:人?等)?(?:[ \t]*(?:\n\r?[ \t]*)?(?:[{HAN_AND}][ \t]*)?(?:"
    rf"[{_RUN_CHARS}]*[{UPPER}01]|[{_RUN_CHARS}]*['’]d|-l[ae]"
    rf"|{'|'.join(re.escape(w[::-1]) for w in sorted(NAME_RUN_WORDS, key=len, reverse=True))}"
    rf"|[{_RUN_CHARS}]+[ \t]*\n\r?[ \t]*-[{_RUN_CHARS}]*[{UPPER}])(?![{LATIN}0-9'’]))*"
)
#: Between Chinese names in a list as Chinese author–date styles print it ("张三, 李四").
HAN_COMMA = re.compile(r"[ \t]*,[ \t]*\Z")
#: Before a spaced 等 ("张三 等 (2008)").
HAN_SPACE = re.compile(r"[ \t]+\Z")

# --- page furniture -------------------------------------------------------------------------

#: What a page number and a publisher's line are is shared with the cleaner.
PAGE_NUMBER_LINE = furniture.PAGE_NUMBER_LINE
BOILERPLATE = furniture.COPYRIGHT
#: The same after a line break, as a search pattern: it starts with a literal newline, which
#: the regex engine finds at C speed instead of trying every position of the text.
PAGE_NUMBER_AFTER_BREAK = re.compile(rf"\n(?P<line>{PAGE_NUMBER_LINE.pattern})(?=\n|\Z)")
#: A line break before a Chinese character (or CJK punctuation mark). It starts with the
#: line break itself, which the regex engine finds at C speed; whether a Chinese character
#: comes before it is checked at each (rare) hit.
HAN_LINE_BREAK = re.compile(rf"\n[ \t]*(?=[{HAN}\u3000-\u303f\uff00-\uffef])")
#: What may end the line before such a break for it to be inside Chinese text.
HAN_OR_CJK_MARK = re.compile(rf"[{HAN}\u3000-\u303f\uff00-\uffef][ \t\r]*\Z")
SENTENCE_END = re.compile(r"[.。!?！？:：;；,，]\s*\Z")
#: Three lowercase letters in a row: words of running text, which a one-off running head
#: (upper case, numbers, OCR noise) does not have.
LOWERCASE_WORD = re.compile(r"[a-z]{3}")
LOWERCASE_START = furniture.LOWERCASE_START

# --- typographic variants ------------------------------------------------------------------

#: The spaces of typesetting, read as a space: no-break, thin, narrow no-break, figure and
#: em spaces ("Smith," and "2019" joined by U+00A0, "p." and "4" by U+202F), as word
#: processors and LaTeX's ``~`` write them. The ideographic space U+3000 stays: Chinese
#: text indents paragraphs with it.
TYPESET_SPACES = "".join(chr(c) for c in (0x00A0, *range(0x2000, 0x200B), 0x202F, 0x205F))
#: Fullwidth forms as Chinese and Japanese input methods type them, read as their ASCII
#: letters, digits, ampersand, point, apostrophe and hyphen ("（王小明，２０１９）",
#: "（Ｓｍｉｔｈ ＆ Ｊｏｎｅｓ，2017）"). Fullwidth brackets, commas and semicolons stay: the
#: Chinese forms are read with them.
FULLWIDTH_FORMS = {
    chr(0xFEE0 + ord(c)): c
    for c in "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz&.'-"
}
#: Apostrophes and hyphens as other characters print them: the modifier letter apostrophe
#: (U+02BC, which word processors put in O’Neil), the acute accent and the grave accent as
#: PDF text and OCR give an apostrophe ("O´Neil", "D`Souza"), and the Unicode hyphens
#: U+2010 and U+2011 ("López‐Pérez", as PDF text gives a name's hyphen).
TYPESET_MARKS = {"\u02bc": "’", "\u00b4": "’", "`": "’", "\u2010": "-", "\u2011": "-"}
#: Each character read as another of the same length, so offsets do not move.
SAME_WIDTH = {**dict.fromkeys(TYPESET_SPACES, " "), **TYPESET_MARKS, **FULLWIDTH_FORMS}
SAME_WIDTH_CHARACTER = re.compile(f"[{re.escape(''.join(SAME_WIDTH))}]")
FULLWIDTH_FORM = re.compile(f"[{re.escape(''.join(FULLWIDTH_FORMS))}]")
#: Characters that print nothing inside a word or between the parts of a citation: the soft
#: hyphen (U+00AD, left by PDF extraction where a word was broken), zero-width spaces and
#: joiners, the word joiner and a byte-order mark inside the text.
INVISIBLE_CHARACTERS = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
INVISIBLE = re.compile(f"[{INVISIBLE_CHARACTERS}]+")
