"""Bounded memory in the grouping step: the parent holds grouping keys, not every file's full result.

While the article groups are merged, the full per-file results (``Variant`` objects with their
entries, mentions and document) must be on disk (cache entries or the spill file), loaded one
group at a time.  The test counts the ``Variant`` objects alive each time a group is merged: with
every result held in memory it would be the number of files.
"""

from __future__ import annotations

import gc
import importlib

import pytest

from digestparse.align import Variant
from digestparse.batch import BatchOptions, run_batch
from tests.test_batch_support import outputs, write_digests

FILES = 40
SHAPE = {"entries": 3, "paragraphs": 1}
convert_module = importlib.import_module("digestparse.convert")  # the package exports a function of that name


def _live_variants() -> int:
    return sum(1 for obj in gc.get_objects() if isinstance(obj, Variant))


@pytest.fixture
def live_at_merge(monkeypatch):
    """The most ``Variant`` objects alive at any group merge of the runs made with it."""
    seen = []
    merge = convert_module.merge_group

    def counting_merge(group):  # noqa: ANN001, ANN202
        seen.append(_live_variants())
        return merge(group)

    monkeypatch.setattr(convert_module, "merge_group", counting_merge)
    return seen


@pytest.mark.parametrize("cache_writable", [True, False], ids=["from-cache", "spilled"])
def test_grouping_holds_one_group_of_results_at_a_time(tmp_path, monkeypatch, live_at_merge, cache_writable):
    archive = tmp_path / "archive"
    write_digests(archive, 0, FILES, **SHAPE)  # every file its own article (its own source URL)
    reference = tmp_path / "reference"
    run_batch(archive, reference, BatchOptions(workers=1, use_cache=False))
    live_at_merge.clear()
    if not cache_writable:
        monkeypatch.setattr("digestparse.batch.cache.Cache.put", lambda self, key, blob: False)
    out = tmp_path / "out"
    result = run_batch(archive, out, BatchOptions(workers=1))
    assert result.summary.articles == FILES and len(live_at_merge) == FILES
    assert max(live_at_merge) <= 2, f"{max(live_at_merge)} variants alive while merging one group"
    assert outputs(out) == outputs(reference)
    assert not list((out / ".cache").glob("spill-*")), "the spill file is removed after the run"
    if cache_writable:  # a re-run that must rebuild the output reads the results back from the cache,
        live_at_merge.clear()  # one group at a time
        (out / "papers.jsonl").unlink()
        again = run_batch(archive, out, BatchOptions(workers=1))
        assert again.stats.cached == FILES
        assert max(live_at_merge) <= 2
        assert outputs(out) == outputs(reference)


def test_in_memory_results_are_all_held(live_at_merge):
    """The check above can fail: ``build_records`` over in-memory results holds them all while merging."""
    from digestparse.convert import build_records, process_text
    from tests.test_batch_support import digest

    results = []
    for number in range(6):
        variant = process_text(digest(number, **SHAPE), f"post-{number}.md")
        results.append(convert_module.FileResult(
            convert_module.FileReport(path=f"post-{number}.md", status="ok"), variant))
    del variant
    build_records(results)
    assert max(live_at_merge) >= 6
