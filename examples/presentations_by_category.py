"""
Print how many presentations the group heard in each category, year by year.
"""

from collections import Counter

import wto_msme


def main() -> None:
    ds = wto_msme.load()
    groups = ds.presentations.by_category()
    years = sorted({p.date.year for p in ds.presentations})

    width = max(len(c.value) for c in groups)
    print(f"{'Category':<{width}}  " + "  ".join(f"{y:>4}" for y in years) + "  Total")
    for category, presentations in groups.items():
        per_year = Counter(p.date.year for p in presentations)
        cells = "  ".join(f"{per_year[y]:>4}" for y in years)
        print(f"{category.value:<{width}}  {cells}  {len(presentations):>5}")
    per_year = Counter(p.date.year for p in ds.presentations)
    print(
        f"{'All':<{width}}  "
        + "  ".join(f"{per_year[y]:>4}" for y in years)
        + f"  {len(ds.presentations):>5}"
    )


if __name__ == "__main__":
    main()
