"""The site stage: Markdown pages per language, built from an annotated edition.

``pages`` writes each page, ``markup`` turns text with found spans into safe HTML, ``labels``
holds the interface wording, ``metadata`` the machine-readable citation data (Highwire tags,
COinS). The MkDocs plugin (``edition.plugin``) only hands these pages to MkDocs.
"""
