"""
Print the timeline of participation: the members' joinings and the sources' counts.

Each participant joined on a known day, or between two known bounds, or by a known day.
Participants are grouped by what is known of when they joined. The count claims are
the number of participants the sources give on a date, as the WTO counts them (the
European Union and its 27 member states as 28); a claim that disagrees with the
member-level data is marked.
"""

from collections import defaultdict

import wto_msme
from wto_msme import PartialDate
from wto_msme.enums import ClaimSubject


def joined(j: wto_msme.Joining) -> tuple[PartialDate | None, str]:
    """Return the date to place a joining at on the timeline, and how to describe it."""
    if j.on is not None:
        return j.on, f"joined on {j.on}"
    if j.not_before is not None and j.not_after is not None:
        return j.not_after, f"joined between {j.not_before} and {j.not_after}"
    if j.not_after is not None:
        return j.not_after, f"had joined by {j.not_after}"
    if j.not_before is not None:
        return j.not_before, f"joined on or after {j.not_before}"
    return None, "joined on an unknown date"


def main() -> None:
    ds = wto_msme.load()
    names = {m.id: m.name for m in ds.wto_members}

    # The participants by when and how they joined, and the confidence in it.
    groups: dict[tuple[PartialDate | None, str, str], list[str]] = defaultdict(list)
    for m in ds.members:
        when, how = joined(m.joined)
        confidence = m.joined.confidence.value if m.joined.confidence else "not stated"
        groups[(when, how, confidence)].append(m.name)

    events: list[tuple[PartialDate, str]] = []
    for (when, how, confidence), members in groups.items():
        few = len(members) <= 3
        who = ", ".join(members) if few else f"{len(members)} participants"
        if when is not None:
            events.append((when, f"{who} {how} ({confidence} confidence)"))
    for c in ds.claims:
        if c.as_of is not None and c.subject is ClaimSubject.PARTICIPANTS:
            mark = {
                True: "",
                False: "  [disagrees with the member data]",
                None: "  [cannot be checked]",
            }[c.consistent]
            events.append((c.as_of, f"the sources count {c.count} participants{mark}"))

    print("Participation in the Informal Working Group on MSMEs")
    print()
    # A date known to the month or the year is placed at its end (a count "as of March
    # 2023" holds by the end of March); sorted() is stable, so on the same date the
    # joinings come before the count they make.
    for when, what in sorted(events, key=lambda e: (e[0].last_day, e[0].first_day)):
        print(f"{when!s:<10}  {what}")
    undated = [m for (when, _, _), ms in groups.items() if when is None for m in ms]
    if undated:
        print(f"{'undated':<10}  {', '.join(undated)}")

    eu_states = sum(m.eu_member_state for m in ds.wto_members)
    print()
    listed, page = len(ds.members), ds.initiative
    print(f"Now: {listed} participants listed, the European Union once; with its")
    print(f"{eu_states} member states, {ds.participant_count()} as the WTO counts them")
    said, when = page.participants_claimed, page.participation_as_of
    print(f"(the group's page said {said} in {when}).")
    sponsors = "; ".join(
        f"{names[s.member]} ({s.endorsed})"
        for s in ds.sponsors
        if not s.participant_then
    )
    print(f"Sponsored the December 2020 package without taking part then: {sponsors}.")


if __name__ == "__main__":
    main()
