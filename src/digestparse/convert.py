"""Batch stage: an archive folder -> papers.jsonl, articles.jsonl, report.json.

The flow per file is ``read -> decode -> repair -> blocks -> entries -> fields``
(``process_file``); then all files are grouped into articles, damaged copies
are restored from their clean twins, files that lost bytes and have no twin are
repaired again with a language model of the run's clean files (``BatchModel``),
and each article's entries are merged (``build_records``).  A file that cannot be read or decoded gets a per-file
error in the report and the run goes on; any other failure of one file is
caught and reported the same way, never dropped silently.

This module holds the stages themselves and runs them sequentially (``run``);
``digestparse.batch`` runs the per-file stage in parallel, with a cache, and
streams the records of ``RecordStream`` to the output files (``convert``).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from .align import ArticleGroup, GroupKey, Variant, align_entries, build_group, entry_words, latin_shingles, plan_groups, table_of_contents
from .blocks import INPUT_SUFFIXES
from .decode import MAX_BYTES, DecodeError, decode_bytes
from .document import parse_text
from .entries import find_entries
from .fields.entry import extract_entry
from .fields.mentions import extract_mentions
from .merge import merge_group
from .models import ArticleRecord, ConvertSummary, FileReport, PaperRecord, RepairSummary
from .repair import LanguageModel



def list_inputs(root: Path, unreadable: list[OSError] | None = None) -> list[Path]:
    """Input files below ``root`` (or ``root`` itself), sorted, without following symlinked folders
    or entering hidden ones; the error of each folder that could not be listed goes to
    ``unreadable`` (its files are none of the list, and a caller that passes no list does not learn
    of them).  The folders are walked with a stack of their own: ``os.walk`` recurses, and an
    archive a thousand folders deep stopped the batch before any file was read."""
    if root.is_file():
        return [root]
    found = []
    folders = [os.fspath(root)]
    while folders:
        folder = folders.pop()
        try:
            with os.scandir(folder) as listing:
                items = list(listing)
        except OSError as error:
            if unreadable is not None:
                unreadable.append(error)
            continue
        for item in items:
            name = item.name
            if name.startswith("."):
                continue
            try:
                if item.is_dir(follow_symlinks=False):
                    folders.append(item.path)
                elif name.lower().endswith(INPUT_SUFFIXES):
                    found.append(Path(item.path))
            except OSError:  # (vanished while listed: reading it will say so)
                found.append(Path(item.path))
    return sorted(found)


def _relative(path: Path, root: Path) -> str:
    """The path as written in the report: relative to the archive, '/'-separated.

    Bytes of a file name that are not UTF-8 are shown as ``\\xNN`` escapes, and a backslash the
    name holds as ``\\\\``, so no two names collapse into one report entry (byte 0xFF and a
    name spelled ``\\xff`` had).

    >>> import os
    >>> _relative(Path(os.fsdecode(b"/a/pipe-\\xff.md")), Path("/a")), _relative(Path("/a/pipe-\\\\xff.md"), Path("/a"))
    ('pipe-\\\\xff.md', 'pipe-\\\\\\\\xff.md')
    """
    try:
        rel = path.relative_to(root) if root.is_dir() else Path(path.name)
    except ValueError:
        rel = path
    return rel.as_posix().replace("\\", "\\\\").encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


@dataclass
class FileResult:
    """What the per-file stages give for one file: its report line and, unless it failed, its variant."""

    report: FileReport
    variant: Variant | None = None
    text_z: bytes | None = None
    """The document text, zlib-compressed, once ``compact`` has moved it out of ``variant.doc``."""

    def compact(self) -> FileResult:
        """Shrink the result for shipping between processes and caching: compress the document text.

        Only the clean twin of a damaged copy needs its text again (``restore_from_twins``).
        """
        if self.variant is not None and self.text_z is None:
            self.text_z = zlib.compress(self.variant.doc.text.encode("utf-8", "surrogatepass"), 1)
            self.variant.doc.text = ""
        return self

    def text(self) -> str:
        if self.variant is None:
            return ""
        if self.text_z is not None:
            return zlib.decompress(self.text_z).decode("utf-8", "surrogatepass")
        return self.variant.doc.text


PICKLE_PROTOCOL = pickle.HIGHEST_PROTOCOL


@dataclass
class Packed:
    """A per-file result as it travels and is cached: what grouping needs, and the rest still pickled.

    The parent keeps ``report`` and ``key`` for every file and unpickles ``blob`` (the compacted
    ``FileResult``) only when the file's article group is merged.
    """

    report: FileReport
    key: GroupKey | None
    blob: bytes

    @classmethod
    def of(cls, result: FileResult) -> Packed:
        result.compact()
        key = GroupKey.of(result.variant) if result.variant is not None else None
        return cls(result.report, key, pickle.dumps(result, protocol=PICKLE_PROTOCOL))

    def dumps(self) -> bytes:
        return pickle.dumps(self, protocol=PICKLE_PROTOCOL)

    def result(self) -> FileResult:
        return pickle.loads(self.blob)


def process_text(text: str, rel: str, *, encoding: str | None = None, twin: str | None = None,
                 twin_path: str | None = None, model: LanguageModel | None = None) -> Variant:
    doc = parse_text(text, path=rel, encoding=encoding, twin=twin, twin_path=twin_path, model=model)
    entries = [extract_entry(doc, entry) for entry in find_entries(doc.blocks)]
    # (an HTML page's text by its blocks and links: its markup, the theme two pages share,
    # would make unrelated posts look alike)
    shingles = frozenset() if table_of_contents(doc.blocks) else latin_shingles(doc.text if doc.format != "html" else "\n".join(
        " ".join([block.text, *(link.url for link in block.links)]) for block in doc.blocks))
    mentions = extract_mentions(doc.blocks, rel)
    words = entry_words(doc, entries)
    blocks = len(doc.blocks)
    doc.blocks = []  # the blocks are not needed after extraction; free them
    return Variant(doc, entries, shingles, mentions, words, blocks=blocks)


class NotRegularFile(OSError):
    """A FIFO, socket or device under a text-file name: reading it could block forever."""


def _without_blocking(path: str, flags: int) -> int:
    return os.open(path, flags | getattr(os, "O_NONBLOCK", 0))


def read_input(path: Path) -> bytes:
    """The bytes of one input file, refusing what is not a regular file or too large to read.

    The size is checked before reading, so a huge file costs no memory; a file that grows
    while it is read is cut at ``MAX_BYTES + 1`` and refused the same way.
    """
    info = os.stat(path)  # follows symlinks; a symlink loop raises OSError (ELOOP) here
    if not stat.S_ISREG(info.st_mode):
        raise NotRegularFile("not a regular file (a FIFO, socket or device)")
    if info.st_size > MAX_BYTES:
        raise DecodeError(f"file too large: {info.st_size} bytes (limit {MAX_BYTES})")
    # (opened without blocking and asked again: a file swapped for a FIFO after the check above
    # would block the open, or the read, forever)
    with open(path, "rb", opener=_without_blocking) as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise NotRegularFile("not a regular file (a FIFO, socket or device)")
        data = handle.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise DecodeError(f"file too large: more than {MAX_BYTES} bytes (limit {MAX_BYTES})")
    return data


def name_warnings(path: Path) -> list[str]:
    """A warning when the file name is not valid UTF-8 (its report path then shows ``\\xNN`` escapes)."""
    raw = os.fsencode(path.name)
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return [f"file name is not valid UTF-8: {raw!r}"]
    return []


def process_data(data: bytes, rel: str) -> FileResult:
    """The per-file stages after reading: decode -> repair -> blocks -> entries -> fields."""
    report = FileReport(path=rel, status="failed", bytes=len(data))
    try:
        decoded = decode_bytes(data)
        variant = process_text(decoded.text, rel, encoding=decoded.encoding)
    except DecodeError as exc:
        report.errors.append(f"{type(exc).__name__}: {exc}")
        return FileResult(report)
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop a batch
        report.errors.append(f"internal error: {type(exc).__name__}: {exc}")
        return FileResult(report)
    variant.doc.warnings[:0] = decoded.warnings
    _fill_report(report, variant)
    return FileResult(report, variant)


def read_error(path: Path, root: Path, exc: BaseException) -> FileResult:
    """The failed result of a file that could not be read."""
    report = FileReport(path=_relative(path, root), status="failed")
    if isinstance(exc, OSError) and exc.filename is not None and exc.strerror:
        # (without the path as the command was given it, which the report's path already says:
        # a relative and an absolute invocation wrote different reports)
        report.errors.append(f"{type(exc).__name__}: [Errno {exc.errno}] {exc.strerror}"
                             + (" (a folder: its files were not read)" if path.is_dir() else ""))
    else:
        report.errors.append(f"{type(exc).__name__}: {exc}")
    report.warnings.extend(name_warnings(path))
    return FileResult(report)


def process_file(path: Path, root: Path, *, data: bytes | None = None) -> FileResult:
    """All per-file stages for one file; never raises: failures become the report's errors.

    ``data``: the file's bytes when the caller has read them already (``read_input``).
    """
    if data is None:
        try:
            data = read_input(path)
        except (OSError, DecodeError) as exc:
            return read_error(path, root, exc)
    result = process_data(data, _relative(path, root))
    warnings = name_warnings(path)
    if warnings and result.variant is not None:
        result.variant.doc.warnings.extend(warnings)  # kept when a damaged copy is re-repaired
    result.report.warnings.extend(warnings)
    return result


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
            restored_bytes=doc.repair.restored_bytes,
            unresolved_chars=doc.repair.unresolved_chars,
            twin=doc.repair.twin,
        )
    report.warnings = list(doc.warnings)


def restore_from_twins(groups: list[ArticleGroup], reports: dict[str, FileReport],
                       text_of: Callable[[Variant], str] | None = None) -> None:
    """Re-repair each damaged copy with its clean twin's text, now that the grouping knows the twin.

    ``text_of`` gives a variant's text when it is not in ``variant.doc.text`` (compacted results).
    """
    for group in groups:
        _restore_group(group, reports, text_of)


def _restore_group(group: ArticleGroup, reports: dict[str, FileReport],
                   text_of: Callable[[Variant], str] | None = None,
                   with_batch_model: Callable[[Variant], Variant] | None = None) -> None:
    """Re-repair the group's damaged copies from their twins, and (``with_batch_model``) the
    files that lost bytes and have no twin with the batch's language model."""
    by_path = {v.path: v for v in group.variants}
    for index, variant in enumerate(group.variants):
        if variant.role == "damaged_copy" and variant.doc.original_text is not None:
            twin = by_path[variant.damaged_copy_of]
            twin_text = text_of(twin) if text_of is not None else twin.doc.text
            restored = process_text(
                variant.doc.original_text, variant.path, encoding=variant.doc.encoding,
                twin=twin_text, twin_path=twin.path,
            )
        elif with_batch_model is not None and lost_bytes(variant):
            restored = with_batch_model(variant)
        else:
            continue
        restored.role, restored.damaged_copy_of = variant.role, variant.damaged_copy_of
        restored.doc.warnings = variant.doc.warnings
        group.variants[index] = restored
        _fill_report(reports[variant.path], restored)
    align_entries(group)  # as before this module streamed: every group is aligned again here


