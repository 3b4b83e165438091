"""The ``digestparse`` command: convert, repair, show."""

from __future__ import annotations

import errno
import os
import re
import sys
from pathlib import Path

import click

from .output import to_json


class _ExistingPath(click.Path):
    """click's existing path, which says why a path that is there cannot be followed: click's own
    check calls anything ``os.stat`` fails on "does not exist", a symlink loop as much as a
    missing file (``convert`` and ``parse()`` say "Too many levels of symbolic links")."""

    def __init__(self, **kwargs) -> None:
        super().__init__(exists=True, path_type=Path, **kwargs)

    def convert(self, value, param, ctx):
        try:
            os.stat(value)
        except OSError as exc:
            if exc.errno != errno.ENOENT:  # (a loop, a folder without search permission, a name too long)
                self.fail(f"{self.name.title()} {os.fsdecode(value)!r} cannot be read: {exc.strerror}", param, ctx)
            if os.path.islink(value):
                self.fail(f"{self.name.title()} {os.fsdecode(value)!r} is a symbolic link to "
                          f"{os.readlink(value)!r}, which does not exist", param, ctx)
        return super().convert(value, param, ctx)


@click.group()
@click.version_option(package_name="digestparse")
def main() -> None:
    """Repair, parse and extract archives of ML paper-digest blog posts."""


@main.command()
@click.argument("archive", type=_ExistingPath())
@click.option("-o", "--out", "out_dir", required=True, type=click.Path(path_type=Path), help="Output folder.")
@click.option("-j", "--workers", type=click.IntRange(min=1), default=None,
              help="Processes for the per-file stages (default: all cores; 1: no pool).")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "parquet"]), default="jsonl", show_default=True,
              help="Format of papers, articles and the paper index (parquet needs digestparse[parquet]).")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Run the per-file stages locally or on a Dask cluster (needs digestparse[dask]).")
@click.option("--scheduler", metavar="ADDRESS", default=None,
              help="Dask scheduler address (tcp://host:8786); default: a local cluster on this machine.")
@click.option("--force", is_flag=True, help="Ignore the per-file cache in OUT/.cache and redo every file.")
@click.option("--quiet", is_flag=True, help="No progress and no summary.")
def convert(archive: Path, out_dir: Path, workers: int | None, fmt: str, engine: str, scheduler: str | None,
            force: bool, quiet: bool) -> None:
    """Convert ARCHIVE (a folder of .md/.txt/.html files) into papers.jsonl, articles.jsonl,
    paper_index.jsonl, report.json and schema/ in OUT.

    Exit status: 0 when the run completed, even if some files failed (report.json lists them);
    1 when the run stopped (another run holds OUT, the Dask scheduler cannot be reached, OUT cannot
    be written, memory ran out); 2 for bad arguments; 130 on Ctrl-C.
    """
    from .batch import CACHE_DIR, BatchOptions, EngineUnavailable, OutputBusy, check_options, run_batch, summary_table
    from .blocks import INPUT_SUFFIXES

    options = BatchOptions(workers=workers, use_cache=not force, fmt=fmt, engine=engine, scheduler=scheduler,
                           progress="off" if quiet else "auto")
    try:
        check_options(options)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    if out_dir.exists() and not out_dir.is_dir():
        raise click.BadParameter(f"{out_dir} exists and is not a folder", param_hint="--out")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        # (the cache folder too: a file in its place, or one that is not writable, failed the
        # run with a traceback after the check passed)
        for folder in (out_dir, out_dir / CACHE_DIR):
            folder.mkdir(exist_ok=True)
            probe = folder / ".digestparse-write-test"
            probe.write_text("")
            probe.unlink()
    except OSError as exc:
        raise click.BadParameter(f"cannot write to {exc.filename or out_dir}: {exc.strerror}", param_hint="--out") from None
    try:
        result = run_batch(archive, out_dir, options)
    except (OutputBusy, EngineUnavailable) as exc:
        raise click.ClickException(str(exc)) from None
    except OSError as exc:  # the output or its cache cannot be written (a full disk): no traceback
        where = f" ({exc.filename})" if exc.filename else ""
        raise click.ClickException(f"the run stopped: {exc.strerror or exc}{where}; "
                                   f"the previous output in {out_dir} is unchanged") from None
    except MemoryError:  # (the temporaries are gone as on a full disk: one line, no traceback)
        raise click.ClickException(f"the run stopped: out of memory; the previous output in {out_dir} is unchanged") from None
    except KeyboardInterrupt:
        click.echo("interrupted: the output is whole (the previous one, unless this run had begun renaming its own); "
                   "the next run reuses the files done so far", err=True)
        sys.exit(130)
    if result.summary.files == 0:  # (a wrong folder, or one of other files: no silent empty output)
        click.echo(f"warning: no input files ({' '.join(INPUT_SUFFIXES)}) under {archive}", err=True)
    if not quiet:
        click.echo(summary_table(result), err=True)


