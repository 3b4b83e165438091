"""Evaluate entry extraction against the labelled development set (fixtures/devset/labels/).

    python bench/extract_eval.py [--corpus ../shared/corpus] [--json scores.json] [-v]

Each labelled article is converted on its own.  A predicted entry matches a labelled one when its
title is read from the labelled ``title_line``.  Printed per article and overall: entry precision,
recall and F1; the share of matched entries with the right paper URL, code URL and title; and the
confusion table of article kinds (digest / review / other).  Paper URLs are compared by canonical id
when both sides have one (an ``abs`` and a ``pdf`` arXiv link are the same paper).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LABELS = ROOT / "fixtures" / "devset" / "labels"
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
KINDS = ("digest", "review", "other")


@dataclass
class Scores:
    labelled: int = 0
    predicted: int = 0
    matched: int = 0
    paper_ok: int = 0
    code_ok: int = 0
    title_ok: int = 0
    confusion: dict[str, dict[str, int]] = field(default_factory=lambda: {k: dict.fromkeys(KINDS, 0) for k in KINDS})
    other_with_entries: list[str] = field(default_factory=list)

    def add(self, other: "Scores") -> None:
        for name in ("labelled", "predicted", "matched", "paper_ok", "code_ok", "title_ok"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for truth, row in other.confusion.items():
            for guess, count in row.items():
                self.confusion[truth][guess] += count
        self.other_with_entries.extend(other.other_with_entries)

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.labelled if self.labelled else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def share(self, name: str) -> float:
        return getattr(self, name) / self.matched if self.matched else 1.0

    def summary(self) -> dict[str, float]:
        return {
            "entry_precision": round(self.precision, 4),
            "entry_recall": round(self.recall, 4),
            "entry_f1": round(self.f1, 4),
            "paper_url_accuracy": round(self.share("paper_ok"), 4),
            "code_url_accuracy": round(self.share("code_ok"), 4),
            "title_accuracy": round(self.share("title_ok"), 4),
        }


def resolve(label_path: str, corpus: Path) -> Path:
    if label_path.startswith("seeds/"):
        return ROOT / "fixtures" / label_path
    return corpus / label_path


def _same_paper(predicted: str | None, expected: str | None) -> bool:
    from digestparse.fields.links import paper_ids, unwrap_archive

    if predicted is None or expected is None:
        return predicted == expected
    expected = unwrap_archive(expected)[0]
    if predicted.rstrip("/") == expected.rstrip("/"):
        return True
    a, b = paper_ids(predicted), paper_ids(expected)
    return any(getattr(a, key) and getattr(a, key) == getattr(b, key) for key in ("openreview", "arxiv", "doi"))


def _norm(text: str) -> str:
    return "".join(text.split()).replace("**", "")


def evaluate_article(label: dict, source: Path) -> Scores:
    from digestparse.convert import build_records, process_file

    result = build_records([process_file(source, source)])
    papers = result.papers
    kind = result.articles[0].kind if result.articles else "other"
    scores = Scores(labelled=len(label["entries"]), predicted=len(papers))
    scores.confusion[label["kind"]][kind] += 1
    if label["kind"] == "other" and papers:
        scores.other_with_entries.append(label["path"])
    by_line = {}
    for paper in papers:
        for name, where in paper.provenance.items():
            if name.startswith("title."):
                by_line[where.lines[0]] = (paper, paper.title[name.split(".", 1)[1]])
    for expected in label["entries"]:
        found = by_line.get(expected["title_line"])
        if not found:
            continue
        paper, title = found
        scores.matched += 1
        paper_url = next((link.url for link in paper.links if link.role == "paper"), None)
        code_url = next((link.url for link in paper.links if link.role == "code"), None)
        scores.paper_ok += _same_paper(paper_url, expected["paper_url"])
        scores.code_ok += (code_url or None) == (expected["code_url"] and _unwrap(expected["code_url"]))
        scores.title_ok += _norm(title) == _norm(expected["title"])
    return scores


def _unwrap(url: str) -> str:
    from digestparse.fields.links import clean_url, unwrap_archive

    return clean_url(unwrap_archive(url)[0])


def evaluate(corpus: Path, *, verbose: bool = False, out=sys.stdout) -> tuple[Scores, dict[str, dict]]:
    total = Scores()
    per_article: dict[str, dict] = {}
    for path in sorted(LABELS.glob("*.json")):
        label = json.loads(path.read_text(encoding="utf-8"))
        source = resolve(label["path"], corpus)
        if not source.exists():
            print(f"skip {label['path']}: not found", file=out)
            continue
        scores = evaluate_article(label, source)
        total.add(scores)
        per_article[label["path"]] = {"labelled": scores.labelled, "predicted": scores.predicted, **scores.summary()}
        if verbose or scores.f1 < 1.0 or scores.labelled == 0 and scores.predicted:
            s = scores.summary()
            print(
                f"{label['path'][:70]:70} {label['kind']:6} lab={scores.labelled:3} pred={scores.predicted:3} "
                f"P={s['entry_precision']:.2f} R={s['entry_recall']:.2f} paper={s['paper_url_accuracy']:.2f} "
                f"code={s['code_url_accuracy']:.2f} title={s['title_accuracy']:.2f}",
                file=out,
            )
    return total, per_article


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--json", type=Path, help="also write the scores as JSON")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every article, not only imperfect ones")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"corpus not found at {args.corpus}; only the seeds are evaluated")
    total, per_article = evaluate(args.corpus, verbose=args.verbose)
    print("\noverall:", json.dumps(total.summary()))
    print(f"entries: labelled {total.labelled}, predicted {total.predicted}, matched {total.matched}")
    print("\nkind confusion (rows: label, columns: predicted)")
    print(f"{'':8}" + "".join(f"{k:>8}" for k in KINDS))
    for truth in KINDS:
        print(f"{truth:8}" + "".join(f"{total.confusion[truth][guess]:>8}" for guess in KINDS))
    if total.other_with_entries:
        print("\n'other' articles that produced entries:", ", ".join(total.other_with_entries))
    if args.json:
        args.json.write_text(json.dumps({"overall": total.summary(), "articles": per_article}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
