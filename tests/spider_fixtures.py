"""One recorded response per spider, with the public URL it answers and the callback context."""

from __future__ import annotations

from typing import Any

# spider name → (recording, public URL, keyword arguments of the callback)
FIXTURES: dict[str, tuple[str, str, dict[str, Any]]] = {
    "remoteok": (
        "remoteok/remoteok_api_2026-03-17_resume-helper.json",
        "https://remoteok.com/api",
        {},
    ),
    "remotive": (
        "remotive/remotive_api_2026-07-18_all.json",
        "https://remotive.com/api/remote-jobs",
        {},
    ),
    "himalayas": (
        "himalayas/himalayas_jobs_api_2026-07-10_trimmed-snapshot_remote-jobs-collector.json",
        "https://himalayas.app/jobs/api?limit=20&offset=0",
        {"context": {"page": 1}},
    ),
    "jobicy": (
        "jobicy/jobicy_v2_remote-jobs_2026-07-10_trimmed-snapshot_remote-jobs-collector.json",
        "https://jobicy.com/api/v2/remote-jobs?count=100",
        {},
    ),
    "hackernews": (
        "/api/v1/search_by_date?tags=comment,story_47975571&page=1",
        "https://hn.algolia.com/api/v1/search_by_date?tags=comment,story_47975571&hitsPerPage=1000&page=1",
        {"story": "47975571", "page": 1, "thread": "Ask HN: Who is hiring? (May 2026)"},
    ),
    "greenhouse": (
        "greenhouse/greenhouse_gitlab_jobs_content_2026-08-15_3items_BreteAI.json",
        "https://boards-api.greenhouse.io/v1/boards/gitlab/jobs?content=true",
        {"context": {"board": "gitlab"}},
    ),
    "lever": (
        "lever/lever_spotify_postings_2026-08-01_4items_job_hunt.json",
        "https://api.lever.co/v0/postings/spotify?mode=json",
        {"context": {"board": "spotify"}},
    ),
    "ashby": (
        "ashby/ashby_linear_job-board_2026-04-19_19items_plytools.json",
        "https://api.ashbyhq.com/posting-api/job-board/linear?includeCompensation=true",
        {"context": {"board": "linear"}},
    ),
    "jobposting": (
        "jsonld_html/builtinsf_lumaai_tpm-research_8638596_2026-06.html",
        "https://www.builtinsf.com/job/technical-program-manager-research/8638596",
        {},
    ),
    "weworkremotely": (
        "weworkremotely/wwr_remote-devops-sysadmin-jobs_rss_2022-11-08_wwr-stats-collector.rss",
        "https://weworkremotely.com/categories/remote-devops-sysadmin-jobs.rss",
        {"feed": "https://weworkremotely.com/categories/remote-devops-sysadmin-jobs.rss"},
    ),
}