@main.command()
@click.argument("file", type=_ExistingPath(dir_okay=False))
@click.option("--report", "show_report", is_flag=True, help="Print the repair report (JSON) instead of the text.")
@click.option("--twin", type=_ExistingPath(dir_okay=False), default=None,
              help="A clean copy of the same article: characters the model is unsure of are taken from it.")
@click.option("--learn-from", "learn_from", multiple=True, type=_ExistingPath(),
              help="Clean files or folders (repeatable) whose character statistics help choose lost bytes, "
                   "as convert does with an archive's clean files.")
def repair(file: Path, show_report: bool, twin: Path | None, learn_from: tuple[Path, ...]) -> None:
    """Print FILE with its mojibake repaired (in an HTML page, that behind character references too)."""
    from .blocks import detect_format
    from .repair import repair as run_repair
    from .repair.detect import unescape_mojibake_refs

    text = _read_text_or_exit(file)
    if detect_format(text, str(file)) == "html":
        text = unescape_mojibake_refs(text)  # (as parse does: see unescape_mojibake_refs)
    twin_text = _read_text_or_exit(twin) if twin is not None else None
    model = _clean_model(learn_from, exclude=file) if learn_from else None
    result = run_repair(text, twin=twin_text, twin_path=str(twin) if twin is not None else None, model=model)
    if show_report:
        click.echo(to_json(result.report, indent=2))
    else:
        click.echo(result.text, nl=False)


def _read_text(path: Path) -> str:
    from .convert import read_input
    from .decode import decode_bytes

    return decode_bytes(read_input(path)).text


def _read_text_or_exit(path: Path) -> str:
    from .decode import DecodeError

    try:
        return _read_text(path)
    except (DecodeError, OSError) as exc:
        raise click.ClickException(f"{path}: {exc}") from None


def _clean_model(paths: tuple[Path, ...], exclude: Path):
    """The batch language model ``convert`` builds, of the clean files under ``paths`` (damaged and
    unreadable ones are skipped with a note on stderr).  Clean means what it means to ``convert``:
    repair finds nothing to change."""
    from .convert import batch_language_model, list_inputs
    from .decode import DecodeError
    from .repair import repair as run_repair

    skipped = 0
    # (os.path.realpath, not Path.resolve: a symlink loop among the files raised RuntimeError)
    own = os.path.realpath(exclude)

    def clean_texts():
        nonlocal skipped
        for f in sorted({f for p in paths for f in list_inputs(p) if os.path.realpath(f) != own}):
            try:
                text = _read_text(f)
            except (DecodeError, OSError):
                skipped += 1
                continue
            if run_repair(text).report.damaged:
                skipped += 1  # damaged itself: its statistics would teach the damage
                continue
            yield text

    model = batch_language_model(clean_texts())
    note = f" ({skipped} damaged or unreadable skipped)" if skipped else ""
    click.echo(f"learned from {model.documents} clean files, {model.characters} characters{note}", err=True)
    return model


@main.command()
@click.argument("file", type=_ExistingPath(dir_okay=False))
def show(file: Path) -> None:
    """A readable view of the entries extracted from FILE."""
    from .convert import build_records, process_file

    result = build_records([process_file(file, file)])
    if result.reports and result.reports[0].errors:
        # (worded as repair words it, "FILE: binary file …", not as report.json's "DecodeError: …",
        # whatever the exception's name: "NotRegularFile: not a regular file" had kept its own)
        reasons = (re.sub(r"^[A-Z]\w*: ", "", error) for error in result.reports[0].errors)
        raise click.ClickException(f"{file}: " + "; ".join(reasons))
    for article in result.articles:
        title = " / ".join(article.title.values())
        dated = f"  date: {article.date}" if article.date else ""
        click.echo(f"{title}\n  source: {article.source_url or '-'}{dated}  kind: {article.kind}  papers: {article.papers}\n")
    for paper in result.papers:
        number = f" #{paper.index}" if paper.index is not None else ""  # (an unnumbered entry shows none)
        click.echo(f"[{paper.ordinal}]{number}  {' / '.join(paper.title.values())}")
        if paper.section:
            click.echo(f"    section: {' / '.join(paper.section.values())}")
        for link in paper.links:
            click.echo(f"    {link.role:8} {link.url}")
        ids = paper.ids.model_dump(exclude_none=True)
        if ids:
            click.echo("    ids:     " + ", ".join(f"{k}={v}" for k, v in ids.items()))
        if paper.authors:
            names = ", ".join(" / ".join(p.name.values()) for p in paper.authors)
            click.echo(f"    authors: {names}{' et al.' if paper.authors_et_al else ''}")
        if paper.year is not None:
            click.echo(f"    year:    {paper.year}")
        for lang, text in paper.summary.items():
            click.echo(f"    {paper.summary_kind or 'summary'} [{lang}]: {text[:160]}{'…' if len(text) > 160 else ''}")
        if paper.figure and paper.figure.image:
            click.echo(f"    figure:  {paper.figure.image}")
        for rel in paper.related:
            click.echo(f"    related: {rel.title} <{rel.url}>")
        first, last = paper.sources[0].lines
        click.echo(f"    lines:   {first}-{last}\n")


if __name__ == "__main__":
    main()
