"""
Sphinx configuration of the wto_msme documentation.

The build is offline: no inventory is fetched, and references to the standard library
that cannot be resolved without one are named in ``nitpick_ignore_regex``. It documents the
package in ``src/`` of this checkout, and generates the data reference from that
package's bundled data (see ``_ext/data_pages.py``).
"""

from __future__ import annotations

import pathlib
import sys

DOCS = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(DOCS.parent / "src"))
sys.path.insert(0, str(DOCS / "_ext"))

import wto_msme  # noqa: E402 - after the path is set to this checkout

project = "wto_msme"
author = "The wto_msme contributors"
copyright = "The wto_msme contributors"
release = wto_msme.__version__
version = release

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.doctest",
    "data_pages",
    "optional_pages",
    "api_docs",
    "dates",
    "gallery",
]

source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "_ext", "reference/generated/_fragments/*"]

# --- MyST ------------------------------------------------------------------------------
myst_heading_anchors = 3

# --- Broken references fail the build (with sphinx-build -n -W) ----------------------------
# No inventory is fetched, so references into the standard library and the libraries
# below cannot be resolved: they are named here, and every other broken reference fails.
nitpicky = True
_LIBRARIES = {"attrs", "attr", "cattrs", "dateutil", "hypothesis", "pandas", "matplotlib"}
_OUTSIDE = sorted({*sys.stdlib_module_names, *_LIBRARIES})
nitpick_ignore_regex = [
    (r"py:.*", rf"(?:{'|'.join(_OUTSIDE)})(?:\..+)?"),
    # Names that annotations use without a module or under an alias: attrs' protocol,
    # pandas imported as pd, and matplotlib's Figure (type variables are resolved in api_docs).
    (r"py:class", r"AttrsInstance"),
    (r"py:class", r"pd\..+"),
    (r"py:class", r"Figure"),
]

# --- autodoc and napoleon ---------------------------------------------------------------
autodoc_typehints = "description"
autodoc_member_order = "bysource"
autodoc_typehints_description_target = "documented_params"
napoleon_google_docstring = True
napoleon_numpy_docstring = False

# --- doctest: `sphinx-build -b doctest` runs the {doctest} blocks of the pages --------------
# Each page is one namespace and imports what it uses, so a reader can copy it whole.
# The docstrings' examples need their module's names; the test suite runs them there
# (tests/test_docs.py), so the builder leaves plain ">>>" blocks alone.
doctest_test_doctest_blocks = ""

# --- HTML: furo, which gives code room; nothing fetched ------------------------------------
# wto_msme.css lets wide tables and code scroll inside the column and keeps dates whole.
html_theme = "furo"
html_static_path = ["_static"]
html_css_files = ["wto_msme.css"]
smartquotes = False  # the data's apostrophes are shown as the data holds them
html_title = f"wto_msme {release}"
html_copy_source = False
html_show_sourcelink = False
