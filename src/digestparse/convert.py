"""Batch stage: an archive folder -> papers.jsonl, articles.jsonl, report.json.

The flow per file is ``read -> decode -> repair -> blocks -> entries -> fields``
(``process_file``); then all files are grouped into articles, damaged copies
are restored from their clean twins, and each article's entries are merged
(``build_records``).  A file that cannot be read or decoded gets a per-file
error in the report and the run goes on; any other failure of one file is
caught and reported the same way, never dropped silently.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .align import ArticleGroup, Variant, align_entries, group_variants, latin_shingles
from .decode import DecodeError, decode_bytes
from .document import Document, parse_text
from .entries import find_entries
from .fields.entry import extract_entry
from .merge import merge_group
from .models import ArticleRecord, ConvertSummary, FileReport, PaperRecord, RepairSummary
from .output import to_json, write_atomic, write_jsonl
from .schema import write_schemas

SUFFIXES = (".md", ".markdown", ".txt", ".html", ".htm")


def list_inputs(root: Path) -> list[Path]:
    """Input files below ``root`` (or ``root`` itself), sorted, without following symlinked folders."""
    if root.is_file():
        return [root]
    found = []
    for folder, dirs, files in os.walk(root, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.lower().endswith(SUFFIXES) and not name.startswith("."):
                found.append(Path(folder) / name)
    return sorted(found)


def _relative(path: Path, root: Path) -> str:
    try:
        rel = path.relative_to(root) if root.is_dir() else Path(path.name)
    except ValueError:
        rel = path
    return rel.as_posix().encode("utf-8", "surrogateescape").decode("utf-8", "replace")


@dataclass
class FileResult:
    report: FileReport
    variant: Variant | None = None


def process_text(text: str, rel: str, *, encoding: str | None = None, twin: str | None = None,
                 twin_path: str | None = None) -> Variant:
    doc = parse_text(text, path=rel, encoding=encoding, twin=twin, twin_path=twin_path)
    entries = [extract_entry(doc, entry) for entry in find_entries(doc.blocks)]
    shingles = latin_shingles(doc.text)
    doc.blocks = []  # the blocks are not needed after extraction; free them
    return Variant(doc, entries, shingles)


def process_file(path: Path, root: Path) -> FileResult:
    rel = _relative(path, root)
    report = FileReport(path=rel, status="failed")
    try:
        data = path.read_bytes()
        report.bytes = len(data)
        decoded = decode_bytes(data)
        variant = process_text(decoded.text, rel, encoding=decoded.encoding)
    except (OSError, DecodeError) as exc:
        report.errors.append(f"{type(exc).__name__}: {exc}")
        return FileResult(report)
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop a batch
        report.errors.append(f"internal error: {type(exc).__name__}: {exc}")
        return FileResult(report)
    variant.doc.warnings[:0] = decoded.warnings
    _fill_report(report, variant)
    return FileResult(report, variant)


def _fill_report(report: FileReport, variant: Variant) -> None:
    doc = variant.doc
    report.status = "repaired" if doc.damaged else "ok"
    report.encoding = doc.encoding
    report.format = doc.format
    report.lang = doc.lang
    report.title = doc.title
    report.entries = len(variant.entries)
    if doc.repair is not None:
        report.repair = RepairSummary(
            damaged=doc.repair.damaged,
            codec_chain=doc.repair.codec_chain,
            changed_chars=doc.repair.changed_chars,
            unresolved_chars=doc.repair.unresolved_chars,
        )
    report.warnings = list(doc.warnings)


def restore_from_twins(groups: list[ArticleGroup], reports: dict[str, FileReport]) -> None:
    """Re-repair each damaged copy with its clean twin's text, now that the grouping knows the twin."""
    for group in groups:
        by_path = {v.path: v for v in group.variants}
        for index, variant in enumerate(group.variants):
            if variant.role != "damaged_copy" or variant.doc.original_text is None:
                continue
            twin = by_path[variant.damaged_copy_of]
            restored = process_text(
                variant.doc.original_text, variant.path, encoding=variant.doc.encoding,
                twin=twin.doc.text, twin_path=twin.path,
            )
            restored.role, restored.damaged_copy_of = variant.role, variant.damaged_copy_of
            restored.doc.warnings = variant.doc.warnings
            group.variants[index] = restored
            _fill_report(reports[variant.path], restored)
        align_entries(group)


@dataclass
class Result:
    papers: list[PaperRecord] = field(default_factory=list)
    articles: list[ArticleRecord] = field(default_factory=list)
    reports: list[FileReport] = field(default_factory=list)


def build_records(results: Iterable[FileResult]) -> Result:
    results = list(results)
    reports = {r.report.path: r.report for r in results}
    variants = [r.variant for r in results if r.variant is not None]
    groups = group_variants(variants)
    restore_from_twins(groups, reports)
    out = Result()
    for group in groups:
        article, papers = merge_group(group)
        out.articles.append(article)
        out.papers.extend(papers)
        for variant in group.variants:
            report = reports[variant.path]
            report.article_id = group.article_id
            report.role = variant.role
    out.reports = [reports[path] for path in sorted(reports)]
    return out


def run(root: Path, *, on_file: Callable[[Path], None] | None = None) -> Result:
    results = []
    for path in list_inputs(root):
        results.append(process_file(path, root))
        if on_file:
            on_file(path)
    return build_records(results)


def iter_records(root: str | os.PathLike) -> Iterator[PaperRecord]:
    """Paper records of an archive folder, without writing any file."""
    yield from run(Path(root)).papers


def convert(root: str | os.PathLike, out_dir: str | os.PathLike, *, progress: bool = False) -> ConvertSummary:
    """Convert an archive folder; write papers.jsonl, articles.jsonl, report.json and schema/."""
    root, out = Path(root), Path(out_dir)
    started = time.perf_counter()
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=len(list_inputs(root)), unit="file", desc="digestparse")
    try:
        result = run(root, on_file=(lambda _: bar.update(1)) if bar else None)
    finally:
        if bar:
            bar.close()
    out.mkdir(parents=True, exist_ok=True)
    write_jsonl(out / "papers.jsonl", result.papers)
    write_jsonl(out / "articles.jsonl", result.articles)
    counts = {status: sum(1 for r in result.reports if r.status == status) for status in ("ok", "repaired", "failed")}
    summary = ConvertSummary(
        files=len(result.reports),
        ok=counts["ok"],
        repaired=counts["repaired"],
        failed=counts["failed"],
        articles=len(result.articles),
        papers=len(result.papers),
        seconds=0.0,
    )
    report = {"summary": summary.model_dump(mode="json", exclude={"seconds", "out_dir"}),
              "files": [r.model_dump(mode="json") for r in result.reports]}
    write_atomic(out / "report.json", to_json(report, indent=2) + "\n")
    write_schemas(out / "schema")
    return summary.model_copy(update={"seconds": round(time.perf_counter() - started, 3), "out_dir": str(out)})