def lost_bytes(variant: Variant) -> bool:
    """Was the file repaired by putting back lost bytes (so a batch model can improve its guesses)?"""
    rep = variant.doc.repair
    return variant.doc.original_text is not None and rep is not None and rep.restored_bytes > 0


BATCH_MODEL_CHARS = 20_000_000
"""The batch language model learns from at most this many characters of clean text (the clean
files in path order); this bounds its memory and the time to build it."""


def batch_language_model(clean_texts: Iterable[str]) -> LanguageModel:
    """A language model of clean texts (a layer over the bundled tables,
    :meth:`LanguageModel.batch`), taken in order up to :data:`BATCH_MODEL_CHARS` characters
    (texts after the budget is spent are not even asked for)."""
    model = LanguageModel.batch()
    budget = BATCH_MODEL_CHARS
    for text in clean_texts:
        text = text[:budget]
        model.update(text)
        budget -= len(text)
        if budget <= 0:
            break
    return model


class DerivedCache(Protocol):
    """Where results that depend on more than one file (a batch-model repair) are kept between runs."""

    def key_of(self, path: str) -> str | None:
        """The cache key of a file's own result, None when it is not cached."""

    def get_derived(self, key: str) -> FileResult | None: ...

    def put_derived(self, key: str, result: FileResult) -> None: ...


