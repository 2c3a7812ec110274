"""Every spider: it loads, documents its source, and parses its recording into valid items."""

from __future__ import annotations

import re

import pytest

from jobradar.crawler.items import ListingItem
from jobradar.crawler.registry import spider_classes
from jobradar.crawler.spiders.bases.listing import ListingSpider
from tests.conftest import recorded, run_spider
from tests.spider_fixtures import FIXTURES

SECTIONS = ("Source:", "Endpoint:", "Terms:", "Caveats:")
SPIDERS = sorted(spider_classes())


def test_every_source_type_is_a_spider() -> None:
    assert set(SPIDERS) == {
        "remoteok",
        "remotive",
        "himalayas",
        "jobicy",
        "hackernews",
        "greenhouse",
        "lever",
        "ashby",
        "jobposting",
        "weworkremotely",
    }


@pytest.mark.parametrize("name", SPIDERS)
def test_the_spider_loads_and_is_named_after_its_module(name: str) -> None:
    spider = spider_classes()[name]
    assert issubclass(spider, ListingSpider)
    assert spider.__module__ == f"jobradar.crawler.spiders.{name}"
    assert spider.__name__ == f"{name.capitalize()}Spider"


@pytest.mark.parametrize("name", SPIDERS)
def test_the_module_docstring_has_the_fixed_sections(name: str) -> None:
    module = __import__(f"jobradar.crawler.spiders.{name}", fromlist=["x"])
    doc = module.__doc__ or ""
    positions = [doc.find(section) for section in SECTIONS]
    assert all(p > 0 for p in positions), f"{name}: missing one of {SECTIONS}"
    assert positions == sorted(positions), f"{name}: sections out of order"


@pytest.mark.parametrize("name", SPIDERS)
def test_the_spider_states_its_terms(name: str) -> None:
    spider = spider_classes()[name]
    assert re.match(r"https?://", spider.attribution_url)
    assert spider.polling_limit


@pytest.mark.data
@pytest.mark.parametrize("name", SPIDERS)
def test_the_spider_parses_its_recording_into_valid_items(name: str) -> None:
    assert name in FIXTURES, f"add a recorded response for {name} to tests/spider_fixtures.py"
    relative, url, kwargs = FIXTURES[name]
    items, stats, _ = run_spider(spider_classes()[name], recorded(relative), url, **kwargs)
    assert len(items) >= 1
    for item in items:
        ListingItem.model_validate(item)
    assert not stats.get("jobradar/malformed")
