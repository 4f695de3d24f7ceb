"""
List the pages that a checkout may or may not hold in a toctree of their own.

On ``builder-inited`` this writes ``reference/generated/_fragments/optional-pages.md``,
which ``index.md`` includes: a toctree of the pages of :data:`OPTIONAL`
that exist, or nothing. A toctree may not name a page that does not exist, and a page
that no toctree names is a warning, so neither can be listed by hand.
"""

from __future__ import annotations

import pathlib
from typing import Any

__all__ = ["OPTIONAL", "render", "setup"]

#: The optional pages, in the order they are listed.
OPTIONAL = ("performance",)

FRAGMENT = "reference/generated/_fragments/optional-pages.md"


def render(srcdir: pathlib.Path) -> str:
    """
    Return the fragment for the optional pages that exist under *srcdir*.
    """
    present = [name for name in OPTIONAL if (srcdir / f"{name}.md").is_file()]
    if not present:
        return "% No optional page is present.\n"
    entries = "\n".join(f"/{name}" for name in present)
    return f"```{{toctree}}\n:maxdepth: 1\n\n{entries}\n```\n"


def _generate(app: Any) -> None:
    srcdir = pathlib.Path(app.srcdir)
    path = srcdir / FRAGMENT
    text = render(srcdir)
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def setup(app: Any) -> dict[str, Any]:
    """
    Register the fragment's generation with Sphinx.
    """
    app.connect("builder-inited", _generate)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
