"""Annotated bilingual digital editions of scholarly papers.

The toolkit is a chain of plain functions over plain data (dataclasses): clean the OCR text,
load the bibliography, find and link citations, find glossary terms, convert Chinese script,
and build the MkDocs site. Each stage lives in its own module and is usable alone.
"""

__version__ = "0.1.0"
