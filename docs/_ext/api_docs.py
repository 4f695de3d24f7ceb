"""
Two adjustments that let autodoc document wto_msme as it is written.

- Type hints name classes where they are defined (``wto_msme._model.Member``), while
  the API reference documents them where users import them (``wto_msme.Member``). A
  reference to ``wto_msme._module.Name`` that nothing else resolves is resolved as
  ``wto_msme.Name``; if that is not documented either, the reference stays broken and
  ``sphinx-build -n`` reports it.
- Fields and enum members are documented by a docstring under their declaration, and
  their types are in the annotations only. Napoleon would read a first line such as
  "Identifier, the symbol as a slug: ..." as "type: text"; an empty comment put
  before it tells napoleon that the first line holds no type, and renders as nothing.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["setup"]

_PRIVATE = re.compile(r"^wto_msme\.(?:_\w+\.)+(?P<name>[A-Za-z]\w*(?:\.\w+)*)$")


def _resolve(app: Any, env: Any, node: Any, contnode: Any) -> Any:
    if node.get("refdomain") != "py":
        return None
    match = _PRIVATE.match(node.get("reftarget", ""))
    if match is None:
        return None
    public = f"wto_msme.{match['name']}"
    domain = env.get_domain("py")
    return domain.resolve_xref(env, node["refdoc"], app.builder, node["reftype"], public, node, contnode)


def _no_inline_type(  # noqa: PLR0917 - the signature Sphinx calls it with
    app: Any, what: str, name: str, obj: Any, options: Any, lines: list[str]
) -> None:
    if what in ("attribute", "data") and lines and lines[0].strip():
        lines[:0] = ["..", ""]


def setup(app: Any) -> dict[str, Any]:
    """
    Register both adjustments with Sphinx.
    """
    app.connect("missing-reference", _resolve)
    # Before napoleon's own handler, which runs at the default priority of 500.
    app.connect("autodoc-process-docstring", _no_inline_type, priority=400)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
