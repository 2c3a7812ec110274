"""Hacker News "Ask HN: Who is hiring?" threads of the demo market, as Algolia serves them.

Each month has a thread, opened on the month's first weekday at 16:00 UTC, and its
comments come from a generator seeded by the month: many within hours, a tail over the
following weeks; a few posts list several openings, one is a job seeker's, some are
replies. On a replay day the thread search lists the threads opened by then,
and the newest thread's comments written by then are served, newest first, in pages.
"""

from __future__ import annotations

import html
import math
import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from jobradar.crawler.replay.demo.compose import LEVELS, draw_role, make_pay, pick, title_for
from jobradar.crawler.replay.demo.records import DemoResponse, Pay
from jobradar.crawler.replay.demo.roles import ML_ROLES, RoleText
from jobradar.crawler.replay.demo.shapes import dumps
from jobradar.crawler.replay.demo.text import COMPANIES, SCOPES_BY_HOME, Company, pay_text

MULTI_ROLE_POSTS = (1, 4)  # early posts that list several openings, so every day has some
PAGE_SIZE = 40  # hits per comments page, so that a thread spans pages as big ones do
THREADS_PATH = "/api/v1/search_by_date"
_HN_PLACES = {
    "US": "Remote (US)",
    "Americas": "REMOTE (US/Canada)",
    "Europe": "REMOTE (EU time zones)",
    "UK": "Remote (UK)",
    "Worldwide": "Remote, worldwide",
    "India": "Remote (India)",
}
_REPLIES = (
    "Is this open to candidates outside the listed region?",
    "Do you sponsor visas for this role?",
    "Applied last week. Friendly and quick process so far, thanks!",
    "The careers link seems to be broken for me.",
    "What does the interview process look like?",
)
_SEEKER = (
    "SEEKING WORK | ML engineer and data engineer | Lisbon or remote<p>Eight years of "
    "Python, PyTorch and Spark; happy to help with model training, pipelines or MLOps. "
    "Email in profile."
)


@dataclass(frozen=True)
class Post:
    """One top-level hiring comment and what it means."""

    object_id: int
    author: str
    created: datetime
    company: Company
    roles: tuple[RoleText, ...]
    header: str
    body: tuple[str, ...]  # paragraphs after the header, plain text
    mode: str
    pay: Pay | None

    @property
    def comment_html(self) -> str:
        paragraphs = [self.header, *self.body]
        link = f"https://{self.company.domain}/careers"
        escaped = [_escape(text) for text in paragraphs]
        anchor = f'<a href="{_escape(link)}" rel="nofollow">{_escape(link)}</a>'
        return "<p>".join([*escaped, f"Apply: {anchor}"])


def _escape(text: str) -> str:
    return html.escape(text, quote=True).replace("/", "&#x2F;")


def thread_start(year: int, month: int) -> datetime:
    """When the month's thread opens: its first weekday, 16:00 UTC."""
    first = date(year, month, 1)
    while first.weekday() >= 5:
        first += timedelta(days=1)
    return datetime.combine(first, time(16, 0), UTC)


def story_id(year: int, month: int) -> int:
    return 20_000_000 + ((year - 2020) * 12 + month - 1) * 350_000 + 71


def _month_of(day: date) -> tuple[int, int]:
    """The month of the newest thread open on `day` (the previous one before it opens)."""
    year, month = day.year, day.month
    if thread_start(year, month).date() > day:
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return year, month


def _offset(rng: random.Random) -> timedelta:
    """How long after the thread opens a post comes: most within hours, a tail for weeks."""
    hours = rng.choices(((0.05, 8), (8, 48), (48, 168), (168, 576)), (40, 25, 20, 15))[0]
    return timedelta(minutes=int(rng.uniform(*hours) * 60))


def _place_fields(company: Company, mode: str, scope: str | None) -> list[str]:
    """The header's place and work-mode fields, the way posters write them."""
    if mode == "remote":
        return [_HN_PLACES[scope or "US"]]
    word = {"hybrid": "Hybrid", "onsite": "ONSITE", "unknown": "Full-time"}[mode]
    return [company.place.label, word]


