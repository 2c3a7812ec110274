"""Hacker News "Ask HN: Who is hiring?" through the Algolia search API.

Source: the monthly "Who is hiring?" thread posted by the user `whoishiring` on Hacker
    News; every top-level comment is one company's hiring post.
Endpoint: https://hn.algolia.com/api/v1/search_by_date?tags=story,author_whoishiring to
    find the newest thread, then
    https://hn.algolia.com/api/v1/search_by_date?tags=comment,story_{id}&hitsPerPage=1000&page=N
Terms: the HN Algolia API is public; comments belong to their authors and link back to
    news.ycombinator.com. One thread a month: polled once a day.
Caveats: replies and meta-comments are mixed in with the posts — only comments whose
    parent is the thread are listings; a post's first line is its header ("Company | Role |
    Place | REMOTE | $pay"), used as the title; one post may name several roles (the first
    is the primary role); job seekers' posts ("SEEKING") are not listings; `comment_text`
    is HN's HTML subset and long link texts are cut ("…"), so URLs come from `href`.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import AsyncIterator, Iterator
from typing import Any

import scrapy
from scrapy.http import Response

from jobradar.crawler.items import ListingFields
from jobradar.crawler.spiders.bases.json_api import MAPPING_ERRORS
from jobradar.crawler.spiders.bases.listing import ListingSpider

_THREAD_TITLE = re.compile(r"^Ask HN: Who is hiring\? \((?P<month>\w+ \d{4})\)$")
_FIRST_LINE = re.compile(r"<p>|\n")
_TAGS = re.compile(r"<[^>]+>")
_MAX_HEADER = 300


def header_line(comment_html: str) -> str:
    """The first line of a comment as text ("Acme | ML Engineer | Remote | $150k")."""
    first = _FIRST_LINE.split(comment_html, maxsplit=1)[0]
    return " ".join(html.unescape(_TAGS.sub(" ", first)).split())[:_MAX_HEADER]


class HackernewsSpider(ListingSpider):
    name = "hackernews"
    endpoint = (
        "https://hn.algolia.com/api/v1/search_by_date?tags=story,author_whoishiring&hitsPerPage=50"
    )
    comments_endpoint = "https://hn.algolia.com/api/v1/search_by_date?tags=comment,story_{story}&hitsPerPage=1000&page={page}"
    attribution_url = "https://news.ycombinator.com"
    terms_url = "https://hn.algolia.com/api"
    polling_limit = "once a day"
    max_requests = 30

    async def start(self) -> AsyncIterator[scrapy.Request]:
        yield scrapy.Request(self.url(self.endpoint), callback=self.parse_threads)

    def parse_threads(self, response: Response) -> Iterator[scrapy.Request]:
        try:
            hits = json.loads(response.text)["hits"]
            threads = [h for h in hits if _THREAD_TITLE.match(h.get("title") or "")]
        except (ValueError, *MAPPING_ERRORS) as exc:
            self.malformed(response, f"no thread list: {exc!r}")
            return
        if not threads:
            self.malformed(response, "no 'Ask HN: Who is hiring?' thread among the hits")
            return
        newest = max(threads, key=lambda hit: int(hit.get("created_at_i") or 0))
        story = str(newest["objectID"])
        yield self._comments(story, 0, newest["title"])

    def _comments(self, story: str, page: int, title: str) -> scrapy.Request:
        return scrapy.Request(
            self.url(self.comments_endpoint.format(story=story, page=page)),
            callback=self.parse,
            cb_kwargs={"story": story, "page": page, "thread": title},
        )

    def parse(
        self, response: Response, story: str = "", page: int = 0, thread: str = ""
    ) -> Iterator[Any]:
        try:
            data = json.loads(response.text)
            hits = data["hits"]
        except (ValueError, *MAPPING_ERRORS) as exc:
            self.malformed(response, f"no comments: {exc!r}")
            return
        self.count("pages")
        for hit in hits:
            text = hit.get("comment_text") or ""
            if str(hit.get("parent_id")) != story or not text.strip():
                self.count("skipped_records")  # a reply, or a deleted comment
                continue
            header = header_line(text)
            if header.upper().startswith(("SEEKING", "SEEKING WORK", "FREELANCER")):
                self.count("skipped_records")  # a job seeker, not a listing
                continue
            try:
                yield self.map(hit, header, thread)
            except MAPPING_ERRORS as exc:
                self.bad_record(response, f"comment does not fit: {exc!r}")
        if page + 1 < int(data.get("nbPages") or 0):
            yield self._comments(story, page + 1, thread)

    def map(self, hit: dict[str, Any], header: str, thread: str) -> ListingFields:
        fields = [field.strip() for field in header.split("|")]
        return self.listing(
            source_id=str(hit["objectID"]),
            url=f"https://news.ycombinator.com/item?id={hit['objectID']}",
            title=header or thread,
            company=fields[0] if len(fields) > 1 and fields[0] else None,
            description=hit.get("comment_text") or "",
            description_format="html",
            posted_at=hit.get("created_at_i") or hit.get("created_at"),
            source_record={
                "thread": thread,
                **{
                    key: value
                    for key, value in hit.items()
                    if key not in {"comment_text", "_highlightResult"}
                },
            },
        )