class BatchModel:
    """The batch's language model, built on first use from the clean files' texts.

    A file that lost bytes and has no clean twin is repaired again with it (``repair_variant``):
    statistics of the other documents of the same archive improve the guesses of the bundled
    tables.  With a ``DerivedCache``, the result is kept under a key made of the file's own key
    and the keys of every clean file, so an unchanged archive does not rebuild the model.
    """

    def __init__(self, clean_paths: list[str], load: Callable[[str], FileResult],
                 derived: DerivedCache | None = None) -> None:
        self.clean_paths = clean_paths
        self._load = load
        self._derived = derived
        self._model: LanguageModel | None = None
        self._fingerprint: str | None = None

    def model(self) -> LanguageModel:
        if self._model is None:
            self._model = batch_language_model(self._load(path).text() for path in self.clean_paths)
        return self._model

    def _key(self, path: str) -> str | None:
        if self._derived is None:
            return None
        if self._fingerprint is None:
            digest = hashlib.sha256(f"batch-model\0{BATCH_MODEL_CHARS}\0".encode())
            for clean in self.clean_paths:
                key = self._derived.key_of(clean)
                if key is None:
                    self._derived = None  # some clean result is not cached: nothing to key on
                    return None
                digest.update(f"{clean}\0{key}\0".encode("utf-8", "surrogatepass"))
            self._fingerprint = digest.hexdigest()
        own = self._derived.key_of(path)
        if own is None:
            return None
        return hashlib.sha256(f"{self._fingerprint}\0{own}".encode()).hexdigest()

    def repair_variant(self, variant: Variant) -> Variant:
        key = self._key(variant.path)
        if key is not None and self._derived is not None:
            cached = self._derived.get_derived(key)
            if cached is not None and cached.variant is not None:
                return cached.variant
        restored = process_text(variant.doc.original_text or "", variant.path, encoding=variant.doc.encoding,
                                model=self.model())
        result = FileResult(FileReport(path=variant.path, status="repaired"), restored).compact()
        if key is not None and self._derived is not None:
            self._derived.put_derived(key, result)
        return restored


