"""Remote type on the ways postings state where the work is done (issue 13, item 4).

Hand-written cases in our own words (taxonomy.md, "Remote type"): some days in an
office is hybrid whatever "ONSITE" or "Remote" is said with it, unless remote is
offered outright; on site in a named place is onsite; job boards' work-mode fields and
tags count; "hybrid" in another sense and temporary remote work do not.
"""

from __future__ import annotations

import pytest

from jobradar.classifier.remote import detect_work_mode

ADZUNA_PAGE = (
    "Data Engineer\n❮ back to last search\n\nNorthwind Ltd\n\nLeeds\n\nContract\n\nNEWREMOTE\n\n"
    "Apply for this job\nWe build data pipelines for retailers."
)

CASES: list[tuple[str, str, str, str]] = [
    # (why, title, text, expected)
    # some days in the office
    (
        "office days in a location line",
        "Data Engineer",
        "Location: San Francisco (3 days/week in the office).",
        "hybrid",
    ),
    (
        "ONSITE with its days in a header",
        "Acme | Staff Engineer | Austin, TX | ONSITE (3 days/week) | Full-time",
        "",
        "hybrid",
    ),
    (
        "days on site",
        "Data Engineer",
        "Location: London (2 days onsite)\nContract: 6 months",
        "hybrid",
    ),
    (
        "onsite with some days remote",
        "Acme | Amsterdam | Onsite (2 days remote OK) | Full-time",
        "",
        "hybrid",
    ),
    (
        "hybrid with its remote days in a header",
        "Acme | Engineering | Hybrid (2 days remote, 3 days in Boston) | Full-Time",
        "",
        "hybrid",
    ),
    ("remote days a week", "Analyst", "Benefits: remote working 2-3x/week, pension.", "hybrid"),
    (
        "office weekdays",
        "Designer",
        "We meet in the office on Tuesdays and Thursdays to plan together.",
        "hybrid",
    ),
    ("a share of remote work", "Architect", "Location: Leeds / London (80% remote)", "hybrid"),
    (
        "office days, or remote outright",
        "Data Engineer",
        "Two days a week in our Leeds office, or fully remote anywhere in the UK.",
        "remote",
    ),
    # on site in a named place
    ("on site in a city", "ML Engineer", "On-site in Austin, TX.", "onsite"),
    ("sit on site", "ML Engineer", "This position will sit onsite in Plano, TX.", "onsite"),
    ("in-office in a city", "Engineer", "All roles are in-office in Denver, CO.", "onsite"),
    (
        "a location line opening with Onsite",
        "Engineer",
        "6-month contract\n\nOnsite, Denver, CO\n",
        "onsite",
    ),
    (
        "temporary remote, then on site",
        "Engineer",
        "This role is remote to start, then onsite in Leeds once the team moves.",
        "onsite",
    ),
    # job boards' fields and tags
    (
        "an ATS telecommuting field",
        "Engineer",
        "Telecommuting Options:\n\nOnsite\n\nTravel: None",
        "onsite",
    ),
    ("LinkedIn's tag", "Engineer", "Great benefits.\n#LI-Onsite #LI-AB1", "onsite"),
    (
        "a tag weighed with the text's offer",
        "Engineer",
        "#BI-Hybrid\nWe allow fully-remote work in the following states: Ohio, Utah.",
        "remote",
    ),
    ("Adzuna's header tag", "Data Engineer", ADZUNA_PAGE, "remote"),
    # remote offered in other words
    (
        "an office or a remote location",
        "Engineer",
        "This role is available either in an office or a remote location.",
        "remote",
    ),
    (
        "remote negotiable under an ONSITE header",
        "Acme | Engineer | Lisbon | Full-time | ONSITE",
        "Send your CV. Remote positions are negotiable.",
        "remote",
    ),
    (
        "a hybrid model and working from anywhere",
        "Engineer",
        "Our team enjoys the flexibility of a hybrid model and working from anywhere.",
        "remote",
    ),
    # not a work mode
    (
        "hybrid security operations",
        "Security Lead",
        "The team runs our hybrid physical and information security operations.",
        "unknown",
    ),
    (
        "hybrid cloud strategies",
        "Infrastructure Engineer",
        "Design hybrid and multi-cloud strategies across on-premises sites.",
        "unknown",
    ),
    ("a place is no work mode", "Analyst", "Location: Leicester (head office)", "unknown"),
    # seen in an audit of unlabelled postings
    (
        "a work-model field of some days in the office",
        "Backend Engineer",
        "Our work model: Three days in-office.\nOn the other days, work remote or in the office.",
        "hybrid",
    ),
    (
        "remote work asked for as experience",
        "Data Engineer",
        "Nice to have: experience working remotely with a distributed team.",
        "unknown",
    ),
    (
        "other teams that are remote",
        "ML Engineer",
        "You will share results with local as well as remote teams in three countries.",
        "unknown",
    ),
    ("a remote team is still remote", "ML Engineer", "Join our fully remote team.", "remote"),
    # where the work is done, said in a few words
    (
        "home based, in a location line",
        "Data Engineer",
        "Location: Home based, UK (with the odd trip to our Leeds office)",
        "remote",
    ),
    (
        "home-based care is a kind of care",
        "Data Analyst",
        "We run home-based care services.",
        "unknown",
    ),
    (
        "office based, in a location line",
        "Data Analyst",
        "Location: Bristol (Full-Time, Office-Based) Salary: £32,000",
        "onsite",
    ),
    (
        "an office-based job",
        "Statistician",
        "We are seeking a full-time, office-based statistical analyst to join our team.",
        "onsite",
    ),
    (
        "five days in the office",
        "Data Analyst",
        "Leeds - Immediate start - 5 days in office.",
        "onsite",
    ),
    (
        "join us in our office",
        "Full-Stack Engineer",
        "We're hiring a founding engineer to join us in our Austin office.",
        "onsite",
    ),
]


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [pytest.param(title, text, expected, id=why) for why, title, text, expected in CASES],
)
def test_remote_type_as_postings_state_it(title: str, text: str, expected: str) -> None:
    assert detect_work_mode(title=title, text=text).remote_type == expected
