"""
Write the names people give each WTO Member into the bundled data, as its aliases.

The names are the Unicode CLDR's English, French and Spanish names of the Member's
territory (its ISO 3166-1 alpha-2 code, or ``EU``), as Babel ships them. Run it from the
repository's root after installing the ``tools`` extra (``pip install -e .[tools]``)::

    python tools/cldr_names.py

For each record of ``wto_members.json`` the aliases become, in this order and without a
name that folds (case, accents, punctuation) to the WTO name or to one kept before it:

1. CLDR's name in English, French and Spanish; where one holds another name in
   parentheses ("Myanmar (Burma)"), that name on its own too, unless it names another
   territory ("RAE de Hong Kong (China)" gives no "China");
2. the aliases the participants' records give (``members.json``);
3. the few names written below by hand, each with a note on the record saying why.

CLDR's code for a territory is its ISO code, so "Taiwan" (TW) finds Chinese Taipei, "Hong
Kong SAR China" (HK) Hong Kong, China, and CLDR's region EU the European Union; the
territories that are no WTO Member (Kosovo, XK, among them) give nothing.

The record's evidence gets the CLDR source, whose record (its id holding CLDR's version)
is added to ``sources.json`` if it is not there. Running the script twice changes nothing.
"""

from __future__ import annotations

import json
import pathlib
import re
import sys
from typing import Any

from babel import Locale, __version__
from babel.core import get_cldr_version

from wto_msme._text import fold

DATA = pathlib.Path(__file__).resolve().parent.parent / "src" / "wto_msme" / "data"
LANGUAGES = ("en", "fr", "es")

#: Names CLDR gives as alternative forms (alt="short" or alt="variant" in its English
#: file), which Babel leaves out, and common abbreviations CLDR does not give. Each is
#: (the WTO Member's id, the name, why it is added): the reason goes into a note.
BY_HAND: tuple[tuple[str, str, str], ...] = (
    ("civ", "Ivory Coast", "CLDR's English alternative (variant) name for CI, which Babel does not ship."),
    ("swz", "Swaziland", "CLDR's English alternative (variant) name for SZ, which Babel does not ship."),
    ("cod", "Congo (DRC)", "CLDR's English alternative (variant) name for CD, which Babel does not ship."),
    ("cog", "Congo (Republic)", "CLDR's English alternative (variant) name for CG, which Babel does not ship."),
    ("hkg", "Hong Kong", "CLDR's English alternative (short) name for HK, which Babel does not ship."),
    ("mac", "Macao", "CLDR's English alternative (short) name for MO, which Babel does not ship."),
    ("tur", "Turkey", "CLDR's English alternative (variant) name for TR, which Babel does not ship."),
    ("are", "UAE", "A common abbreviation of the United Arab Emirates that CLDR does not give."),
    ("cod", "DRC", "A common abbreviation of the Democratic Republic of the Congo that CLDR does not give."),
)

_HAND_NOTE = "Alias added by hand: "
_PARENTHESES = re.compile(r"^(.*?)\s*\(([^()]+)\)$")


def cldr_names(code: str) -> list[str]:
    """Return CLDR's names of territory *code* in each language, with the names in parentheses."""
    names = []
    for language in LANGUAGES:
        territories = Locale.parse(language).territories
        name = territories.get(code)
        if name is None:
            continue
        names.append(name)
        inner = _PARENTHESES.match(name)
        others = {fold(n) for c, n in territories.items() if c != code}
        if inner is not None:
            names.extend(part for part in inner.groups() if fold(part) not in others)
    return names


def source_record() -> dict[str, Any]:
    """Return the Source record of the CLDR version Babel ships."""
    version = get_cldr_version()
    return {
        "id": f"CLDR-{version}",
        "title": (
            f"Unicode CLDR {version}, territory display names in English, French and Spanish "
            f"(as shipped by Babel {__version__})"
        ),
        "url": f"https://cldr.unicode.org/downloads/cldr-{version}",
        "kind": "reference",
    }


def aliases(record: dict[str, Any], participant: dict[str, Any] | None) -> list[str]:
    """Return the aliases of a WTO Member's *record*, given its participant's record if any."""
    code = code_of(record)
    candidates = cldr_names(code) if code else []
    candidates += participant["aliases"] if participant else []
    candidates += [name for id_, name, _ in BY_HAND if id_ == record["id"]]
    kept: dict[str, str] = {fold(record["name"]): record["name"]}
    for name in candidates:
        kept.setdefault(fold(name), name)
    return list(kept.values())[1:]


def update(record: dict[str, Any], participant: dict[str, Any] | None, source: str) -> dict[str, Any]:
    """Return *record* with its aliases, its evidence and its notes on hand-written aliases brought up to date."""
    names = aliases(record, participant)
    provenance = dict(record["provenance"])
    evidence = [e for e in provenance["evidence"] if not e.startswith("CLDR-")]
    provenance["evidence"] = [*evidence, source] if code_of(record) else evidence
    notes = [n for n in provenance["notes"] if not n["text"].startswith(_HAND_NOTE)]
    for id_, name, why in BY_HAND:
        if id_ == record["id"] and name in names:
            from_cldr = why.startswith("CLDR")
            notes.append(
                {
                    "kind": "completion",
                    "field": "aliases",
                    "text": f"{_HAND_NOTE}{name!r}. {why}",
                    "original": None,
                    "evidence": [source] if from_cldr else [],
                    "confidence": "high",
                }
            )
    provenance["notes"] = notes
    result = {k: v for k, v in record.items() if k not in ("aliases", "provenance")}
    # The aliases follow the ISO codes, as in a participant's record.
    ordered: dict[str, Any] = {}
    for key, value in result.items():
        ordered[key] = value
        if key == "iso_numeric":
            ordered["aliases"] = names
    ordered["provenance"] = provenance
    return ordered


def code_of(record: dict[str, Any]) -> str | None:
    """Return the CLDR territory code of a WTO Member's *record*."""
    return record["iso_alpha2"] or ("EU" if record["id"] == "eu" else None)


def main() -> int:
    """Rewrite ``wto_members.json`` and, if needed, ``sources.json``; print what changed."""
    wto_file, members_file, sources_file = (DATA / f"{n}.json" for n in ("wto_members", "members", "sources"))
    wto = json.loads(wto_file.read_text("utf-8"))
    participants = {m["id"]: m for m in json.loads(members_file.read_text("utf-8"))}
    sources = json.loads(sources_file.read_text("utf-8"))
    source = source_record()
    sources = [s for s in sources if not s["id"].startswith("CLDR-")] + [source]
    updated = [update(r, participants.get(r["id"]), source["id"]) for r in wto]
    for path, value in ((wto_file, updated), (sources_file, sources)):
        path.write_text(json.dumps(value, ensure_ascii=False, indent=2) + "\n", "utf-8")
    print(f"{sum(len(r['aliases']) for r in updated)} aliases of {len(updated)} WTO Members from {source['id']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
