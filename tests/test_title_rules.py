"""The title rules: which role a title names outright, and which of its jobs comes first.

Titles have the shapes of real ones (Hacker News header lines, job-board titles): the
job titles are the common ones boards use; companies, places and links are invented.
"""

from __future__ import annotations

import pytest

from jobradar.classifier.rules import role_from_title
from jobradar.classifier.taxonomy import ROLES, Role
from jobradar.classifier.titles import first_role_title, with_job_named_in_text


@pytest.mark.parametrize(
    ("title", "first"),
    [
        # A header line: the company and the place are not the job.
        (
            "Ferncastle | Senior Software Engineer | Duluth, MN | ONSITE | Full-time",
            "Senior Software Engineer",
        ),
        (
            "Tideway Ores | Remote (USA) | Full-time | Senior Infrastructure Engineer | $165k",
            "Senior Infrastructure Engineer",
        ),
        # Links in the header are not words of the title.
        (
            'Pebblequest AI (<a href="https://www.pebblequest.example/">'
            "https://www.pebblequest.example/</a>)"
            " | Staff Computer Vision Architect | Remote",
            "Staff Computer Vision Architect",
        ),
        # A list of jobs: the first one.
        (
            "QuillfernAI | Software Engineer, Team lead, AI engineer | REMOTE (EU)",
            "Software Engineer",
        ),
        ("Larchwood Risk | Backend + Data Engineer | Bay Area", "Backend + Data Engineer"),
        (
            "Glimmerdeck | Senior Infrastructure Engineer, Applied AI Engineer | NYC",
            "Senior Infrastructure Engineer",
        ),
        # A spaced "/" lists jobs too; an unspaced one joins two names of one job.
        (
            "Tillerpoint | Senior/Staff Software Engineer - Infrastructure, Machine Learning / "
            "Senior Software Engineer - Full Stack | Boise, ID (Hybrid)",
            "Senior/Staff Software Engineer - Infrastructure, Machine Learning",
        ),
        ("Data Scientist / ML Engineer", "Data Scientist"),
        ("AI / ML Engineer", "AI / ML Engineer"),
        # One job whose title has a comma or an "and" of its own.
        ("Lead, Decision Scientist", "Lead, Decision Scientist"),
        ("Staff BI and Data Engineer", "Staff BI and Data Engineer"),
        ("Software Engineer, Inference", "Software Engineer, Inference"),
        # Separators inside brackets do not list jobs, and a bracketed list names skills.
        (
            "Brasq.dev | Founding Engineers (Infrastructure, Applied AI), Growth, GTM | Halifax",
            "Founding Engineers, Growth, GTM",
        ),
        ("Lead Data Scientist (CV, DL, MLOps, LLM)", "Lead Data Scientist"),
        ("ML Engineer (AWS SageMaker)", "ML Engineer (AWS SageMaker)"),
        # A board title whose first field is the job.
        ("Data Engineer | 4 to 9 Years | Bangalore & Pune", "Data Engineer"),
        ("", ""),
    ],
)
def test_the_first_job_a_title_lists(title: str, first: str) -> None:
    assert first_role_title(title) == first


