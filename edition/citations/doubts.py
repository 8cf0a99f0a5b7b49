"""Why a candidate citation may be no citation at all, in words an editor can act on.

The engine reads ``(Name, 2019)`` and ``Name (2019)`` as citations, and most are. Some shapes
are the same but mean something else: a survey's abbreviation and its period
(``(GMEP, 1955–1969)``), a lifespan (``Max Weber (1864–1920)``), a date (``(May 2020)``,
``(Interview, March 2020)``), a numbered label (``(Model 2, 2019)``), a place or a law
(``(Shanghai, 2020)``, ``(Equality Act 2010)``), unpublished data. When such a candidate
links to no entry, it is reported with a *doubt*: the editor confirms or rejects it, instead
of the build stopping on it or the engine dropping it unseen.
"""

from __future__ import annotations

import re

_MONTHS = frozenset(
    """january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec""".split()
)
_SEASONS = frozenset("spring summer autumn fall winter".split())
_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
#: Words that name a law, a survey, an event, or the people of a study, never an author.
_THINGS = frozenset(
    """act acts law laws ordinance census survey surveys poll interview interviews interviewee
    interviewees respondent respondents participant participants informant informants
    fieldnotes olympics olympic games war revolution dynasty pandemic epidemic earthquake
    tsunami typhoon hurricane election elections referendum prize award expo festival summit
    crisis protests reform""".split()
)
#: Countries and the provinces and largest cities of China, Taiwan, Hong Kong and Macau, as
#: English texts name them: ``(Shanghai, 2020)`` is a place and a year.
_PLACES = frozenset(
    """afghanistan albania algeria andorra angola argentina armenia australia austria
    azerbaijan bahamas bahrain bangladesh barbados belarus belgium belize benin bhutan bolivia
    bosnia botswana brazil brunei bulgaria burkina burundi cambodia cameroon canada chile
    china colombia comoros congo croatia cuba cyprus czechia czech denmark djibouti dominica
    ecuador egypt eritrea estonia eswatini ethiopia fiji finland france gabon gambia germany
    ghana greece grenada guatemala guinea guyana haiti honduras hungary iceland india
    indonesia iran iraq ireland italy jamaica japan kazakhstan kenya kiribati korea kosovo
    kuwait kyrgyzstan laos latvia lebanon lesotho liberia libya liechtenstein lithuania
    luxembourg madagascar malawi malaysia maldives mali malta mauritania mauritius mexico
    micronesia moldova monaco mongolia montenegro morocco mozambique myanmar namibia nauru
    nepal netherlands nicaragua niger nigeria norway oman pakistan palau palestine panama
    paraguay peru philippines poland portugal qatar romania russia rwanda samoa senegal
    serbia seychelles singapore slovakia slovenia somalia spain sudan suriname sweden
    switzerland syria tajikistan tanzania thailand togo tonga tunisia turkey turkmenistan
    tuvalu uganda ukraine uruguay uzbekistan vanuatu venezuela vietnam yemen zambia zimbabwe
    uk usa us prc roc eu europe asia africa
    beijing shanghai tianjin chongqing guangzhou shenzhen wuhan chengdu hangzhou nanjing
    xian suzhou harbin shenyang dalian qingdao jinan zhengzhou changsha kunming xiamen
    fuzhou hefei nanchang taiyuan shijiazhuang lanzhou urumqi lhasa hohhot nanning guiyang
    haikou xining yinchuan changchun hebei shanxi liaoning jilin heilongjiang jiangsu
    zhejiang anhui fujian jiangxi shandong henan hubei hunan guangdong hainan sichuan
    guizhou yunnan shaanxi gansu qinghai guangxi tibet xinjiang ningxia taiwan taipei
    kaohsiung taichung tainan macau macao hongkong kowloon""".split()
)
_ACRONYM = re.compile(r"[A-Z][A-Z0-9&]{1,11}\Z")
_WORD = re.compile(r"[^\W\d_]+")
_UNPUBLISHED = re.compile(
    r"\s*(?:data|observations?|results?|work|findings)\b|[^;)]*personal\s+communication"
)


def doubt(
    authors: str, year: str, *, label: bool = False, weak: bool = False, after: str = ""
) -> str:
    """Why the unresolved candidate ``authors`` + ``year`` may be no citation ("" if none).

    ``authors`` is the author part as read ("GMEP", "Model 2", "Interview, May"), ``year``
    the year as read ("1955–1969", "2019", "unpublished"), ``label`` whether the author part
    is a word with a number, ``weak`` whether it is made of words that are usually no names
    ("Study", "Appendix", "May"), ``after`` the text of the bracket after the year.
    """
    words = _WORD.findall(authors)
    last = words[-1].lower() if words else ""
    shown = " ".join(authors.split())
    if year == "unpublished" or _UNPUBLISHED.match(after):
        return (
            f"{shown} cites unpublished data or a personal communication, which has no entry "
            "in a reference list (APA 7, 8.9)"
        )
    if label:
        return f"{shown!r} is a numbered label (a model, study, table or version), not an author"
    if "–" in year:
        if _ACRONYM.match(shown):
            return (
                f"{shown!r} with {year} reads as the abbreviation of a survey, dataset or "
                "programme and its period, not as an author and a year of publication"
            )
        return f"{year} after {shown!r} reads as a lifespan or a period, not a year of publication"
    if last in _MONTHS or last in _SEASONS or last in _WEEKDAYS:
        return f"'{words[-1]} {year}' reads as a date, not as an author and a year"
    if _ACRONYM.match(shown):
        return (
            f"{shown!r} is an abbreviation that no entry and no definition in the text explains: "
            "it may name a survey, a dataset or a place rather than an author"
        )
    if "".join(words).lower() in _PLACES or (len(words) == 1 and last in _PLACES):
        return f"{shown!r} is the name of a place; a citation names an author"
    thing = next((w for w in words if w.lower() in _THINGS), None)
    if thing:
        return f"{thing!r} names a law, a survey, an event or a study's people, not an author"
    if weak:
        return f"{shown!r} is a common word (a section, table, figure or study), not a name"
    return ""
