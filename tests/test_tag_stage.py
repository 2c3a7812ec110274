"""The tag stage and the store's writes: tags recomputed only where stale, written only
where they change, and a re-crawl of an unchanged market writing no listing row."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select, text, update
from sqlalchemy.orm import Session

from jobradar.classifier.annotate import EXTRACTOR_VERSION
from jobradar.classifier.roles import TrainedRoleModel, load_role_model
from jobradar.scheduler import stages
from jobradar.store.engine import open_store
from jobradar.store.listings import count_stale, upsert_listings
from jobradar.store.models import Listing
from jobradar.store.types import utc_now
from tests.conftest import jobradar


@pytest.fixture(scope="module")
def shipped() -> TrainedRoleModel:
    return load_role_model()


def _row(source_id: str, **columns: Any) -> dict[str, Any]:
    return {
        "source": "remoteok",
        "source_id": source_id,
        "url": "https://example.com/job",
        "title": "Senior MLOps Engineer",
        "description_text": "Kubeflow pipelines.",
        "content_hash": f"hash-{source_id}",
        **columns,
    }


def _listing(engine: Engine, source_id: str) -> Listing:
    with Session(engine) as session:
        return session.scalars(select(Listing).where(Listing.source_id == source_id)).one()


def test_the_tag_stage_recomputes_what_other_versions_derived_and_leaves_current_rows(
    engine: Engine, shipped: TrainedRoleModel
) -> None:
    upsert_listings(
        engine,
        [
            _row(
                "old",
                description_text="Remote (US). $150,000 - $180,000 per year. Kubernetes, MLflow.",
                extractor_version="x-0",
            ),
            _row("current", title="Recruiter"),
        ],
        utc_now(),
    )
    with Session(engine) as session, session.begin():  # tagged by today's code: untouched
        session.execute(
            update(Listing)
            .where(Listing.source_id == "current")
            .values(
                role="data-platform",
                classifier_version=shipped.version,
                extractor_version=EXTRACTOR_VERSION,
                tagged_hash=Listing.content_hash,
            )
        )
        session.execute(
            update(Listing)
            .where(Listing.source_id == "old")
            .values(role="other", classifier_version="title-rules-0")
        )
    assert count_stale(engine, shipped.version, EXTRACTOR_VERSION) == 1
    assert stages.tag(engine, shipped, batch=1) == 1
    assert stages.tag(engine, shipped) == 0
    old, current = _listing(engine, "old"), _listing(engine, "current")
    assert (old.role, old.seniority, old.remote_type) == ("mlops", "senior", "remote")
    assert (old.salary_min, old.salary_max, old.annual_usd_min) == (150000, 180000, 150000)
    assert {"Kubernetes", "MLflow"} <= set(old.skills)
    assert old.classifier_version == shipped.version
    assert old.tagged_hash == old.content_hash
    assert 0 < old.role_confidence <= 1
    assert current.role == "data-platform"  # already current: not recomputed


def test_listings_the_crawl_just_extracted_get_their_role_only(
    engine: Engine, shipped: TrainedRoleModel
) -> None:
    # As the crawl stores them: extractors current, no role yet. What the crawl's steps
    # derived stays as it is (a re-extraction would find no salary in this text).
    upsert_listings(
        engine,
        [
            _row(
                "fresh",
                seniority="senior",
                skills=["Kubeflow"],
                salary_min=150000,
                salary_currency="USD",
                salary_period="year",
                extractor_version=EXTRACTOR_VERSION,
            )
        ],
        utc_now(),
    )
    assert _listing(engine, "fresh").role is None  # untagged, not a placeholder role
    assert stages.tag(engine, shipped) == 1
    fresh = _listing(engine, "fresh")
    assert (fresh.role, fresh.classifier_version) == ("mlops", shipped.version)
    assert (fresh.salary_min, fresh.seniority, fresh.skills) == (150000, "senior", ["Kubeflow"])


def test_a_changed_listing_keeps_its_role_until_the_tag_stage_reads_it_again(
    engine: Engine, shipped: TrainedRoleModel
) -> None:
    now = utc_now()
    upsert_listings(engine, [_row("a", extractor_version=EXTRACTOR_VERSION)], now)
    stages.tag(engine, shipped)
    changed = _row(
        "a",
        title="Recruiter, Technical",
        description_text="Hire engineers.",
        content_hash="hash-a-2",
        extractor_version=EXTRACTOR_VERSION,
    )
    result = upsert_listings(engine, [changed], now + timedelta(days=1))
    assert result.updated == 1
    between = _listing(engine, "a")
    assert (between.title, between.role) == ("Recruiter, Technical", "mlops")  # the last read
    assert count_stale(engine, shipped.version, EXTRACTOR_VERSION) == 1
    stages.tag(engine, shipped)
    assert _listing(engine, "a").role == "other"


@pytest.mark.postgres
def test_an_unchanged_re_crawl_writes_no_listing_row_on_postgresql(
    postgres_url: str, shipped: TrainedRoleModel
) -> None:
    engine = open_store(postgres_url)
    with engine.begin() as connection:
        connection.execute(
            text(
                "CREATE TABLE updates_seen (n integer);"
                "CREATE FUNCTION count_update() RETURNS trigger AS $$ BEGIN "
                "INSERT INTO updates_seen VALUES (1); RETURN NEW; END $$ LANGUAGE plpgsql;"
                "CREATE TRIGGER listings_updated AFTER UPDATE ON listings "
                "FOR EACH ROW EXECUTE FUNCTION count_update();"
            )
        )
    _crawl_twice_and_count(engine, shipped, "SELECT count(*) FROM updates_seen")


def test_an_unchanged_re_crawl_writes_no_listing_row_on_sqlite(
    sqlite_url: str, shipped: TrainedRoleModel
) -> None:
    engine = open_store(sqlite_url)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE updates_seen (n integer)"))
        connection.execute(
            text(
                "CREATE TRIGGER listings_updated AFTER UPDATE ON listings "
                "BEGIN INSERT INTO updates_seen VALUES (1); END"
            )
        )
    _crawl_twice_and_count(engine, shipped, "SELECT count(*) FROM updates_seen")


def _crawl_twice_and_count(engine: Engine, model: TrainedRoleModel, counter: str) -> None:
    rows = [
        _row(str(n), title=title, extractor_version=EXTRACTOR_VERSION)
        for n, title in enumerate(["MLOps Engineer", "Data Engineer", "Recruiter"] * 40)
    ]
    first = utc_now()
    upsert_listings(engine, rows, first)
    stages.tag(engine, model)
    stages.dedupe(engine)
    with engine.connect() as connection:
        before = connection.execute(text(counter)).scalar_one()
    again = upsert_listings(engine, rows, first + timedelta(days=1))
    assert (again.new, again.updated, again.unchanged) == (0, 0, len(rows))
    assert stages.tag(engine, model) == 0
    stages.dedupe(engine)
    with engine.connect() as connection:
        assert connection.execute(text(counter)).scalar_one() == before


def test_reclassify_command_reports_what_it_re_tagged(sqlite_url: str, tmp_path: Path) -> None:
    upsert_listings(open_store(sqlite_url), [_row("1", title="ML Platform Engineer")], utc_now())
    result = jobradar("reclassify", "--db", sqlite_url, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "re-tagged 1 listings" in result.stdout
    again = jobradar("reclassify", "--db", sqlite_url, cwd=tmp_path)
    assert "re-tagged 0 listings" in again.stdout
