"""
ISO dates that do not wrap at their hyphens.

A browser may break a line after any hyphen, so that a narrow table cell shows
``2023-03-`` above ``13``. After the pages are read, each ISO date (``2023``-``03`` or
``2023-03-13``) in running text and tables, outside code, is put in an inline of class
``date``, which the stylesheet keeps on one line. The gallery marks the dates of the
notebook's HTML tables with the same pattern.
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

__all__ = ["ISO_DATE", "marked", "setup"]

#: A date as the data writes it: a year and a month, and a day if known.
ISO_DATE = re.compile(r"(?<![\w-])\d{4}-\d{2}(?:-\d{2})?(?![\w-])")


def marked(text: str) -> list[nodes.Node]:
    """
    Return *text* as text nodes with each ISO date in an inline of class ``date``.
    """
    parts: list[nodes.Node] = []
    at = 0
    for match in ISO_DATE.finditer(text):
        parts += [nodes.Text(text[at : match.start()]), nodes.inline("", match[0], classes=["date"])]
        at = match.end()
    parts.append(nodes.Text(text[at:]))
    return [p for p in parts if p.astext()]


class _Dates(SphinxPostTransform):
    """Put each ISO date of a text node outside code in an inline of class ``date``."""

    default_priority = 800
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        for text in list(self.document.findall(nodes.Text)):
            parent = text.parent
            if isinstance(parent, (nodes.literal, nodes.literal_block, nodes.raw)) or not ISO_DATE.search(text):
                continue
            parent.replace(text, marked(text))


def setup(app: Any) -> dict[str, Any]:
    """
    Register the transform with Sphinx.
    """
    app.add_post_transform(_Dates)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
