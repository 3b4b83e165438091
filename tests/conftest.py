from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# In CI the property tests explore the same examples on every run, so a red build is reproducible.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "fixtures" / "seeds"
CORPUS = ROOT.parent / "shared" / "corpus"

SEED_000 = SEEDS / "000_e0b0f9869ef2ad94.txt"
SEED_001 = SEEDS / "001_3cae63d3e1d6a8d1.txt"
SEED_002 = SEEDS / "002_99f2c18ff40ac442.txt"
SEED_003 = SEEDS / "003_36c17465d1e853d3.txt"
SEED_004 = SEEDS / "004_b6b74f1d2d75484e.txt"


@pytest.fixture(scope="session")
def seeds_result():
    """The whole pipeline run once over the bundled seeds (shared by many tests)."""
    from digestparse.convert import run

    return run(SEEDS)


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"archive sample not present at {CORPUS}")
    return CORPUS


def built_twice(main, tmp_path: Path, lines: list[str], *options: str) -> tuple[Path, Path]:
    """Run a table builder's ``main`` twice on a corpus of 700 files, enough that files remain
    outside both of the repair benchmark's samples of 300 (file ``i`` holds ``lines[i % n]`` and a
    line of its own), and check both tables are byte-identical; the first table and the corpus."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(700):
        (corpus / f"post_{i:03d}.md").write_text(lines[i % len(lines)] + f"\n第{i}行\n", encoding="utf-8")
    first, second = tmp_path / "a.tsv.gz", tmp_path / "b.tsv.gz"
    main([str(corpus), "--out", str(first), *options])
    main([str(corpus), "--out", str(second), *options])
    assert first.read_bytes() == second.read_bytes()
    return first, corpus
