"""Print who is in the group, who coordinates it, and what it has heard, by year."""

from collections import Counter

import wto_msme


def main() -> None:
    ds = wto_msme.load()
    ini = ds.initiative
    print(ini.group_name)
    # Today's count, as the WTO counts: the European Union and each of its members.
    count = ds.participant_count()
    listed = len(ds.members)
    print(f"{count} participants as the WTO counts them, as of {count.day}")
    print(f"  {listed} listed, the European Union once")
    said, when = ini.participants_claimed, ini.participation_as_of
    print(f"  the group's page said {said} in {when}")
    for term in ds.coordinators:
        start, end = term.start or "unknown", term.end or "now"
        print(f"  coordinator {term.name}: {start} to {end}")
    per_year = Counter(p.date.year for p in ds.presentations)
    for year in sorted(per_year):
        print(f"  {year}: {per_year[year]} presentations")


if __name__ == "__main__":
    main()
