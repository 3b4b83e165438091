"""Inputs generated for the batch tests: small synthetic digests and bad files."""

from __future__ import annotations

import random
from pathlib import Path

OUTPUTS = ("papers.jsonl", "articles.jsonl", "report.json")

_WORDS = ("neural", "graph", "attention", "learning", "sparse", "robust", "optimal", "transport", "diffusion",
          "contrastive", "kernel", "gradient", "bayesian", "inference", "scalable", "networks", "models")


def digest(number: int, entries: int = 6, paragraphs: int = 3) -> str:
    """A Markdown digest post with numbered paper entries, different for every ``number``."""
    rng = random.Random(number)
    lines = [f"# The {entries} best papers of workshop {number}", "",
             f"Source: [the original post](https://blog.example.org/digest-{number})", ""]
    for k in range(1, entries + 1):
        title = " ".join(rng.choice(_WORDS).capitalize() for _ in range(6))
        lines += [f"### {k}. {title}", "",
                  f"**TL;DR:** {' '.join(rng.choice(_WORDS) for _ in range(18))}.", "",
                  f"[Paper](https://arxiv.org/abs/2101.{number % 10000:04d}{k}) | "
                  f"[Code](https://github.com/lab{number}/repo{k})", ""]
        for _ in range(paragraphs):
            lines += [" ".join(rng.choice(_WORDS) for _ in range(60)) + ".", ""]
    return "\n".join(lines)


def write_digests(folder: Path, start: int, count: int, **shape: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(start, start + count):
        path = folder / f"d{number // 100:02d}" / f"post-{number:04d}.md"
        path.parent.mkdir(exist_ok=True)
        path.write_text(digest(number, **shape), encoding="utf-8")
        paths.append(path)
    return paths


def outputs(out: Path, names: tuple[str, ...] = OUTPUTS) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in names}
