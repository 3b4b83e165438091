"""Robustness on the real archive sample (skipped when ../shared/corpus is absent)."""

from __future__ import annotations

import pytest

from digestparse.convert import process_file, run


def test_ecml_sections_restart_numbering(corpus_dir):
    result = run(corpus_dir / "neptuneai" / "ecml-pkdd-2020-research.md")
    assert len(result.papers) == 59
    first_of_sections = [p for p in result.papers if p.index == 1]
    assert len(first_of_sections) >= 10
    assert result.papers[0].section == {"zh": "强化学习"}
    assert all(any(link.role == "paper" for link in p.links) for p in result.papers)
    assert len({p.id for p in result.papers}) == 59


@pytest.mark.parametrize(
    "name, arxiv",
    [
        ("review-perceiver.md", "2103.03206"),
        ("review-vicreg-variance-invariance-covariance-regularization-for-self-supervised-learning.md", "2105.04906"),
        ("ai-research-review-multistream-cnn.md", "2005.10470"),
    ],
)
def test_single_paper_reviews(corpus_dir, name, arxiv):
    result = run(corpus_dir / "assemblyai" / name)
    assert [a.kind for a in result.articles] == ["review"]
    assert [p.ids.arxiv for p in result.papers] == [arxiv]


def test_sample_runs_and_reports_every_file(corpus_dir):
    files = sorted(corpus_dir.rglob("*.md"))[::25]
    results = [process_file(path, corpus_dir) for path in files]
    assert len(results) == len(files)
    assert all(r.report.status in ("ok", "repaired") for r in results)
    # Most posts are not digests: the sample must not be flooded with paper records.
    entries = sum(r.report.entries for r in results)
    assert entries < 2 * len(files)
