"""One recorded response per spider, with the public URL it answers and the callback context."""

from __future__ import annotations

from typing import Any

# spider name → (recording, public URL, keyword arguments of the callback)
FIXTURES: dict[str, tuple[str, str, dict[str, Any]]] = {
    "remoteok": ("remoteok/api_2026-03-17.json", "https://remoteok.com/api", {}),
    "remotive": (
        "remotive/remote-jobs_2026-07-18.json",
        "https://remotive.com/api/remote-jobs",
        {},
    ),
    "himalayas": (
        "himalayas/jobs_2026-07-10.json",
        "https://himalayas.app/jobs/api?limit=20&offset=0",
        {"context": {"page": 1}},
    ),
    "jobicy": (
        "jobicy/remote-jobs_2026-07-10.json",
        "https://jobicy.com/api/v2/remote-jobs?count=100",
        {},
    ),
    "hackernews": (
        "hn/comments_47975571_page1.json",
        "https://hn.algolia.com/api/v1/search_by_date?tags=comment,story_47975571&hitsPerPage=1000&page=1",
        {"story": "47975571", "page": 1, "thread": "Ask HN: Who is hiring? (May 2026)"},
    ),
    "greenhouse": (
        "greenhouse/gitlab_2026-08-15.json",
        "https://boards-api.greenhouse.io/v1/boards/gitlab/jobs?content=true",
        {"context": {"board": "gitlab"}},
    ),
    "lever": (
        "lever/spotify_2026-08-01.json",
        "https://api.lever.co/v0/postings/spotify?mode=json",
        {"context": {"board": "spotify"}},
    ),
    "ashby": (
        "ashby/linear_2026-04-19.json",
        "https://api.ashbyhq.com/posting-api/job-board/linear?includeCompensation=true",
        {"context": {"board": "linear"}},
    ),
    "jobposting": (
        "jsonld/builtinsf_lumaai_8638596.html",
        "https://www.builtinsf.com/job/technical-program-manager-research/8638596",
        {},
    ),
    "weworkremotely": (
        "weworkremotely/devops-sysadmin_2022-11-08.rss",
        "https://weworkremotely.com/categories/remote-devops-sysadmin-jobs.rss",
        {"feed": "https://weworkremotely.com/categories/remote-devops-sysadmin-jobs.rss"},
    ),
}