def _currency(company: Company, scope: str | None) -> str:
    if scope in {"US", "Americas", "Worldwide"}:
        return "USD"
    return {"Europe": "EUR", "UK": "GBP", "India": "INR"}.get(scope or "", company.place.currency)


def _post(rng: random.Random, object_id: int, created: datetime, *, several: bool) -> Post:
    """A company's hiring post; `several`: it lists more than one opening."""
    company = rng.choice(COMPANIES)
    roles: tuple[RoleText, ...] = (draw_role(company, rng),)
    if several:  # the first opening listed is the post's primary role
        roles += tuple(rng.sample(ML_ROLES, 2)[: rng.randint(1, 2)])
    level = pick(rng, LEVELS[:3])
    titles = [title_for(role, level if n == 0 else "mid", rng, in_list=several)
              for n, role in enumerate(roles)]  # fmt: skip
    mode = pick(rng, (("remote", 60), ("hybrid", 18), ("onsite", 14), ("unknown", 8)))
    scope = pick(rng, SCOPES_BY_HOME[company.place.currency]) if mode == "remote" else None
    currency = _currency(company, scope)
    fields = [company.name, ", ".join(titles), *_place_fields(company, mode, scope)]
    body = [f"{company.name} {company.pitch}.", rng.choice(roles[0].about)]
    if several:
        body.append(f"We are also hiring: {', '.join(titles[1:])}.")
    pay = None
    if not roles[0].sales and rng.random() < 0.65:  # sales posts on HN rarely state base pay
        pay = make_pay(roles[0], level, currency, "year", drift=1.0, rng=rng)
    if pay is not None and rng.random() < 0.6:
        fields.append(pay_text(pay, rng) + rng.choice(("", " + equity")))
    elif pay is not None and several:  # one range per opening: the first is the post's pay
        other = make_pay(roles[1], "mid", currency, "year", drift=1.0, rng=rng)
        body.append(
            f"Salary: {pay_text(pay, rng)} for the {titles[0]} role and "
            f"{pay_text(other, rng)} for the {titles[1]} role."
        )
    elif pay is not None:
        body.append(f"Salary: {pay_text(pay, rng)}, plus equity and benefits.")
    body.append(f"Our stack: {', '.join(rng.sample(roles[0].skills, 4))}.")
    if rng.random() < 0.4:
        body.append(f"We raised ${rng.choice((8, 20, 35))}M last year and are growing the team.")
    return Post(
        object_id=object_id,
        author=f"{company.token.split('-')[0]}_hiring",
        created=created,
        company=company,
        roles=roles,
        header=" | ".join(fields),
        body=tuple(body),
        mode=mode,
        pay=pay,
    )


@dataclass(frozen=True)
class Thread:
    story: int
    title: str
    created: datetime
    posts: tuple[Post, ...]
    hits: tuple[dict[str, Any], ...]  # every comment hit, posts, replies and seekers alike


def thread(year: int, month: int, seed: int) -> Thread:
    """A month's thread and all of its comments, whenever they were written."""
    rng = random.Random(f"{seed}:hn:{year}:{month}")  # noqa: S311 (a seeded demo)
    start = thread_start(year, month)
    story = story_id(year, month)
    title = f"Ask HN: Who is hiring? ({start:%B %Y})"
    moments = sorted(start + _offset(rng) for _ in range(rng.randint(50, 58)))
    posts = tuple(
        _post(
            rng,
            story + 100 + index * 97 + rng.randint(0, 90),
            moment,
            several=index in MULTI_ROLE_POSTS or rng.random() < 0.08,
        )
        for index, moment in enumerate(moments)
    )
    hits = [
        _hit(post.object_id, post.author, post.created, post.comment_html,
             parent=story, story=story, title=title)
        for post in posts
    ]  # fmt: skip
    for number in range(rng.randint(8, 12)):
        parent = rng.choice(posts)
        when = parent.created + timedelta(minutes=rng.randint(10, 3000))
        hits.append(
            _hit(story + 20_000 + number, f"reader{number}", when, _escape(rng.choice(_REPLIES)),
                 parent=parent.object_id, story=story, title=title)
        )  # fmt: skip
    seeker_time = start + timedelta(hours=3)
    hits.append(
        _hit(
            story + 60, "open_to_work", seeker_time, _SEEKER, parent=story, story=story, title=title
        )
    )
    return Thread(story, title, start, posts, tuple(hits))