@dataclass
class Result:
    papers: list[PaperRecord] = field(default_factory=list)
    articles: list[ArticleRecord] = field(default_factory=list)
    reports: list[FileReport] = field(default_factory=list)


class RecordStream:
    """The parent-side stages over all per-file results, one article group at a time.

    Grouping needs only each file's ``GroupKey``; a group's full results are loaded (``load``)
    when it is merged and let go once it is yielded, so however many files there are, only the
    keys, the reports and one group's results are held.  Keys are sorted by path first, so the
    outcome never depends on the order in which workers finished.  Iterating yields
    ``(article, papers)`` per group, in article-id order; ``reports`` is complete after it.
    """

    def __init__(self, results: Iterable[FileResult] = (), *,
                 entries: Iterable[tuple[FileReport, GroupKey | None]] | None = None,
                 load: Callable[[str], FileResult] | None = None,
                 derived: DerivedCache | None = None) -> None:
        """Either ``results`` (held in memory), or ``entries`` (report and key per file) and ``load(path)``;
        ``derived`` keeps batch-model repairs between runs."""
        if entries is None:
            held = {r.report.path: r for r in results}
            entries = [(r.report, GroupKey.of(r.variant) if r.variant is not None else None) for r in held.values()]
            load = held.__getitem__
        if load is None:
            raise TypeError("RecordStream needs load(path) with entries")
        self._load = load
        ordered = sorted(entries, key=lambda e: e[0].path)
        self._reports = {report.path: report for report, _ in ordered}
        self._plan: list[tuple[str, list[GroupKey]] | None] = list(
            plan_groups([key for _, key in ordered if key is not None]))
        clean = [report.path for report, key in ordered if key is not None and report.status == "ok"]
        self.batch_model = BatchModel(clean, load, derived)

    def __iter__(self) -> Iterator[tuple[ArticleRecord, list[PaperRecord]]]:
        for number, planned in enumerate(self._plan):
            if planned is None:
                continue
            gid, members = planned
            loaded = {key.path: self._load(key.path) for key in members}
            group = build_group(gid, [loaded[key.path].variant for key in members])
            _restore_group(group, self._reports, lambda v: loaded[v.path].text(), self.batch_model.repair_variant)
            article, papers = merge_group(group)
            for variant in group.variants:
                report = self._reports[variant.path]
                report.article_id = group.article_id
                report.role = variant.role
            self._plan[number] = None
            del loaded, group
            yield article, papers

    @property
    def reports(self) -> list[FileReport]:
        return [self._reports[path] for path in sorted(self._reports)]


def build_records(results: Iterable[FileResult]) -> Result:
    stream = RecordStream(results)
    out = Result()
    for article, papers in stream:
        out.articles.append(article)
        out.papers.extend(papers)
    out.reports = stream.reports
    return out


def run(root: Path, *, on_file: Callable[[Path], None] | None = None) -> Result:
    """The whole pipeline in this process, sequentially, without cache or output files."""
    results = []
    for path in list_inputs(root):
        results.append(process_file(path, root))
        if on_file:
            on_file(path)
    return build_records(results)


def iter_records(root: str | os.PathLike) -> Iterator[PaperRecord]:
    """Paper records of an archive folder, without writing any file."""
    yield from run(Path(root)).papers


def convert(root: str | os.PathLike, out_dir: str | os.PathLike, *, progress: bool = False,
            workers: int | None = 1, use_cache: bool = True, fmt: str = "jsonl", engine: str = "local",
            scheduler: str | None = None) -> ConvertSummary:
    """Convert an archive folder; write papers.jsonl (or .parquet), articles.jsonl, report.json and schema/.

    ``workers``: processes for the per-file stages (1: in this process; None: all cores).
    ``use_cache``: reuse the per-file results cached in ``OUT/.cache`` for unchanged files.
    ``engine``: ``"local"`` or ``"dask"`` (``scheduler``: a dask.distributed address, else a local cluster).
    """
    from .batch import BatchOptions, run_batch

    options = BatchOptions(workers=workers, use_cache=use_cache, fmt=fmt, engine=engine, scheduler=scheduler,
                           progress=progress)
    return run_batch(Path(root), Path(out_dir), options).summary
