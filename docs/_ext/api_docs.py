"""
Three adjustments that let autodoc document wto_msme as it is written.

- Type hints name classes where they are defined (``wto_msme._model.Member``), while
  the API reference documents them where users import them (``wto_msme.Member``,
  ``wto_msme.collections.Members``, ``wto_msme.enums.Category``). A reference to
  ``wto_msme._module.Name`` that nothing else resolves is resolved as the first of those
  that is documented; if none is, the reference stays broken and ``sphinx-build -n``
  reports it.
- Fields and enum members are documented by a docstring under their declaration, and
  their types are in the annotations only. Napoleon would read a first line such as
  "Identifier, the symbol as a slug: ..." as "type: text"; an empty comment put
  before it tells napoleon that the first line holds no type, and renders as nothing.
- Constants and type aliases (``wto_msme.DATA_VERSION``, ``wto_msme.DateLike``) are
  documented by a docstring under their assignment in the private module that defines
  them. autodoc looks for it in ``wto_msme`` itself, finds none, and would show the
  docstring of the value's type (``str``, ``int``, a union) instead; the docstring is
  taken from the defining module.
"""

from __future__ import annotations

import pkgutil
import re
from typing import Any

from sphinx.pycode import ModuleAnalyzer

__all__ = ["setup"]

_PRIVATE = re.compile(r"^wto_msme\.(?:_\w+\.)+(?P<name>[A-Za-z]\w*(?:\.\w+)*)$")


def _resolve(app: Any, env: Any, node: Any, contnode: Any) -> Any:
    if node.get("refdomain") != "py":
        return None
    match = _PRIVATE.match(node.get("reftarget", ""))
    if match is None:
        return None
    domain = env.get_domain("py")
    for module in ("wto_msme", "wto_msme.collections", "wto_msme.enums", "wto_msme.exceptions"):
        found = domain.resolve_xref(
            env, node["refdoc"], app.builder, node["reftype"], f"{module}.{match['name']}", node, contnode
        )
        if found is not None:
            return found
    return None


def data_docstring(name: str) -> list[str] | None:
    """
    Return the docstring under the assignment of *name*, ``wto_msme.X`` or ``wto_msme.collections.X``, as lines.

    It is looked for in the private modules of ``wto_msme``; ``None`` if none assigns it.
    """
    import wto_msme

    package, _, attr = name.rpartition(".")
    if package not in ("wto_msme", "wto_msme.collections"):
        return None
    for module in pkgutil.iter_modules(wto_msme.__path__):
        if module.name.startswith("_"):
            docs = ModuleAnalyzer.for_module(f"wto_msme.{module.name}").find_attr_docs()
            if ("", attr) in docs:
                return list(docs["", attr])
    return None


def _data_docstring(  # noqa: PLR0917 - the signature Sphinx calls it with
    app: Any, what: str, name: str, obj: Any, options: Any, lines: list[str]
) -> None:
    if what == "data":
        found = data_docstring(name)
        if found is not None:
            lines[:] = found


def _no_fields_list(  # noqa: PLR0917 - the signature Sphinx calls it with
    app: Any, what: str, name: str, obj: Any, options: Any, lines: list[str]
) -> None:
    # help() lists a record's fields under this heading; the reference documents each field.
    from wto_msme._describe import FIELDS_HEADING

    if what == "class" and FIELDS_HEADING in lines:
        del lines[lines.index(FIELDS_HEADING) :]


def _no_inline_type(  # noqa: PLR0917 - the signature Sphinx calls it with
    app: Any, what: str, name: str, obj: Any, options: Any, lines: list[str]
) -> None:
    if what in ("attribute", "data") and lines and lines[0].strip():
        lines[:0] = ["..", ""]


def setup(app: Any) -> dict[str, Any]:
    """
    Register the three adjustments with Sphinx.
    """
    app.connect("missing-reference", _resolve)
    app.connect("autodoc-process-docstring", _data_docstring, priority=300)
    app.connect("autodoc-process-docstring", _no_fields_list, priority=300)
    # Before napoleon's own handler, which runs at the default priority of 500.
    app.connect("autodoc-process-docstring", _no_inline_type, priority=400)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
