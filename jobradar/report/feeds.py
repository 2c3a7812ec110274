"""An Atom feed per role of the listings first seen lately, written with the report.

Entries say what we know of a listing in our own words (employer, work mode, seniority,
yearly pay) and link to the posting; no posting text is copied into a feed.
"""

from __future__ import annotations

from pathlib import Path

from feedgen.feed import FeedGenerator

from jobradar.classifier.taxonomy import ROLE_SLUGS
from jobradar.report.data import FEED_DAYS, Report
from jobradar.report.formats import feed_path
from jobradar.store.market import NewListing

FEED_ID = "urn:jobradar:feed:"


def _summary(listing: NewListing) -> str:
    low, high = listing.annual_usd_min, listing.annual_usd_max
    if low is not None and high is not None and low != high:
        pay = f"${low:,.0f}–${high:,.0f} a year"
    elif low is not None or high is not None:
        pay = f"${(low if low is not None else high):,.0f} a year"
    else:
        pay = "pay not stated"
    parts = [listing.company or "employer not named", listing.remote_type, listing.seniority, pay]
    return " · ".join(parts)


def role_feed(report: Report, role: str) -> bytes:
    """The Atom document of `role`'s new listings (newest first)."""
    feed = FeedGenerator()
    feed.id(f"{FEED_ID}{role}")
    feed.title(f"jobradar: new {report.role_name(role)} listings")
    feed.subtitle(
        f"Listings first seen in the {FEED_DAYS} days up to {report.day.isoformat()}. "
        f"{report.provenance}"
    )
    feed.author({"name": "jobradar"})
    feed.link(href=feed_path(role), rel="self")
    feed.language("en")
    listings = report.new_listings.get(role, [])
    feed.updated(max((item.first_seen for item in listings), default=report.generated_at))
    for listing in reversed(listings):  # feedgen puts the last added first
        entry = feed.add_entry()
        entry.id(f"{FEED_ID}{role}:listing:{listing.id}")
        entry.title(f"{listing.title} ({listing.company})" if listing.company else listing.title)
        if listing.url.startswith(("https://", "http://")):
            entry.link(href=listing.url, rel="alternate")
        entry.content(_summary(listing), type="text")  # Atom needs content when no link
        entry.published(listing.first_seen)
        entry.updated(listing.first_seen)
    return feed.atom_str(pretty=True)


def write_feeds(report: Report, folder: Path) -> list[Path]:
    """`folder/feeds/<role>.atom` for every role; returns the paths."""
    written = []
    for role in ROLE_SLUGS:
        path = folder / feed_path(role)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(role_feed(report, role))
        written.append(path)
    return written
