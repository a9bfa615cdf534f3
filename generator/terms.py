"""The glossary's terms on every page, each explained once per section, where the reader meets it.

Python-Markdown's abbr marks every occurrence of a glossary term with its whole explanation as a
tooltip. This extension gives abbr the glossary (includes/abbreviations.md, one line
`*[term]: explanation` per form of a term, read with abbr's own pattern) as its configured
glossary, rather than appending the file to every page for abbr to parse there: the same HTML,
in about half of the conversion's time per page (bench/HISTORY.md).

A decision or the action register names the same terms in every finding and row: at M, 58 of
the site's 185 MB of pages were repeated explanations, and a page of the register carried 658 of
them. So a term keeps its explanation at its first occurrence in each section, a section
beginning at every heading (the places a link can land on); later occurrences in the same section
are plain text. Terms that share one explanation ("avvikelse", "avvikelserna") are one term.

Named in mkdocs.yml after abbr, it runs wherever a page is converted (MkDocs itself or
convert.py's workers), so both give the same page.
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as etree
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.extensions.abbr import AbbrBlockprocessor, AbbrExtension
from markdown.treeprocessors import Treeprocessor

HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
"""Where a section begins: each term is explained again after each of them."""
PRIORITY = 6
"""After abbr (7), which marks the terms; before toc (5), which reads the headings."""


class ExplainedOnce(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        explained: set[str] = set()
        for parent, element in list(_in_document_order(root)):
            if element.tag in HEADINGS:
                explained.clear()
            elif element.tag == "abbr" and (title := element.get("title")) is not None:
                if title in explained and len(element) == 0:
                    _unwrap(parent, element)
                explained.add(title)


def _in_document_order(parent: etree.Element) -> Iterator[tuple[etree.Element, etree.Element]]:
    """Each element with its parent, as a reader meets them (a heading before its own text)."""
    for child in parent:
        yield parent, child
        yield from _in_document_order(child)


def _unwrap(parent: etree.Element, element: etree.Element) -> None:
    """element's text (a term has no markup of its own) and its tail join the text before it."""
    text = (element.text or "") + (element.tail or "")
    index = list(parent).index(element)
    if index == 0:
        parent.text = (parent.text or "") + text
    else:
        before = parent[index - 1]
        before.tail = (before.tail or "") + text
    parent.remove(element)


class TermsExtension(Extension):
    def __init__(self, **kwargs: Any) -> None:
        self.config = {"glossary": ["", "The glossary's file, a line `*[term]: explanation` per form of a term."]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        glossary = self.getConfig("glossary")
        if glossary:
            _abbreviations(md).load_glossary(read_glossary(Path(os.fspath(glossary))))
        md.treeprocessors.register(ExplainedOnce(md), "kp_terms_once", PRIORITY)


def read_glossary(path: Path) -> dict[str, str]:
    """Each form of a term with its explanation, as abbr reads a definition on a page."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise ValueError(
            f"Ordlistans fil kan inte läsas: {path} ({error.strerror}). Filen anges under generator.terms i mkdocs.yml."
        ) from error
    return {m["abbr"].strip(): m["title"].strip() for m in AbbrBlockprocessor.RE.finditer(text)}


def _abbreviations(md: Markdown) -> AbbrExtension:
    found = next((e for e in md.registeredExtensions if isinstance(e, AbbrExtension)), None)
    if found is None:
        raise ValueError("generator.terms needs abbr, named before it in mkdocs.yml's markdown_extensions")
    return found


def makeExtension(**kwargs: Any) -> TermsExtension:
    """How Python-Markdown finds the extension by the module's name (mkdocs.yml)."""
    return TermsExtension(**kwargs)
