"""Print who is in the group, who coordinates it, and what it has heard, by year."""

from collections import Counter

import wto_msme


def main() -> None:
    ds = wto_msme.load()
    ini = ds.initiative
    print(ini.group_name)
    count = ds.participant_count()  # today's, as the WTO counts: the EU and each of its member states
    print(f"{count} participants as the WTO counts them, as of {count.day} ({len(ds.members)} listed, the EU once)")
    print(f"  the group's page said {ini.participants_claimed} as of {ini.participation_as_of}")
    for term in ds.coordinators:
        print(f"  coordinator {term.name}: {term.start or 'unknown'} to {term.end or 'now'}")
    per_year = Counter(p.date.year for p in ds.presentations)
    for year in sorted(per_year):
        print(f"  {year}: {per_year[year]} presentations")


if __name__ == "__main__":
    main()
