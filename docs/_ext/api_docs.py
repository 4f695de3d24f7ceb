"""
Five adjustments that let autodoc document wto_msme as it is written.

- Type hints name classes where they are defined (``wto_msme._model.Member``), while
  the API reference documents them where users import them (``wto_msme.Member``,
  ``wto_msme.collections.Members``, ``wto_msme.enums.Category``). A reference to
  ``wto_msme._module.Name`` that nothing else resolves is resolved as the first of those
  that is documented; if none is, the reference stays broken and ``sphinx-build -n``
  reports it. A relative reference that the class it is made in does not resolve, such
  as ``:attr:`candidates``` inherited from a base, is looked for the same way, also
  under the class's bases.
- The collections' methods are typed with type variables: ``search(self: _C) -> _C``
  returns the collection's own class, and ``get() -> R | None`` its kind of record. In
  the reference a type variable is shown as what it stands for in the class the method
  is documented under (``Members``, ``Member``; ``Any`` record in a plain ``Records``).
- autodoc gives a class the return type of its ``__new__`` (``Records[R]``); the
  class's name says what calling it returns, and the field is left out.
- Fields, properties and enum members are documented by a docstring under their
  declaration, and their types are in the annotations only. Napoleon would read a first line such as
  "Identifier, the symbol as a slug: ..." as "type: text"; an empty comment put
  before it tells napoleon that the first line holds no type, and renders as nothing.
- Constants and type aliases (``wto_msme.DATA_VERSION``, ``wto_msme.DateLike``) are
  documented by a docstring under their assignment in the private module that defines
  them. autodoc looks for it in ``wto_msme`` itself, finds none, and would show the
  docstring of the value's type (``str``, ``int``, a union) instead; the docstring is
  taken from the defining module.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from typing import Any, TypeVar

from docutils import nodes
from sphinx.pycode import ModuleAnalyzer

__all__ = ["setup"]

_PRIVATE = re.compile(r"^wto_msme\.(?:_\w+\.)+(?P<name>[A-Za-z]\w*(?:\.\w+)*)$")


def _public(app: Any, env: Any, node: Any, name: str, contnode: Any) -> Any:
    """The reference to *name* where users import it, or ``None`` if it is documented nowhere."""
    domain = env.get_domain("py")
    for module in ("wto_msme", "wto_msme.collections", "wto_msme.enums", "wto_msme.exceptions"):
        found = domain.resolve_xref(
            env, node["refdoc"], app.builder, node["reftype"], f"{module}.{name}", node, contnode
        )
        if found is not None:
            return found
    return None


def _owner(node: Any) -> object:
    """The class (or module) the reference is made in."""
    module = importlib.import_module(node.get("py:module") or "wto_msme")
    return getattr(module, node.get("py:class") or "", module)


def _stands_for(node: Any) -> tuple[str, type | None] | None:
    """
    What a type variable of wto_msme stands for in the class the reference is made in.

    ``None`` if the reference is not to a type variable; else the text to show and the
    class to link to, if any.
    """
    owner = _owner(node)
    if not isinstance(owner, type):
        return None
    module, _, name = node.get("reftarget", "").rpartition(".")
    module = module or owner.__module__
    variable = getattr(importlib.import_module(module), name, None) if module.startswith("wto_msme") else None
    if not isinstance(variable, TypeVar):
        return None
    if variable.__bound__ is not None:  # _C, _D: bound to a collection class, here the documented class itself
        return owner.__qualname__, owner
    kind = getattr(owner, "kind", None)  # R: the kind of record the collection holds, any in a mixed one
    return (kind.__qualname__, kind) if isinstance(kind, type) else ("Any", None)


def _names(node: Any) -> list[str]:
    """The public names a reference may mean: the private module's name, or a relative one, also as inherited."""
    target = node.get("reftarget", "")
    match = _PRIVATE.match(target)
    if match is not None:
        return [match["name"]]
    if target.startswith("wto_msme"):
        return []
    bases = getattr(_owner(node), "__mro__", ())[1:]
    return [target, *(f"{c.__qualname__}.{target}" for c in bases if c.__module__.startswith("wto_msme"))]


def _resolve(app: Any, env: Any, node: Any, contnode: Any) -> Any:
    if node.get("refdomain") != "py":
        return None
    meant = _stands_for(node)
    if meant is not None:
        text, target = meant
        shown = nodes.emphasis("", text)
        return shown if target is None else _public(app, env, node, target.__qualname__, shown)
    return next((f for n in _names(node) if (f := _public(app, env, node, n, contnode)) is not None), None)


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
    if what in ("attribute", "data", "property") and lines and lines[0].strip():
        lines[:0] = ["..", ""]


def _no_class_return(app: Any, domain: str, objtype: str, contentnode: Any) -> None:
    # autodoc gives a class the return type of its __new__; the class's own name says it.
    if domain != "py" or objtype not in ("class", "exception"):
        return
    for fields in [n for n in contentnode if isinstance(n, nodes.field_list)]:
        fields.children = [f for f in fields.children if f[0].astext() != "rtype"]
        if not fields.children:
            contentnode.remove(fields)


def setup(app: Any) -> dict[str, Any]:
    """
    Register the five adjustments with Sphinx.
    """
    app.connect("missing-reference", _resolve)
    app.connect("object-description-transform", _no_class_return, priority=600)
    app.connect("autodoc-process-docstring", _data_docstring, priority=300)
    app.connect("autodoc-process-docstring", _no_fields_list, priority=300)
    # Before napoleon's own handler, which runs at the default priority of 500.
    app.connect("autodoc-process-docstring", _no_inline_type, priority=400)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
