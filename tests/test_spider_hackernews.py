"""Hacker News: the newest "Who is hiring?" thread, its top-level comments only, paged."""

from __future__ import annotations

import json

import pytest

from jobradar.classifier.corpus import Corpus
from jobradar.crawler.spiders.hackernews import HackernewsSpider, header_line
from tests.conftest import recorded, run_spider

pytestmark = pytest.mark.data

THREADS = (
    "https://hn.algolia.com/api/v1/search_by_date?tags=story,author_whoishiring&hitsPerPage=50"
)


def test_the_newest_monthly_thread_is_chosen() -> None:
    body = recorded("/api/v1/search_by_date?tags=story,author_whoishiring")
    items, _, spider = run_spider(HackernewsSpider, body, THREADS, callback="parse_threads")
    assert items == []
    [request] = spider.follow_requests
    assert "tags=comment,story_47975571" in request.url
    assert "page=0" in request.url
    assert request.cb_kwargs == {
        "story": "47975571",
        "page": 0,
        "thread": "Ask HN: Who is hiring? (May 2026)",
    }


def test_a_thread_list_without_hiring_threads_is_malformed() -> None:
    body = recorded(
        "hn/hn_algolia_search_stories_ask-hn-who-is-hiring_2026-08-01_hitsPerPage3_job_hunt.json"
    )
    data = json.loads(body)
    data["hits"] = [hit for hit in data["hits"] if "(" not in hit["title"]]
    _, stats, spider = run_spider(
        HackernewsSpider, json.dumps(data), THREADS, callback="parse_threads"
    )
    assert spider.follow_requests == []
    assert stats["jobradar/malformed"] == 1


def test_replies_are_not_listings() -> None:
    body = recorded(
        "hn/hn_algolia_search_comments_story_48747976_july2026_hitsPerPage6_job_hunt.json"
    )
    hits = json.loads(body)["hits"]
    items, stats, _ = run_spider(
        HackernewsSpider,
        body,
        "https://hn.algolia.com/api/v1/search_by_date?tags=comment,story_48747976&page=0",
        story="48747976",
        thread="Ask HN: Who is hiring? (July 2026)",
    )
    top_level = [hit for hit in hits if str(hit["parent_id"]) == "48747976"]
    assert [item["source_id"] for item in items] == [hit["objectID"] for hit in top_level]
    assert stats["jobradar/skipped_records"] == len(hits) - len(top_level)


def test_a_comment_maps_to_the_whole_item_with_its_header_as_title(corpus: Corpus) -> None:
    body = recorded("/api/v1/search_by_date?tags=comment,story_47975571&page=0")
    hit = next(h for h in json.loads(body)["hits"] if h["objectID"] == "48027869")
    # The corpus holds the same comment, its first line read by another project: a header
    # "Company | Role | Place | Pay" whose first field names the company.
    header = corpus.posting("hn:48027869")["title"]
    company = header.split(" | ")[0]
    assert header.count(" | ") == 3
    items, _, spider = run_spider(
        HackernewsSpider,
        body,
        "https://hn.algolia.com/api/v1/search_by_date?tags=comment,story_47975571&page=0",
        story="47975571",
        page=0,
        thread="Ask HN: Who is hiring? (May 2026)",
    )
    item = next(i for i in items if i["source_id"] == "48027869")
    assert item == {
        "source": "hackernews",
        "source_id": "48027869",
        "url": "https://news.ycombinator.com/item?id=48027869",
        "title": header,
        "company": company,
        "description": hit["comment_text"],
        "description_format": "html",
        "posted_at": hit["created_at_i"],
        "source_record": {
            "thread": "Ask HN: Who is hiring? (May 2026)",
            **{key: value for key, value in hit.items() if key != "comment_text"},
        },
    }
    [next_page] = spider.follow_requests
    assert "page=1" in next_page.url


def test_the_header_is_the_first_line_as_text() -> None:
    assert header_line('Acme &#x2F; Co | ML Engineer | <a href="x">acme.com</a><p>We build') == (
        "Acme / Co | ML Engineer | acme.com"
    )
