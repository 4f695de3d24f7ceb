"""
The command line: ``python -m wto_msme`` (or ``wto-msme``).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from ._data import load
from ._model import Dataset

__all__ = ["main"]


def overview(ds: Dataset) -> str:
    """
    Return a plain-text overview of the group from *ds*.
    """
    ini = ds.initiative
    current = next((t for t in ds.coordinators if t.end is None), None)
    members = {m.id: m for m in ds.members}
    lines = [
        ini.group_name,
        "=" * len(ini.group_name),
        f"Status: {ini.status}",
        f"Established: {ini.established} (Joint Ministerial Statement, MC11)",
        f"Participants: {ini.participants_claimed} of {ini.wto_members_claimed} WTO Members"
        f" as of {ini.participation_as_of}, {ini.world_exports_share} of world exports;"
        f" {len(ds.members)} listed, the European Union counted once",
    ]
    if current is not None:
        lines.append(f"Coordinator: {current.name} ({members[current.member].name}) since {current.start}")
    lines.append("")
    lines.append("The December 2020 package:")
    lines.extend(f"  Annex {r.annex}: {r.title}" for r in ds.recommendations)
    lines.append("")
    lines.append(
        f"Records: {len(ds.presentations)} presentations, {len(ds.news)} news items,"
        f" {len(ds.publications)} publications, {len(ds.declarations)} declaration(s),"
        f" {len(ds.documents)} WTO documents, {len(ds.wto_members)} WTO Members."
    )
    lines.append(f"Data version {ds.version}, current to {ds.current_to}.")
    return "\n".join(lines)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="wto-msme",
        description="The WTO Informal Working Group on MSMEs, from the bundled data.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser("overview", help="print an overview of the group (the default)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """
    Run the command line with *argv* (default: ``sys.argv[1:]``) and return the exit status.
    """
    args = _parser().parse_args(argv)
    if args.command in (None, "overview"):
        sys.stdout.write(overview(load()) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
