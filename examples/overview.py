"""Print who is in the group, who coordinates it, and what it has heard, by year."""

from collections import Counter

import wto_msme


def main() -> None:
    ds = wto_msme.load()
    ini = ds.initiative
    print(ini.group_name)
    print(f"{ini.participants_claimed} participants as of {ini.participation_as_of}; {len(ds.members)} listed")
    for term in ds.coordinators:
        print(f"  coordinator {term.name}: {term.start or 'unknown'} to {term.end or 'now'}")
    per_year = Counter(p.date.year for p in ds.presentations)
    for year in sorted(per_year):
        print(f"  {year}: {per_year[year]} presentations")


if __name__ == "__main__":
    main()
