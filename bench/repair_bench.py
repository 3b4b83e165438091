"""Benchmark digestparse.repair against ftfy.fix_text on damaged copies of corpus files.

    python bench/repair_bench.py [CORPUS] [--limit 300] [--seed 0] [--batch 300]
    python bench/repair_bench.py [CORPUS] --twin [--limit 2491]

CORPUS defaults to ../shared/corpus relative to the repository.  A deterministic sample
of Markdown files is damaged with each damage model below, then repaired by
``digestparse.repair.repair`` (no twin, default model) and by ``ftfy.fix_text`` (set up
not to touch full-width punctuation, quotes or width).  Per model it prints the share of
files restored exactly and the character accuracy of each, then the false repairs on the
clean files and the throughput of both on all the inputs of the run (CPU time of this
process, so that other work on a shared machine does not blur the ratio; the two take turns
file by file, so that a machine that slows down during the run slows both alike).  With ``--batch N``
the models that lose bytes (lossy-1252, half-lossy, gbk) are also repaired with a batch
model built from N other clean corpus files (not in the sample), as the batch converter
would.  A repair builds its report only
when the report is read: "sec" times the text alone (what ``ftfy.fix_text`` gives), and
"w/report" a second run of digestparse that reads every report (``ftfy.fix_and_explain``'s
use), whose sum the last line gives.

With ``--twin``, each damaged file is instead repaired beside its clean original as its twin
(as ``convert`` does with the clean variant of the same article), and per damage model the
files that do not come back exactly are counted and named: a clean twin beats any model.

Damage models:
  lossy-1252     UTF-8 read as Windows-1252 by a strict decoder: bytes 81 8D 8F 90 9D are
                 dropped, and 0xAD (soft hyphen) stripped (the damage of seed 002)
  lossless-1252  UTF-8 read as sloppy Windows-1252 (undefined bytes become C1 controls)
  win-1257       UTF-8 read as sloppy Windows-1257
  latin-1        UTF-8 read as Latin-1
  double         lossless-1252 applied twice
  double-latin1  UTF-8 read as Latin-1 (bytes 80-9F become C1 controls), then that read as
                 sloppy Windows-1252
  nbsp-1252      lossless-1252, then every no-break space (byte A0) made a space
  uncurled-1252  lossless-1252, then its curly quotes made straight (ftfy's uncurl_quotes, one of
                 its default fixes): bytes 82 84 91-94 become ' or "
  lossy-uncurled lossy-1252, then its curly quotes made straight (ftfy's defaults over seed 002's
                 damage would do that, beside decoding what they can)
  half-lossy     every other paragraph damaged with lossy-1252, the rest clean
  marked-1252    UTF-8 read as Windows-1252 with errors="replace": the undefined bytes leave U+FFFD
                 (soft hyphens stay)
  marked-1250    the same through Windows-1250 (undefined: 81 83 88 90 98)
  marked-1257    the same through Windows-1257 (12 undefined bytes)
  gbk            UTF-8 read as GBK (the commonest Chinese mojibake): every byte the
                 decoder rejects becomes one U+FFFD
  gbk-ignore     the same read with errors="ignore": rejected bytes vanish without a marker
  win-1250       UTF-8 read as sloppy Windows-1250
  win-1251       UTF-8 read as sloppy Windows-1251
  mac-roman      UTF-8 read as MacRoman
  latin-2        UTF-8 read as ISO-8859-2 (Latin-2: bytes 80-9F become C1 controls)
  latin-9        UTF-8 read as ISO-8859-15 (Latin-9: Latin-1 with €, Š, š, Ž, ž, Œ, œ, Ÿ)
  win-1253       UTF-8 read as sloppy Windows-1253 (Greek)
  win-1254       UTF-8 read as sloppy Windows-1254 (Turkish)
  cp437          UTF-8 read as code page 437 (DOS: box drawing, Greek and math)
                 (the GBK models, these eight, double-latin1, nbsp-1252, the uncurled ones and
                 the marked ones are not in the throughput ratio's sum, which covers the models
                 the target was set on; a line of its own adds them)
  clean          untouched (any change is a false repair)
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from difflib import SequenceMatcher
from pathlib import Path

import ftfy
import ftfy.bad_codecs  # noqa: F401  (registers the sloppy-* codecs)

from digestparse.repair import LanguageModel, repair
from digestparse.repair.wordmodel import WordModel

REPO = Path(__file__).resolve().parent.parent
DROPPED = bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D, 0xAD])

FTFY_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False,
    remove_terminal_escapes=False,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    normalization=None,
)


def lossy_1252(text: str) -> str:
    return text.encode("utf-8").translate(None, DROPPED).decode("cp1252")


def marked_1252(text: str) -> str:
    return text.encode("utf-8").decode("cp1252", errors="replace")


def marked_1250(text: str) -> str:
    return text.encode("utf-8").decode("cp1250", errors="replace")


def marked_1257(text: str) -> str:
    return text.encode("utf-8").decode("cp1257", errors="replace")


def lossless_1252(text: str) -> str:
    return text.encode("utf-8").decode("sloppy-windows-1252")


def win_1257(text: str) -> str:
    return text.encode("utf-8").decode("sloppy-windows-1257")


def latin_1(text: str) -> str:
    return text.encode("utf-8").decode("latin-1")


def win_1250(text: str) -> str:
    return text.encode("utf-8").decode("sloppy-windows-1250")


def win_1251(text: str) -> str:
    return text.encode("utf-8").decode("sloppy-windows-1251")


def mac_roman(text: str) -> str:
    return text.encode("utf-8").decode("mac_roman")


def latin_2(text: str) -> str:
    return text.encode("utf-8").decode("iso8859_2")


def latin_9(text: str) -> str:
    return text.encode("utf-8").decode("iso8859_15")


def win_1253(text: str) -> str:
    return text.encode("utf-8").decode("sloppy-windows-1253")


def win_1254(text: str) -> str:
    return text.encode("utf-8").decode("sloppy-windows-1254")


def cp437(text: str) -> str:
    return text.encode("utf-8").decode("cp437")


def double(text: str) -> str:
    return lossless_1252(lossless_1252(text))


def double_latin1(text: str) -> str:
    return lossless_1252(latin_1(text))


def nbsp_1252(text: str) -> str:
    return lossless_1252(text).replace("\xa0", " ")


def uncurled_1252(text: str) -> str:
    return ftfy.fixes.uncurl_quotes(lossless_1252(text))


def lossy_uncurled(text: str) -> str:
    return ftfy.fixes.uncurl_quotes(lossy_1252(text))


def half_lossy(text: str) -> str:
    paras = text.split("\n\n")
    return "\n\n".join(lossy_1252(p) if i % 2 else p for i, p in enumerate(paras))


def gbk(text: str) -> str:
    return text.encode("utf-8").decode("gbk", "replace")


def gbk_ignore(text: str) -> str:
    return text.encode("utf-8").decode("gbk", "ignore")


def clean(text: str) -> str:
    return text


MODELS = [
    ("lossy-1252", lossy_1252),
    ("lossless-1252", lossless_1252),
    ("win-1257", win_1257),
    ("latin-1", latin_1),
    ("double", double),
    ("double-latin1", double_latin1),
    ("nbsp-1252", nbsp_1252),
    ("uncurled-1252", uncurled_1252),
    ("lossy-uncurled", lossy_uncurled),
    ("half-lossy", half_lossy),
    ("marked-1252", marked_1252),
    ("marked-1250", marked_1250),
    ("marked-1257", marked_1257),
    ("gbk", gbk),
    ("gbk-ignore", gbk_ignore),
    ("win-1250", win_1250),
    ("win-1251", win_1251),
    ("mac-roman", mac_roman),
    ("latin-2", latin_2),
    ("latin-9", latin_9),
    ("win-1253", win_1253),
    ("win-1254", win_1254),
    ("cp437", cp437),
    ("clean", clean),
]
# Models whose files lost bytes, repaired again with the batch model (as `convert` does).
LOSSY = {"lossy-1252", "half-lossy", "gbk"}
# Beyond the models the throughput target was set on: timed, and summed on a line of its own.
EXTRA = {
    "gbk", "gbk-ignore", "win-1250", "win-1251", "mac-roman", "latin-2", "latin-9", "win-1253", "win-1254", "cp437", "marked-1252",
    "marked-1250", "marked-1257", "double-latin1", "nbsp-1252", "uncurled-1252", "lossy-uncurled",
}


def matching_chars(orig: str, got: str) -> int:
    """Characters of ``orig`` that ``got`` has in aligned position (lines, then characters)."""
    if orig == got:
        return len(orig)
    if len(orig) == len(got):
        return sum(a == b for a, b in zip(orig, got))
    a, b = orig.splitlines(keepends=True), got.splitlines(keepends=True)
    total = 0
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            total += sum(len(x) for x in a[i1:i2])
        elif tag == "replace":
            x, y = "".join(a[i1:i2]), "".join(b[j1:j2])
            total += sum(m.size for m in SequenceMatcher(None, x, y, autojunk=False).get_matching_blocks())
    return total


def clear_caches(batch_lm: LanguageModel | None) -> None:
    """Forget the scores digestparse's models worked out so far."""
    LanguageModel.default().clear_caches()
    WordModel.default().clear_caches()
    if batch_lm is not None:
        batch_lm.clear_caches()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="?", default=str(REPO.parent / "shared" / "corpus"))
    ap.add_argument("--limit", type=int, default=300)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--batch", type=int, default=300, help="clean files for the batch model (0: skip)")
    ap.add_argument("--twin", action="store_true", help="repair each damaged file beside its original as the twin")
    args = ap.parse_args(argv)

    root = Path(args.corpus)
    if not root.is_dir():
        print(f"corpus not found: {root} (pass its path as the first argument)")
        return 0
    files = sorted(p for p in root.rglob("*.md") if p.is_file())
    if not files:
        print(f"no .md files under {root}")
        return 0
    rng = random.Random(args.seed)
    sample = rng.sample(files, min(args.limit, len(files)))
    texts = [p.read_text(encoding="utf-8") for p in sample]
    print(f"{len(texts)} files from {root} (seed {args.seed}), {sum(map(len, texts))} characters")

    if args.twin:
        return twin_run(sample, texts)
    t0 = time.perf_counter()
    LanguageModel.default().cost("中", "文")  # load the bundled tables once, outside the timing
    WordModel.default()
    print(f"model load: {time.perf_counter() - t0:.2f} s (once per process, not in the timing)")
    batch_lm = None
    if args.batch:
        chosen = set(sample)
        rest = [p for p in files if p not in chosen]
        batch_files = random.Random(args.seed + 1).sample(rest, min(args.batch, len(rest)))
        batch_lm = LanguageModel.from_texts(p.read_text(encoding="utf-8") for p in batch_files)
        print(f"batch model: {len(batch_files)} other clean corpus files")

    t_dp = t_ft = t_rep = 0.0
    extra_dp = extra_ft = 0.0
    header = f"{'model':<15} {'tool':<18} {'files exact':>12} {'char acc':>10} {'sec':>7} {'w/report':>8}"
    print()
    print(header)
    print("-" * len(header))
    false_repairs = {"digestparse": 0, "ftfy": 0}
    for name, damage in MODELS:
        damaged = [damage(t) for t in texts]
        # scores cached while repairing the same files under another damage model would
        # flatter the timing: every run starts with empty caches
        clear_caches(batch_lm)
        # digestparse and ftfy take turns file by file, so that a machine that slows down
        # during the run slows both alike
        results: dict[str, tuple[list[str], float]] = {"digestparse": ([], 0.0), "ftfy": ([], 0.0)}
        for d in damaged:
            for tool, fn in (("digestparse", lambda s: repair(s).text), ("ftfy", lambda s: ftfy.fix_text(s, FTFY_CONFIG))):
                start = time.process_time()
                out = fn(d)
                outs, spent = results[tool]
                outs.append(out)
                results[tool] = (outs, spent + time.process_time() - start)
        runs = ["digestparse", "ftfy"]
        if batch_lm is not None and name in LOSSY:
            clear_caches(batch_lm)
            start = time.process_time()
            results["digestparse+batch"] = ([repair(d, model=batch_lm).text for d in damaged], time.process_time() - start)
            runs.append("digestparse+batch")
        for tool in runs:
            outs, spent = results[tool]
            with_report = ""
            if name in EXTRA:
                if tool == "digestparse":
                    extra_dp += spent
                elif tool == "ftfy":
                    extra_ft += spent
            elif tool == "digestparse":
                t_dp += spent
                clear_caches(None)
                start = time.process_time()
                for d in damaged:
                    repair(d).report
                reading = time.process_time() - start
                t_rep += reading
                with_report = f"{reading:>8.2f}"
            elif tool == "ftfy":
                t_ft += spent
            exact = sum(o == t for o, t in zip(outs, texts))
            acc = sum(matching_chars(t, o) for o, t in zip(outs, texts)) / max(1, sum(map(len, texts)))
            if name == "clean" and tool in false_repairs:
                false_repairs[tool] = len(texts) - exact
            print(f"{name:<15} {tool:<18} {exact / len(texts):>11.1%} {acc:>10.5%} {spent:>7.2f} {with_report}".rstrip())
    print()
    print(f"false repairs on clean files: digestparse {false_repairs['digestparse']}, ftfy {false_repairs['ftfy']}")
    print(
        f"throughput (all models but {', '.join(sorted(EXTRA))}, same inputs): digestparse {t_dp:.2f} s, ftfy {t_ft:.2f} s, "
        f"digestparse/ftfy speed ratio {t_ft / t_dp if t_dp else float('inf'):.2f}x"
    )
    print(
        f"with every report read: digestparse {t_rep:.2f} s, "
        f"digestparse/ftfy speed ratio {t_ft / t_rep if t_rep else float('inf'):.2f}x"
    )
    if extra_dp:
        all_dp, all_ft = t_dp + extra_dp, t_ft + extra_ft
        print(
            f"with {', '.join(sorted(EXTRA))} too: digestparse {all_dp:.2f} s, ftfy {all_ft:.2f} s, "
            f"digestparse/ftfy speed ratio {all_ft / all_dp:.2f}x"
        )
    return 0


def twin_run(sample: list[Path], texts: list[str]) -> int:
    """Per damage model, the files that do not come back exactly when repaired beside their
    clean original as the twin (the first few named)."""
    print(f"{'model':<15} {'inexact with the twin':>22}  first few")
    for name, damage in MODELS:
        if name == "clean":
            continue
        inexact = [path.name for path, text in zip(sample, texts) if repair(damage(text), twin=text).text != text]
        print(f"{name:<15} {len(inexact):>10} of {len(texts):<9}  {', '.join(inexact[:3])}".rstrip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
