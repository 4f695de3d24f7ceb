"""Tests for wto_msme.enums."""

from __future__ import annotations

import wto_msme
from wto_msme.enums import Category, Subcategory


def test_enums_keep_the_source_order():
    """The categories come in the order the list of presentations gives them."""

    assert [
        "Implementation of the December 2020 Package",
        "Innovation",
        "Intellectual Property Tools",
        "Low-value shipments",
        "MSME Provisions in Regional Trade Agreements (RTAs)",
        "MSME Financing",
        "Sustainability",
        "Trade Facilitation",
        "Cyber-Readiness",
        "Digital",
        "Other Topics",
    ] == [c.value for c in wto_msme.enums.Category]


def test_subcategories_stay_under_their_category(ds):
    """Grouping by category keeps the Cross-border Payments presentations under MSME Financing."""

    groups = ds.presentations.by_category()

    assert 4 == sum(p.subcategory is Subcategory.CROSS_BORDER_PAYMENTS for p in groups[Category.FINANCING])
