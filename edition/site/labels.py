"""The wording of the site's interface, in English and Traditional Chinese.

Simplified Chinese pages are converted from the Traditional ones as a whole, labels included,
so there is no third table to keep in step.
"""

from __future__ import annotations

EN, ZH_HANT, ZH_HANS = "en", "zh-Hant", "zh-Hans"
LANGUAGES = (EN, ZH_HANT, ZH_HANS)

_LABELS: dict[str, dict[str, str]] = {
    EN: {
        "nav.home": "Home",
        "nav.text": "Text",
        "nav.guide": "Reading guide",
        "nav.references": "References",
        "nav.unidentified": "Unidentified works",
        "nav.glossary": "Glossary",
        "nav.about": "About this edition",
        "home.lead": "An annotated edition of",
        "home.authors": "Authors",
        "home.published": "Published in",
        "home.volume": "vol.",
        "home.pages": "pp.",
        "home.abstract": "Abstract (as published)",
        "home.keywords": "Keywords (as published)",
        "home.translation": "Editors' translation",
        "home.cite": "How to cite the paper",
        "home.cite.apa": "APA 7",
        "home.cite.bibtex": "BibTeX",
        "home.cite.edition": "How to cite this edition",
        "home.downloads": "Downloads",
        "home.download.bibtex": "References (BibTeX)",
        "home.download.ris": "References (RIS)",
        "home.download.csl": "References (CSL-JSON)",
        "home.download.document": "The cleaned text (JSON)",
        "home.read": "Read the text",
        "home.state": (
            "The source is an OCR text of the published paper. Its English front matter is "
            "legible; its Chinese body was read by a Latin-only OCR engine and survives only as "
            "noise, from which the citations and English glosses were salvaged. The editors' "
            "reading guide, glossary and translation are marked as theirs."
        ),
        "copy": "Copy",
        "copied": "Copied",
        "editorial": "Editors' text",
        "text.pages": "Pages",
        "text.page": "p. {}",
        "text.inferred": "page number inferred by the editors",
        "text.unnumbered": "Unnumbered page",
        "text.unknown": "page number not shown in the source",
        "text.lines": "lines",
        "text.line": "line",
        "text.noise": "OCR noise",
        "text.noise.score": "readability",
        "text.salvaged": "Salvaged",
        "text.guide": "guide to this page",
        "text.kind.front-matter": "front matter",
        "text.kind.heading": "heading",
        "text.kind.paragraph": "paragraph",
        "text.heading-like": "an illegible heading",
        "text.intro": (
            "The source page by page. Page numbers in brackets are inferred; blocks marked as "
            "OCR noise are not text but what the OCR engine made of the Chinese body: open one "
            "to see it. Citations and glossary terms are linked in place."
        ),
        "cite.unidentified": "Citation of an unidentified work",
        "cite.line": "source line",
        "guide.intro": (
            "The editors' guide to each page of the source: what the page discusses as far as "
            "its surviving citations, English glosses and the published abstract show it. It "
            "is not the authors' text."
        ),
        "guide.read": "read the page",
        "guide.heading": "Section heading at line {}",
        "refs.intro": (
            "Every work the paper cites legibly, in APA 7. Each entry links to where it is "
            "cited; fields the editors could not confirm are left out and said so in a note."
        ),
        "refs.lookup": "Look up",
        "refs.doi": "DOI",
        "refs.link": "Link",
        "refs.scholar": "Google Scholar",
        "refs.worldcat": "WorldCat",
        "refs.copy-bibtex": "Copy BibTeX",
        "refs.cited": "Cited",
        "refs.uncited": "Not cited in the legible text",
        "refs.note": "Note",
        "unid.intro": (
            "Citations whose author's name the OCR destroyed, with the year (and page) that "
            "survive. They cite Chinese-language works that the edition cannot identify; they "
            "have no entry in the references."
        ),
        "unid.year": "Year",
        "unid.locator": "Locator",
        "unid.page": "Page",
        "unid.line": "Source line",
        "unid.ocr": "As the OCR reads it",
        "glossary.intro": (
            "The paper's key terms in English, Traditional and Simplified Chinese. The "
            "definitions are the editors', resting on the cited literature and the abstract."
        ),
        "glossary.definition": "Editors' definition",
        "glossary.sources": "Key sources",
        "glossary.related": "Related terms",
        "glossary.occurs": "Occurs in the text",
        "glossary.occurs.none": "Not in the legible text",
        "about.state": "The state of the source",
        "about.figure": "Figure",
        "about.value": "Value",
        "about.lines": "Source lines",
        "about.pages": "Pages (printed / inferred / unknown)",
        "about.blocks": "Blocks by kind",
        "about.removed": "Lines removed, by reason",
        "about.salvaged": "Salvaged from noise (citations / glosses)",
        "about.citations": "Citations (linked / unidentified)",
        "about.references": "References / glossary terms",
        "about.made": "How this site was made",
        "about.made.text": (
            "The site is built from the edition's materials (the OCR text, edition.yml, "
            "references.bib, glossary.yml and the editorial texts) by the `edition` toolkit "
            "and MkDocs Material. Every build runs the edition's check: a citation that does "
            "not resolve, a malformed entry or a page missing from a language version stops it."
        ),
    },
    ZH_HANT: {
        "nav.home": "首頁",
        "nav.text": "正文",
        "nav.guide": "閱讀指引",
        "nav.references": "參考文獻",
        "nav.unidentified": "未能辨識的文獻",
        "nav.glossary": "詞彙表",
        "nav.about": "關於本版",
        "home.lead": "註釋版：",
        "home.authors": "作者",
        "home.published": "刊於",
        "home.volume": "第",
        "home.pages": "頁",
        "home.abstract": "英文摘要（原文）",
        "home.keywords": "關鍵詞（原文）",
        "home.translation": "編者譯文",
        "home.cite": "引用本文",
        "home.cite.apa": "APA 第七版",
        "home.cite.bibtex": "BibTeX",
        "home.cite.edition": "引用本註釋版",
        "home.downloads": "下載",
        "home.download.bibtex": "參考文獻（BibTeX）",
        "home.download.ris": "參考文獻（RIS）",
        "home.download.csl": "參考文獻（CSL-JSON）",
        "home.download.document": "清理後的文本（JSON）",
        "home.read": "閱讀正文",
        "home.state": (
            "底本是已刊論文的光學字元辨識（OCR）文本。其英文前置部分清晰可讀；中文正文則被只識拉丁字母的"
            "OCR 引擎讀成雜訊，僅能從中搶救出引文與英文術語。"
            "編者的閱讀指引、詞彙表與譯文均已標明為編者所作。"
        ),
        "copy": "複製",
        "copied": "已複製",
        "editorial": "編者文字",
        "text.pages": "頁碼",
        "text.page": "第 {} 頁",
        "text.inferred": "頁碼由編者推定",
        "text.unnumbered": "無頁碼頁",
        "text.unknown": "底本未見頁碼",
        "text.lines": "行",
        "text.line": "行",
        "text.noise": "OCR 雜訊",
        "text.noise.score": "可讀度",
        "text.salvaged": "搶救所得",
        "text.guide": "本頁指引",
        "text.kind.front-matter": "前置部分",
        "text.kind.heading": "標題",
        "text.kind.paragraph": "段落",
        "text.heading-like": "無法辨識的標題",
        "text.intro": (
            "底本逐頁呈現。方括號中的頁碼為推定；"
            "標為 OCR 雜訊的區塊並非正文，而是 OCR 引擎對中文正文的誤讀，"
            "可展開查看。引文與詞彙均已就地連結。"
        ),
        "cite.unidentified": "未能辨識的文獻",
        "cite.line": "底本行",
        "guide.intro": (
            "編者對底本每一頁的指引：僅就該頁倖存的引文、英文術語與已刊摘要所能顯示者，說明其討論內容。"
            "這不是作者的文字。"
        ),
        "guide.read": "閱讀該頁",
        "guide.heading": "第 {} 行的章節標題",
        "refs.intro": (
            "論文中可辨識的全部引用文獻，依 APA 第七版排列。每條均連回其被引用之處；"
            "編者未能確認的欄位從缺，並於附註說明。"
        ),
        "refs.lookup": "查找",
        "refs.doi": "DOI",
        "refs.link": "連結",
        "refs.scholar": "Google 學術搜尋",
        "refs.worldcat": "WorldCat",
        "refs.copy-bibtex": "複製 BibTeX",
        "refs.cited": "被引用於",
        "refs.uncited": "可讀文本中未見引用",
        "refs.note": "附註",
        "unid.intro": (
            "作者姓名已被 OCR 毀損、僅存年份（及頁碼）的引用。它們引用的是本版無法辨識的中文文獻，"
            "因此不列入參考文獻。"
        ),
        "unid.year": "年份",
        "unid.locator": "頁碼",
        "unid.page": "頁",
        "unid.line": "底本行",
        "unid.ocr": "OCR 所讀",
        "glossary.intro": (
            "論文關鍵術語的英文、繁體與簡體中文形式。定義為編者所撰，依據所引文獻與摘要。"
        ),
        "glossary.definition": "編者定義",
        "glossary.sources": "主要文獻",
        "glossary.related": "相關術語",
        "glossary.occurs": "見於正文",
        "glossary.occurs.none": "可讀文本中未見",
        "about.state": "底本狀況",
        "about.figure": "項目",
        "about.value": "數值",
        "about.lines": "底本行數",
        "about.pages": "頁數（印有頁碼／推定／不明）",
        "about.blocks": "區塊類別",
        "about.removed": "刪除的行（按原因）",
        "about.salvaged": "自雜訊搶救（引文／術語）",
        "about.citations": "引文（已連結／未能辨識）",
        "about.references": "參考文獻／詞彙條目",
        "about.made": "本網站的製作方式",
        "about.made.text": (
            "本網站由 `edition` 工具組與 MkDocs Material 從本版材料（OCR 文本、edition.yml、"
            "references.bib、glossary.yml 與編者文字）生成。每次建置都會執行本版的檢查："
            "無法對應的引文、格式錯誤的條目或某語言版本缺頁，都會使建置失敗。"
        ),
    },
}


def label(lang: str, key: str) -> str:
    """The wording of ``key`` in ``lang`` (Simplified uses the Traditional, converted later)."""
    table = _LABELS[ZH_HANT if lang == ZH_HANS else lang]
    return table[key]