@pytest.mark.parametrize(
    ("title", "role"),
    [
        # Two fields sharing one job noun: the first named decides (taxonomy rule 7).
        ("Data Scientist / ML Engineer", "data-scientist"),
        ("Entry Level Data/ML Engineer (Remote)", "data-platform"),
        ("Lead ML & AI Engineer", "ml-engineer"),
        ("Gen AI/ML Engineer", "ai-engineer"),
        ("Machine Learning/AI Engineer", "ml-engineer"),
        ("Data & Machine Learning Scientist", "data-scientist"),
        ("Principal Machine Learning and Data Science Engineer", "ml-engineer"),
        # A generic first job leaves the role to the description.
        ("Larchwood Risk | Backend + Data Engineer | Bay Area, Austin", None),
        ("Pallettown.com | Fullstack & Research Engineers | Sacramento, CA | Hybrid", None),
        # "AI/ML" is one field by convention.
        ("Senior AI/ML Engineer", "ml-engineer"),
        ("AI / Machine Learning Engineer NLP / LLM", "ml-engineer"),
        # A narrower infrastructure role wins wherever it stands.
        ("Data & MLOps Engineer", "mlops"),
        ("Machine Learning Engineer, Inference", "model-serving"),
        # In a data scientist's title, inference is statistical.
        ("Data Scientist - Experimentation & Inference", "data-scientist"),
        ("Causal Inference Lead, Pricing", None),
        # An architect of AI systems, whichever part of the stack the title names.
        ("Intelligent Automation - Conversational AI Platform Architect", "ai-architect"),
        ("Solutions Architect, Applied AI (Startups)", "ai-architect"),
        ("AI Innovation Technical Solutions Consultant, Cirrusfield Cloud", "ai-architect"),
        ("Data Architect", "data-platform"),
        ("Solution Architect, Cirrusfield Cloud Platform (Gatewise)", None),
        ("Machine Learning Operations Consultant", "mlops"),
        # Securing AI systems, and the red teams that attack models.
        ("AI Platform Security Engineer", "ai-security"),
        ("Research Engineer,  Frontier Red Team (Autonomy)", "ai-security"),
        ("Red Team Engineer, Safeguards", "ai-security"),
        ("Red Team Operator", None),
        # Analysts of data by another name are data analysts; business functions' are not.
        ("Senior Product Analyst, Reelhaven+ Stream", "data-scientist"),
        ("Data Insights & Analytics Analyst", "data-scientist"),
        ("Analyst 4, Data Analytics", "data-scientist"),
        ("Power BI Task Management Analyst", "data-scientist"),
        ("Mis Analyst/Power BI", "data-scientist"),
        ("Financial Analyst, Cirrusfield Cloud", None),
        ("Senior Business Analyst", None),
        # Managers take the role of the team they lead (rule 2); a software engineer
        # "in" machine learning is an ML engineer.
        ("ML Engineering Manager", "ml-engineer"),
        ("Engineering Manager, Machine Learning", "ml-engineer"),
        ("Machine Learning Manager", "ml-engineer"),
        ("Acme | Senior MLE | Remote (EU)", "ml-engineer"),
        ("Robotics Co | MLEs & Perception Engineers | Boston", "ml-engineer"),
        ("Simple Engineer", None),
        ("Java Spark Developer - Chennai", "data-platform"),
        ("Senior ETL / Talend Developer - Fintech", "data-platform"),
        ("Databricks Engineer", "data-platform"),
        ("Software Engineer - Machine Learning & Data Science", "ml-engineer"),
        ("Senior Software Engineer - Data Science and Machine Learning", "ml-engineer"),
        ("Software Engineer in ML Engineering Platform", "ml-platform"),
        ("Artificial Intelligence Engineer", "ai-engineer"),
        ("Machine Learning Systems Engineer, Research Tools", "ml-infrastructure"),
        # The first job of a list, not a later one.
        ("QuillfernAI | Software Engineer, Team lead, AI engineer | REMOTE (EU)", None),
        ("KettleData | Principal ML Engineer, Principal Product Engineer | Remote", "ml-engineer"),
        # Teaching or recruiting for a role is not doing it.
        ("Data Engineer Trainer", "other"),
        ("Technical Recruiter, Machine Learning", "other"),
        ("Training Infrastructure Engineer", "ml-infrastructure"),
        ("Sr ML Training Engineer", "ml-infrastructure"),
        (
            "Tillerpoint | Senior/Staff Software Engineer - Infrastructure, Machine Learning"
            " / Senior Software Engineer - Full Stack | NYC",
            "ml-infrastructure",
        ),
        # Accelerator hardware, not a startup accelerator.
        ("Software Engineer, Accelerators", "gpu-cluster"),
        ("Engineering Lead, Northwind Labs Impact Accelerator", None),
        # Database, big data and MIS developers are data roles with no closer slug (rule 9).
        ("Tech Lead - Database Engineer", "data-platform"),
        ("Senior Software Engineer - Java, BigData, Distributed", "data-platform"),
        ("MIS Developer - Infrastructure Engineer II", "data-platform"),
        (
            "Lanternhall | Senior Software Engineer - Database Infrastructure | SF Bay Area",
            "data-platform",
        ),
        # Header lines name jobs in the plural.
        ("CobaltreedOS | Senior Agentic AI Engineers | Remote | Staffing", "ai-engineer"),
        ("Wrenlight (YC S25) is hiring AI engineers", "ai-engineer"),
        # Skills listed in brackets do not name the role; a cloud in the brackets does.
        ("Senior Data Scientist (AI, ML, CV, MLOps)", "data-scientist"),
        ("ML Engineer (AWS SageMaker)", "cloud-ml"),
        ("Software Engineer", None),
    ],
)
def test_the_role_a_title_names(title: str, role: str | None) -> None:
    assert role_from_title(title) == role


@pytest.mark.parametrize("role", ROLES, ids=lambda role: role.slug)
def test_no_rule_contradicts_the_taxonomys_typical_titles(role: Role) -> None:
    assert {role_from_title(title) for title in role.titles} <= {None, role.slug}


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        # a header line naming no job takes the first job its post names
        (
            "Quillfeather | Full-time | Lisbon | ONSITE",
            "Quillfeather | Full-time | Lisbon | ONSITE\nWe're hiring ML Infrastructure "
            "Engineers to run our training fleet.",
            "Quillfeather | Full-time | Lisbon | ONSITE | ML Infrastructure Engineers",
        ),
        (
            "Bluefin | Remote (EU) |",
            "Bluefin | Remote (EU) |\nOpen roles:\n- Senior Data Engineer\n- Designer",
            "Bluefin | Remote (EU) | | Senior Data Engineer",
        ),
        # a header that names its job, a plain title, or a post naming none: unchanged
        (
            "Quillfeather | MLOps Engineer | Remote",
            "Quillfeather | MLOps Engineer | Remote\nAlso hiring a Designer.",
            "Quillfeather | MLOps Engineer | Remote",
        ),
        ("Data Engineer", "We need a Senior Data Engineer.", "Data Engineer"),
        ("Northwind | Remote |", "Northwind | Remote |\nWe build boats.", "Northwind | Remote |"),
    ],
)
def test_a_header_naming_no_job_takes_the_first_its_post_names(
    title: str, text: str, expected: str
) -> None:
    assert with_job_named_in_text(title, text) == expected
