"""Regression tests against the reviewed expected outputs in fixtures/expected/.

Any change of any output field fails here.  After a deliberate change, regenerate with

    python -m pytest tests/test_golden.py --snapshot-update

and review the diff of fixtures/expected/ before committing it.
"""

from __future__ import annotations

import pytest
from syrupy.extensions.json import JSONSnapshotExtension
from syrupy.filters import props

from tests.conftest import ROOT


class FixtureJSON(JSONSnapshotExtension):
    """Keep the snapshots beside the fixtures they belong to, as readable JSON."""

    @classmethod
    def dirname(cls, *, test_location) -> str:
        return str(ROOT / "fixtures" / "expected")


@pytest.fixture
def golden(snapshot):
    return snapshot.use_extension(FixtureJSON)


ARTICLES = {
    "iclr-2020": "seeds 000 + 001 + 002: one article in three variants",
    "iclr-2021": "seed 003",
    "four-deep-learning-papers": "seed 004",
}


@pytest.mark.parametrize("key", sorted(ARTICLES))
def test_article(seeds_result, golden, key):
    article = next(a for a in seeds_result.articles if a.article_id.startswith(key))
    papers = [p for p in seeds_result.papers if p.article_id == article.article_id]
    data = {"article": article.model_dump(mode="json"), "papers": [p.model_dump(mode="json") for p in papers]}
    # The character-level repair spans are tested in tests/test_repair*.py; here only what the repair concluded.
    assert data == golden(exclude=props("spans", "unresolved"))


def test_report(seeds_result, golden):
    assert [r.model_dump(mode="json") for r in seeds_result.reports] == golden
