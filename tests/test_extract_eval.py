"""Extraction quality on the labelled dev set must not drop below the recorded scores.

The recorded scores live in fixtures/devset/scores.json; after an improvement, record the new ones with

    python bench/extract_eval.py --json fixtures/devset/scores.json
"""

from __future__ import annotations

import importlib.util
import io
import json
import sys

from tests.conftest import ROOT


def _load_eval():
    spec = importlib.util.spec_from_file_location("extract_eval", ROOT / "bench" / "extract_eval.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_scores_do_not_drop(corpus_dir):
    extract_eval = _load_eval()
    recorded = json.loads((ROOT / "fixtures" / "devset" / "scores.json").read_text())
    total, per_article = extract_eval.evaluate(corpus_dir, out=io.StringIO())
    scores = total.summary()
    for name, value in recorded["overall"].items():
        assert scores[name] >= value - 1e-9, (name, scores[name], value)
    for path, article in recorded["articles"].items():
        assert per_article[path]["entry_f1"] >= article["entry_f1"] - 1e-9, path
