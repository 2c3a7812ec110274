"""Seniority on the ways postings state a level (issue 13, item 4; taxonomy.md, "Seniority").

Hand-written cases in our own words: a role listed on its own line under a header,
"Manager" as a job name rather than people management, and years of experience asked
for, told apart from company history, ages, contract terms and time spans.
"""

from __future__ import annotations

import pytest

from jobradar.classifier.seniority import detect_seniority

FILLER = "We build tools for hospitals and care teams. " * 30  # 1,350 characters

CASES: list[tuple[str, str, str, str]] = [
    # (why, title, text, expected)
    (
        "the first role a post lists on its own line",
        "Acme Health | Hiring | Remote (EU)",
        "Acme Health | Hiring | Remote (EU)\n\n- Senior Backend Engineer | Berlin | Full-time\n"
        "- Product Designer | Remote",
        "senior",
    ),
    (
        "a numbered list of roles",
        "Orbit Labs | SF",
        "Orbit Labs | SF\n\nOpen roles:\n1. Staff Platform Engineer\n2. Data Analyst",
        "lead",
    ),
    (
        "the first role listed has no level: the next ones do not count",
        "Orbit Labs | SF",
        "Orbit Labs | SF\n\n- Backend Engineer\n- Senior Designer",
        "unspecified",
    ),
    (
        "a bullet that is a sentence names no role",
        "Data Engineer",
        "About the job\n- Work with senior engineers on our pipelines\n- Ship weekly",
        "unspecified",
    ),
    # "Manager" as a job name (taxonomy.md: decided by stated level or years)
    ("marketing manager", "Product Marketing Manager, SMB", "", "unspecified"),
    ("communications manager", "Internal Communications Manager", "", "unspecified"),
    ("account director", "Account Director, Startups", "", "unspecified"),
    ("a senior job-name manager is senior", "Senior Policy Manager, Frontier Risk", "", "senior"),
    ("engineering manager", "Engineering Manager, Inference", "", "manager"),
    ("manager of a function", "Manager, Solutions Architecture", "", "manager"),
    (
        "a job-name manager with people-manager words",
        "Product Manager, Head of Growth",
        "",
        "manager",
    ),
    # title words (taxonomy.md: title markers decide first; the stronger wins)
    ("an architect with no other marker", "Cloud Data Architect", "", "lead"),
    ("a senior architect is senior", "Senior Integration Architect", "", "senior"),
    ("a chip micro-architect names a job", "Power micro-architect", "", "unspecified"),
    ("a fellowship programme's fellow", "Climate Policy Fellow", "", "unspecified"),
    ("a distinguished fellow", "Distinguished Fellow, Compilers", "", "lead"),
    ("tech lead manager", "TLM, Ranking", "", "manager"),
    ("tech lead", "TL, Storage Systems", "", "lead"),
    ("a leader", "Payments Operations Leader", "", "lead"),
    ("principal misspelt", "Principle Backend Engineer", "", "lead"),
    ("principal member of technical staff", "Compiler PMTS", "", "lead"),
    ("senior member of technical staff", "SMTS, Query Engine", "", "senior"),
    ("medior is Dutch for mid-level", "Medior Frontend Developer", "", "mid"),
    ("early career", "Early-Career Data Engineer", "", "junior"),
    ("a market segment is not a level", "Mid-Market Sales Executive", "", "unspecified"),
    ("a head at the end of the title", "Analytics Practice Head", "", "manager"),
    ("words joined by underscores", "Risk_Analytics_Manager", "", "manager"),
    (
        "a bank's vice-president rank",
        "Payments - Java Developer - Vice President",
        "",
        "unspecified",
    ),
    ("a vice president of a function", "Vice President of Engineering", "", "manager"),
    ("a bank's product owner ranked VP", "Product Owner, Vice President", "", "unspecified"),
    ("a firm that manages assets", "Staff Data Engineer - Fund Managers", "", "lead"),
    # several roles in a pipe-separated title: the first listed decides (taxonomy.md, rule 7)
    (
        "the first of several roles",
        "Nimbus | Senior Backend Engineer, Staff Mobile Engineer | Remote",
        "",
        "senior",
    ),
    (
        "the first of several roles has no level",
        "Nimbus | QA Engineer + Senior Cloud Engineer | Remote",
        "",
        "unspecified",
    ),
    ("one role with two levels", "Nimbus | Senior/Staff Platform Engineer | NYC", "", "lead"),
    # a level the opening states for the role
    ("a position title line", "AI Engineer", "Position Title: Senior AI Engineer\n", "senior"),
    ("a designation line", "QA Automation", "Designation: Associate Consultant\n", "junior"),
    (
        "the job named with its level",
        "Data Scientist",
        "The Senior Data Scientist will own our forecasting models.",
        "senior",
    ),
    (
        "looking for a lead",
        "Data Engineer",
        "We're looking for a lead data/integrations engineer to own our pipelines.",
        "lead",
    ),
    # years of experience asked for
    (
        "years named as experience",
        "Data Engineer",
        "You have 4+ years of industry experience.",
        "mid",
    ),
    ("experience named first", "Data Engineer", "Experience: 3-5 years\nLocation: Pune", "mid"),
    ("a requirements lead", "Backend Engineer", "Reqs: 6+ yrs Go, Kafka, Postgres.", "senior"),
    ("half years", "ML Engineer", "Experience Range: 4.5-6 Years", "mid"),
    ("at least", "Analyst", "You bring at least 2 years in a data role.", "junior"),
    ("'4+ or more'", "Analyst", "Ideally 4+ or more years of post-qualification experience", "mid"),
    (
        "'yrs.' then experience",
        "Network Engineer",
        "Network Engineer\n4-6 yrs. experience with Cisco",
        "mid",
    ),
    (
        "'we are looking for' asks",
        "AI Deployment Engineer",
        "Requirements: We are looking for 3–5 years of experience in data engineering.",
        "mid",
    ),
    (
        "a level the employer is 'looking to hire'",
        "Data Engineer",
        "We are looking to hire a Senior Data Engineer to join our platform team.",
        "senior",
    ),
    (
        "a header naming no job: its post's first job (rule 7)",
        "Acme Robotics | Remote (EU) | Full-time",
        "Acme Robotics | Remote (EU) | Full-time\nOur next hire: Staff Backend Engineer, owning "
        "the fleet APIs. You have 3+ years of experience with Go.",
        "lead",
    ),
    (
        "'or more'",
        "ML Engineer",
        "Qualifications\n- 1 or more years of experience with Spark",
        "junior",
    ),
    (
        "years in a field",
        "Research Engineer",
        "You'll thrive with:\n- 7+ years in ML research",
        "senior",
    ),
    ("years of building", "AI Engineer", "Ideally 4+ years building LLM products", "mid"),
    (
        "company history",
        "Data Engineer",
        "We have been building payment rails for over 20 years of steady growth.",
        "unspecified",
    ),
    ("an age", "Data Engineer", "Applicants must be 18 years or older.", "unspecified"),
    (
        "a contract's term",
        "Data Engineer",
        "This is a 2 year contract with our client.",
        "unspecified",
    ),
    (
        "a time span",
        "Data Engineer",
        "The product grew tenfold in the past 3 years.",
        "unspecified",
    ),
    (
        "years asked for past the opening (taxonomy.md: the years asked for)",
        "Data Engineer",
        FILLER + "\nRequirements:\n- 5+ years of experience with Spark",
        "mid",
    ),
    (
        "company history past the opening",
        "Data Engineer",
        FILLER + "\nFounded in 1999, we have served clinics for 25 years of change.",
        "unspecified",
    ),
    (
        "up to some years: a range from none",
        "Web Engineer",
        "You have up to 5 years of experience.",
        "junior",
    ),
    ("runway", "Data Engineer", "We have 4+ years of runway.", "unspecified"),
    (
        "an age of the people served",
        "Psychologist",
        "A service for adults aged 18 years and over who experience anxiety.",
        "unspecified",
    ),
    ("an award in a row", "ML Engineer", "Voted a top workplace 8 years in a row.", "unspecified"),
    (
        "a company's experience",
        "Data Engineer",
        "We're a leader in retail with 25 years' experience, helping shoppers.",
        "unspecified",
    ),
    (
        "requirement lines of a job board, wherever they are",
        "Data Scientist",
        FILLER + "\nPython: 2 years (Required)\nSQL: 1 year (Preferred)",
        "junior",
    ),
    (
        "'we're looking for' asks for the years, as 'we are looking for' does",
        "Data Scientist",
        "We're looking for someone with 4-6 years of experience building forecasting models.",
        "mid",
    ),
    (
        "'we're' telling the company's story does not",
        "Data Scientist",
        "We're proud of 12 years of helping farmers plan their harvests.",
        "unspecified",
    ),
    (
        "the level the opening states, with the employer named after the job",
        "Data Engineer",
        "As a senior data engineer at Northwind, you will build our platform. 3+ years of Python.",
        "senior",
    ),
    (
        "the first role a post lists opens a line with what the job is",
        "Orbit Labs | Engineers (Python) | NYC | Full-time",
        "Orbit Labs | Engineers (Python) | NYC | Full-time\n\nWe build billing software.\n\n"
        "Senior Software Engineer: you'll own the ledger.\n\nJunior Software Engineer: you'll ship"
        " features weekly.",
        "senior",
    ),
    (
        "a hiring manager's name is no role listed",
        "Finance Analytics Engineer",
        "Team: Finance\nHiring Manager: Jo Bloggs\nBuild the reporting models of the group.",
        "unspecified",
    ),
    (
        "the level the opening states after 'as our new'",
        "BI Developer",
        "As our new Staff BI Developer, you will own reporting across the group.",
        "lead",
    ),
]


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [pytest.param(title, text, expected, id=why) for why, title, text, expected in CASES],
)
def test_seniority_as_postings_state_it(title: str, text: str, expected: str) -> None:
    assert detect_seniority(title, text) == expected