def _hit(
    object_id: int,
    author: str,
    created: datetime,
    text: str,
    *,
    parent: int,
    story: int,
    title: str,
) -> dict[str, Any]:
    stamp = created.strftime("%Y-%m-%dT%H:%M:%SZ")
    return {
        "_tags": ["comment", f"author_{author}", f"story_{story}"],
        "author": author,
        "comment_text": text,
        "created_at": stamp,
        "created_at_i": int(created.timestamp()),
        "objectID": str(object_id),
        "parent_id": parent,
        "story_id": story,
        "story_title": title,
        "updated_at": stamp,
    }


def current_thread(day: date, seed: int) -> Thread:
    return thread(*_month_of(day), seed)


def posts_on(day: date, seed: int) -> list[Post]:
    """The hiring posts of the newest thread written by the end of `day`."""
    return [post for post in current_thread(day, seed).posts if post.created.date() <= day]


def responses(day: date, seed: int) -> list[DemoResponse]:
    """The thread search and every page of the newest thread's comments."""
    current = current_thread(day, seed)
    year, month = _month_of(day)
    stories = []
    for back in range(4):
        y, m = (year, month - back) if month - back >= 1 else (year - 1, month - back + 12)
        stories += _stories(y, m)
    listing = {
        "hits": sorted(stories, key=lambda hit: -hit["created_at_i"]),
        "hitsPerPage": 50,
        "nbHits": len(stories),
        "nbPages": 1,
        "page": 0,
        "params": "tags=story%2Cauthor_whoishiring&hitsPerPage=50",
        "query": "",
    }
    query = {"tags": "story,author_whoishiring"}
    served = [DemoResponse("hackernews", THREADS_PATH, query, dumps(listing))]
    hits = sorted(
        (hit for hit in current.hits if hit["created_at"][:10] <= day.isoformat()),
        key=lambda hit: -hit["created_at_i"],
    )
    pages = max(1, math.ceil(len(hits) / PAGE_SIZE))
    for page in range(pages):
        body = {
            "hits": hits[page * PAGE_SIZE : (page + 1) * PAGE_SIZE],
            "hitsPerPage": PAGE_SIZE,
            "nbHits": len(hits),
            "nbPages": pages,
            "page": page,
            "params": f"tags=comment%2Cstory_{current.story}&page={page}",
            "query": "",
        }
        page_query = {"tags": f"comment,story_{current.story}", "page": str(page)}
        served.append(DemoResponse("hackernews", THREADS_PATH, page_query, dumps(body)))
    return served


def _stories(year: int, month: int) -> list[dict[str, Any]]:
    """The month's three whoishiring stories: hiring, wanting to be hired, freelancers."""
    start = thread_start(year, month)
    titles = (
        f"Ask HN: Who is hiring? ({start:%B %Y})",
        f"Ask HN: Who wants to be hired? ({start:%B %Y})",
        f"Ask HN: Freelancer? Seeking freelancer? ({start:%B %Y})",
    )
    stories = []
    for number, title in enumerate(titles):
        story = story_id(year, month) + number * 2
        stamp = start.strftime("%Y-%m-%dT%H:%M:%SZ")
        stories.append(
            {
                "_tags": ["story", "author_whoishiring", f"story_{story}", "ask_hn"],
                "author": "whoishiring",
                "created_at": stamp,
                "created_at_i": int(start.timestamp()),
                "num_comments": 0,
                "objectID": str(story),
                "points": 300 - 100 * number,
                "story_id": story,
                "title": title,
                "updated_at": stamp,
            }
        )
    return stories
