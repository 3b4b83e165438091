"""Unit tests of the repair modules, plus their doctests."""

from __future__ import annotations

import doctest
import gc
import importlib
import sys

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from digestparse.repair import chardata
from digestparse.repair.bytes_recovery import candidates, split_units
from digestparse.repair.chardata import CODECS, DROPPABLE, SUSPECT_RE, encode_run
from digestparse.repair.detect import find_suspects, is_suspect
from digestparse.repair.langmodel import LanguageModel, archive_counts, cjk_trigram_text, prior_cost
from digestparse.repair.twin import consistent, restore
from digestparse.repair.viterbi import best_path

LOSSY = DROPPABLE["windows-1252"]


@pytest.mark.parametrize(
    "name",
    ["chardata", "bytes_recovery", "langmodel", "viterbi", "wordmodel", "detect", "fixes", "markers", "outer", "twin"],
)
def test_doctests(name):
    mod = importlib.import_module(f"digestparse.repair.{name}")
    res = doctest.testmod(mod)
    assert res.failed == 0


def test_droppable_sets():
    assert LOSSY == frozenset({0x81, 0x8D, 0x8F, 0x90, 0x9D, 0xAD})
    assert DROPPABLE["latin-1"] == frozenset({0xAD})
    assert 0x98 in DROPPABLE["windows-1251"]


def test_encode_run_roundtrip_all_codecs():
    for codec in chardata.CODECS:
        text = "中文 “ok” 🙂".encode("utf-8")
        mojibake = "".join(chardata.DECODE_TABLES[codec][b] for b in text)
        assert encode_run(mojibake, codec) == text
    # Windows-1252 also takes the C1 controls (mojibake read as Latin-1) for their bytes
    assert encode_run("â\x80\x9c€\x81", "windows-1252") == b"\xe2\x80\x9c\x80\x81"


@pytest.mark.parametrize(
    "char,lost",
    [("中", b"\xad"), ("、", b"\x81"), ("！", b"\x81"), ("”", b"\x9d"), ("名", b"\x90\x8d"), ("🙂", b""), ("í", b"\xad")],
)
def test_candidates_contain_the_original(char, lost):
    raw = char.encode("utf-8")
    damaged = bytes(b for b in raw if b not in LOSSY)
    assert len(raw) - len(damaged) == len(lost)
    if not lost:
        return
    cands = dict(candidates(damaged, LOSSY))
    assert char in cands and cands[char] == len(lost)
    assert all(c.isprintable() or c in "\u200d\u200f\u202d\u2001" for c in cands)


def test_candidates_never_private_use_or_controls():
    cands = [c for c, _ in candidates(b"\xef\xbc", LOSSY)]
    assert "！" in cands
    assert not any(0xE000 <= ord(c) <= 0xF8FF for c in cands)
    assert all(ord(c) >= 0xA0 for c, _ in candidates(b"\xc2", LOSSY))


def test_split_units_kinds():
    kinds = [(u.kind, u.start, u.end) for u in split_units("ä¸ab".encode("cp1252") + "中".encode() + b"\x80")]
    assert kinds == [("trunc", 0, 2), ("text", 2, 7), ("stray", 7, 8)]
    # a complete but invalid sequence (surrogate) is strays, not a truncation
    assert [u.kind for u in split_units(b"\xed\xa0\x80")] == ["stray"] * 3


_CODEC_CHARS = sorted({bytes([b]).decode(c, "replace") for c in CODECS for b in range(0x80, 0x100)} | set("a 中"))


@given(st.text(alphabet=st.sampled_from(_CODEC_CHARS), max_size=30))
@example("ÃÃ©")  # overlapping candidates: a lead that is also another codec's continuation
def test_suspect_precheck_hits_where_the_pair_pattern_does(text):
    assert is_suspect(text) == (SUSPECT_RE.search(text) is not None)


def test_detect_finds_each_codec_and_ignores_clean():
    assert find_suspects("纯中文，没有问题。“引号”") == []
    assert not is_suspect("naïve café — “quotes” 🙂 η∈λ")
    text = "好 " + "中文".encode().decode("cp1251") + " 好"
    (s,) = find_suspects(text)
    assert s.codec == "windows-1251" and text[s.start : s.end] == "中文".encode().decode("cp1251")


def test_prior_orders():
    assert prior_cost("中") < prior_cost("\u4dbf") < prior_cost("\ue000")
    assert prior_cost("，") < prior_cost("¸")
    # footnote marks and emoji selectors beat the ornaments that share their leftovers
    assert prior_cost("⁵") < prior_cost("❵") and prior_cost("₁") < prior_cost("⍵")
    assert prior_cost("\ufe0f") < prior_cost("︐")


def test_language_model_update_changes_scores():
    lm = LanguageModel.batch()
    before = lm.cost("双", "三")
    lm.update("双三次插值" * 5)
    assert lm.cost("双", "三") < before
    assert LanguageModel.from_texts(["双三次插值" * 5]).cost("双", "三") == lm.cost("双", "三")


def test_clear_caches_forgets_scores_not_statistics():
    lm = LanguageModel.from_texts(["双三次插值" * 5])
    cost = lm.cost("双", "三")
    assert lm.cost_cache == {"双三": cost}
    lm.clear_caches()
    assert lm.cost_cache == {}
    assert lm.cost("双", "三") == cost


def test_word_model_remembers_context_costs_without_changing_choices():
    from digestparse.repair.wordmodel import WordModel

    wm = WordModel.default()
    wm.clear_caches()
    seq = ["输", "入", 0, 1, "表", "示"]
    opts = {0: [("向", 1.0), ("发", 1.0)], 1: [("量", 1.0), ("重", 1.0)]}
    single = ["模", "型", "的", 2, "入", "表"]
    opts[2] = [("输", 1.0), ("翰", 1.0)]
    cold = wm.decode(seq, opts), wm.decode(single, opts)
    assert wm._prefix_memo == {"模型的": wm._prefix_costs_of("模型的")}
    assert (wm.decode(seq, opts), wm.decode(single, opts)) == cold
    assert cold[0][0] == {0: 0, 1: 0} and cold[1][0] == {2: 0}
    wm.clear_caches()
    assert not wm._prefix_memo and not wm._suffix_memo


def test_trigram_cost_is_the_bigram_cost_without_trigram_counts():
    lm = LanguageModel(archive=False)
    assert not lm.has_trigrams
    assert lm.trigram_cost("训", "练", "过") == lm.cost("练", "过")
    doc = LanguageModel.for_document(lm, ["模型的训练过程。训练的过程很长。" * 30])
    # a document layer keeps no trigram counts of its own
    assert not doc.tri and not doc.has_trigrams
    assert doc.trigram_cost("训", "练", "过") == doc.cost("练", "过")


def test_document_layer_uses_the_batch_trigrams_below_it():
    batch = LanguageModel.from_texts(["模型的训练过程。训练的过程很长。"], archive=False)
    assert batch.has_trigrams and batch.tri["训练过"] == 1
    doc = LanguageModel.for_document(batch, ["一段别的文字。"])
    assert doc.has_trigrams
    assert doc.trigram_cost("训", "练", "过") < doc.cost("练", "过")
    # a pair the batch never saw together falls back to the bigram cost
    assert doc.trigram_cost("别", "的", "文") == doc.cost("的", "文")


def test_the_default_model_holds_the_archive_counts_and_a_batch_adds_to_them():
    archive = archive_counts()
    lm = LanguageModel.default()
    assert lm.has_trigrams and not lm.has_batch and lm.characters == 0
    assert lm.tri["训练过"] == archive.tri["训练过"] > 0
    # the archive's counts are what tells 目录中 from 目录不 (both lose a byte to one leftover)
    # (the word-derived tables hardly do: they take a word's end and the next one's start as
    # independent)
    base = LanguageModel(archive=False)
    assert lm.cost("录", "不") - lm.cost("录", "中") > 3 > 0.5 > abs(base.cost("录", "不") - base.cost("录", "中"))
    # a batch is a layer over it: its own counts first, and no trigrams of its own
    batch = LanguageModel.from_texts(["模型的训练过程。"])
    assert batch.parent is lm and batch.has_batch and batch.documents == 1 and batch.characters == 8
    assert batch.bi["训练"] == 1 and not batch.tri and batch.has_trigrams
    # a model counted over the bundled counts (not the default) changes a copy of them
    own = LanguageModel().update("模型的训练过程。")
    assert own.tri["训练过"] == archive.tri["训练过"] + 1 and own.characters == 8
    assert lm.tri is archive.tri and own.tri is not archive.tri
    assert archive_counts().tri["训练过"] == lm.tri["训练过"]
    # the document layer over the default model reads the archive's trigrams
    doc = LanguageModel.for_document(lm, ["一段别的文字。"])
    assert doc.trigram_cost("训", "练", "过") < doc.cost("练", "过")


_CJK_CHAR = st.characters(min_codepoint=0x4E00, max_codepoint=0x4E3F)
_OTHER_CHAR = st.sampled_from(list("ab \n，。()1"))


@given(st.text(st.one_of(_CJK_CHAR, _OTHER_CHAR), max_size=40))
def test_cjk_trigram_text_keeps_every_trigram_with_a_cjk_character(text):
    kept = cjk_trigram_text(text)
    kept_trigrams = {kept[i : i + 3] for i in range(len(kept) - 2)}
    wanted = {text[i : i + 3] for i in range(len(text) - 2) if any("\u4e00" <= c <= "\u9fff" or c in "，。" for c in text[i : i + 3])}
    assert wanted <= kept_trigrams
    # and nothing else but the NUL joins
    assert {t for t in kept_trigrams if "\x00" not in t} <= {text[i : i + 3] for i in range(len(text) - 2)}


def test_language_model_without_base():
    lm = LanguageModel(use_base=False).update("abcabc")
    assert lm.cost("a", "b") < lm.cost("a", "c")


def test_viterbi_joint_and_confidence():
    lm = LanguageModel.default()
    slots = [[("不", 0.0), ("中", 0.0)], [("国", 0.0), ("囯", 0.0)]]
    picks, confs = best_path(lm, "是", slots, "人")
    assert picks == [1, 0]
    assert all(0.5 < c <= 1.0 for c in confs)
    # extra cost steers the choice
    picks, _ = best_path(lm, "是", [[("中", 50.0), ("不", 0.0)]], "")
    assert picks == [1]


def test_twin_consistency_and_restore():
    assert consistent("中".encode()[:2], LOSSY, "中")
    assert not consistent("中".encode()[:2], LOSSY, "国")
    text, changes, _ = restore("他说不国", {2: lambda c: c in "中不"}, "他说中国")
    assert text == "他说中国" and changes == [(2, "不", "中")]
    # a difference at a position that was not uncertain is kept
    text, changes, confirmed = restore("他说不国", {2: lambda c: True}, "她说中国")
    assert text == "他说中国" and changes == [(2, "不", "中")] and confirmed == []
    # an uncertain character the twin has too is confirmed, not changed
    assert restore("甲\n他说中国\n", {3: lambda p, c: True}, "乙\n他说中国\n").confirmed == [3]
    assert restore("他说中国。", {2: lambda c: True}, "她说中国！").confirmed == [2]


@pytest.mark.skipif(sys.implementation.name != "cpython", reason="CPython's collector untracks plain tuples")
def test_line_memo_holds_nothing_the_collector_keeps_tracking():
    # A damaged archive fills the memo with thousands of findings; objects the collector
    # tracks for good (dataclasses, named tuples) would slow every full collection down.
    detect = importlib.import_module("digestparse.repair.detect")
    detect._LINE_MEMO.clear()
    find_suspects("这个代码块是一个例子，中文、标点！".encode().decode("cp1252", errors="ignore"))
    assert detect._LINE_MEMO
    for _ in range(5):  # each pass untracks one more level of nested tuples
        gc.collect()
    assert not any(gc.is_tracked(found) for found in detect._LINE_MEMO.values())


def test_end_of_text_is_no_mark_for_the_precede_table():
    # "" (the end of the text) is in every string: it once counted as the first mark, "，",
    # so a 吗 ending a text paid for "吗，"
    from digestparse.repair.context import rule_cost

    assert rule_cost("吗", 0.0, "") == rule_cost("吗", 0.0, "\n") == 0.0
    assert rule_cost("吗", 0.0, "，") > 0 > rule_cost("吗", 0.0, "？")


def test_report_spans_share_one_fields_set_safely():
    # a big report's spans each carried a set of their field names (40% of its memory);
    # they share one, which assignment to a span must not disturb
    from digestparse.repair import repair

    text = "中文不错。" * 3
    damaged = text.encode("utf-8").translate(None, bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D, 0xAD])).decode("cp1252")
    spans = repair(damaged).report.spans
    assert len(spans) >= 2
    first, second = spans[0], spans[1]
    assert first.__pydantic_fields_set__ is second.__pydantic_fields_set__
    before = second.model_dump()
    first.confidence = 0.25
    assert first.model_dump()["confidence"] == 0.25 and second.model_dump() == before
    assert second.model_dump(exclude_unset=True) == before


def test_line_view_reads_undecided_parts_by_their_candidates():
    # both models hand their damaged line to the same rules through a LineView
    from digestparse.repair.context import UNDECIDED, LineView, stand_in, weigh

    head = "他说“"
    parts = ["你好", UNDECIDED, "，我", UNDECIDED, "文"]
    undecided = {1: frozenset("！”"), 3: frozenset("中不")}
    text = head + "".join(parts) + "\n"
    line = LineView(text, head, parts, "\n", len(text) - 1, undecided)
    # the bracket an undecided part may be counts as a partner on the line
    assert line.maybe_after(0) == ["”"] and line.maybe_before(3) == ["”"] and line.maybe_after(1) == []
    # an undecided part is read by its candidates where a rule asks what follows
    assert line.next_char(2) == stand_in(frozenset("中不")) != UNDECIDED
    assert line.next_char(0) is None  # (not all Han: no stand-in)
    assert line.next_char(1) == "，" and line.next_char(4) == "\n"
    weighed = dict(weigh(line, 1, [("！", 0.0), ("”", 0.0)], None))
    assert weighed["！"] > weighed["”"]  # “ waits for its partner
    # once decided, a part counts as what it is
    parts[1] = "！"
    line.decide(1)
    assert 1 not in line.undecided and line.maybe_before(3) == [] and line.next_char(0) == "！"


def _brute_force_window(wm, seg, opts, char_cost, left, right):
    """Each slot's max-marginal costs in a window of Han characters, by trying every
    assignment: the options' costs, the best segmentation of the text into words (as
    WordModel scores them) and the character cost of every pair that touches a slot."""
    import itertools

    from digestparse.repair.wordmodel import OOV_HAN_COST, _PREFIX_ONLY

    def segmentation(s):
        best = [0.0] + [float("inf")] * len(s)
        for i in range(len(s)):
            for j in range(i + 1, len(s) + 1):
                c = wm.table.get(s[i:j])
                if j == i + 1 and (c is None or c == _PREFIX_ONLY):
                    c = OOV_HAN_COST
                if c is not None and c != _PREFIX_ONLY:
                    best[j] = min(best[j], best[i] + c)
        return best[-1]

    slots = [it for it in seg if not isinstance(it, str)]
    marg = {slot: {} for slot in slots}
    for choice in itertools.product(*(range(len(opts[s])) for s in slots)):
        pick = dict(zip(slots, choice))
        chars = [it if isinstance(it, str) else opts[it][pick[it]][0] for it in seg]
        total = sum(opts[s][k][1] for s, k in pick.items()) + segmentation("".join(chars))
        for i, it in enumerate(seg):
            if not isinstance(it, str):
                total += char_cost(chars[i - 1] if i else left, chars[i])
                if i + 1 < len(seg) and isinstance(seg[i + 1], str):
                    total += char_cost(chars[i], chars[i + 1])
                elif i + 1 == len(seg) and right:
                    total += char_cost(chars[i], right)
        for s, k in pick.items():
            marg[s][k] = min(marg[s].get(k, float("inf")), total)
    return marg


@pytest.mark.parametrize("seed", range(8))
def test_word_lattice_matches_trying_every_assignment(seed):
    """The lattice's max-marginals (and so its picks and confidences) are those of trying
    every assignment, though it skips the pair costs that cannot lower a minimum: windows of
    two or three slots, side by side or one apart, with pair costs drawn at random."""
    import math
    import random

    from digestparse.repair.wordmodel import WordModel

    rng = random.Random(seed)
    wm = WordModel.default()
    pool = "中不丁丐丝丏向发同量重播以输入数据方法的我们在使用模型可"
    pair: dict[str, float] = {}

    def cost(a: str, b: str) -> float:
        if a + b not in pair:
            pair[a + b] = rng.uniform(0.0, 12.0)
        return pair[a + b]

    for _ in range(25):
        seg: list = [rng.choice(pool) for _ in range(rng.randrange(4))]
        for slot in range(rng.choice((2, 3))):
            if slot and rng.random() < 0.5:
                seg.append(rng.choice(pool))
            seg.append(slot)
        seg += [rng.choice(pool) for _ in range(rng.randrange(4))]
        opts = {s: [(ch, rng.uniform(0.0, 4.0)) for ch in rng.sample(pool, rng.randrange(2, 8))]
                for s in seg if not isinstance(s, str)}
        left, right = rng.choice(["", "，", "我"]), rng.choice(["", "。", "据"])
        picks, confs, margins = {}, {}, {}
        wm._segment(seg, opts, None, cost, 1.0, {}, picks, confs, left, right, margins)
        brute = _brute_force_window(wm, seg, opts, cost, left, right)
        for slot, m in brute.items():
            best = min(m.values())
            assert margins[slot].keys() == m.keys()
            for k, v in m.items():
                assert margins[slot][k] == pytest.approx(v - best, abs=1e-9), (seg, slot, k)
            assert m[picks[slot]] == pytest.approx(best, abs=1e-9)
            z = sum(math.exp(best - v) for v in m.values())
            assert confs[slot] == pytest.approx(math.exp(best - m[picks[slot]]) / z)


@pytest.mark.parametrize("seed", range(4))
def test_options_between_fixed_characters_are_pruned_by_their_pairs_too(seed):
    """A slot between two fixed characters is pruned by each option's own cost plus its pairs
    with them: of the options within the margin of the cheapest alone, exactly those within
    the margin of the best total are kept, with their totals, though not every option is
    weighed."""
    import math
    import random

    from digestparse.repair.wordmodel import PRUNE_MARGIN, WordModel

    rng = random.Random(seed)
    pool = "中不丁丐丝丏向发同量重播以输入数据方法的我们在使用模型可a，"
    for _ in range(200):
        options = [(ch, 0.0) for ch in rng.sample(pool, rng.randrange(1, 12))]
        alone = [rng.uniform(0.0, 20.0) for _ in options]
        pair = {}

        def cost(a, b):
            return pair.setdefault(a + b, rng.uniform(0.0, 15.0))

        before, after = rng.choice("我在的，"), rng.choice("据。方")
        full = [c + cost(before, t) + cost(t, after) for (t, _), c in zip(options, alone)]
        totals = WordModel._with_neighbours(options, list(alone), before, after, cost, 1.0, {}.get)
        near = [k for k, c in enumerate(alone) if c <= min(alone) + PRUNE_MARGIN]  # (pruned alone, as before)
        kept = {k for k in near if full[k] <= min(full[j] for j in near) + PRUNE_MARGIN}
        assert {k for k, c in enumerate(totals) if c <= min(totals) + PRUNE_MARGIN} == kept
        assert all(totals[k] == pytest.approx(full[k]) for k in kept)
        assert all(c == math.inf or c == pytest.approx(full[k]) for k, c in enumerate(totals))


def test_c1_runs_are_looked_for_between_the_taken_stretches_as_over_the_whole_text():
    """c1_control_pieces searches only the gaps between taken stretches: it gives what going
    through every run of the whole text gives, skipping those that overlap a taken stretch."""
    import random

    from digestparse.repair.chardata import C1_RUN_RE
    from digestparse.repair.detect import overlaps
    from digestparse.repair.fixes import _C1_1252_DEFINED, _mojibake_beside, c1_control_pieces

    def every_run(text, taken):
        out = []
        for m in C1_RUN_RE.finditer(text):
            start, end = m.span()
            if not _C1_1252_DEFINED.issuperset(m.group()) or overlaps(taken, start, end):
                continue
            if not (_mojibake_beside(text, start - 1, taken) or _mojibake_beside(text, end, taken)):
                out.append((start, end, m.group().encode("latin-1").decode("windows-1252")))
        return out

    rng = random.Random(7)
    for _ in range(3000):
        text = "".join(rng.choice("ab\x80\x92\x93\x81é中") for _ in range(rng.randrange(15)))
        cuts = sorted(rng.sample(range(len(text) + 1), min(len(text) + 1, 2 * rng.randrange(3))))
        taken = [(cuts[i], cuts[i + 1]) for i in range(0, len(cuts) - 1, 2) if cuts[i] < cuts[i + 1]]
        assert [(p.start, p.end, p.out) for p in c1_control_pieces(text, taken)] == every_run(text, taken), (text, taken)


def test_pair_costs_are_never_negative():
    """The lattice skips a pair cost where the states or exits already weighed cost as much as
    the best found: that holds only while no pair cost is below zero, i.e. while no model
    gives a character more than probability 1 after another.  For the bundled table: no
    character's inner pairs plus its word ends (times the likeliest word start) outweigh it."""
    from digestparse.repair.langmodel import _base_table

    base = _base_table()
    most = {}
    for pair, count in base.bi.items():
        most[pair[0]] = max(most.get(pair[0], 0.0), count)
    top_start = max(base.start_p.values())
    assert all(most.get(a, 0.0) + base.end.get(a, 0.0) * top_start <= ua * (1 + 1e-12) for a, ua in base.uni.items() if ua)
    assert min(prior_cost(chr(cp)) for cp in range(0x20, 0x10000) if not 0xD800 <= cp < 0xE000) >= 0.0
    texts = ["双三次插值" * 5, "我们在数据中使用不同的方法。"]
    doc = LanguageModel.for_document(LanguageModel.from_texts(texts), texts[:1])
    for lm in (LanguageModel.default(), LanguageModel.from_texts(texts), doc):
        for a in ["", "双", "中", "的", "a", "，"]:
            for b in "双三中不丁丐的a，\u4e02":
                assert lm.cost(a, b) >= 0.0 if a else lm.unigram_cost(b) >= 0.0


def test_a_piece_moved_over_markers_keeps_every_field():
    # over_markers moves every piece of a marked text (131,000 on 60 files read through
    # Windows-1257 with errors="replace"): dataclasses.replace took 0.3 s of it
    import dataclasses

    from digestparse.repair.fixes import Piece

    piece = Piece(3, 5, "中", "byte-recovery", ("utf-8", "windows-1257"), 1, 0.75, b"\xe4\xb8",
                  frozenset({0x81}), ("中", "不"), ((0, frozenset("中不")),))
    # (every field differs from its default: a field Piece gains and moved() forgets fails here)
    assert all(getattr(piece, f.name) != f.default for f in dataclasses.fields(Piece))
    assert piece.moved(7, 10) == dataclasses.replace(piece, start=7, end=10)
    assert (piece.start, piece.end) == (3, 5)


def test_take_out_is_the_text_without_the_markers_worked_out_run_by_run():
    """The same offsets and text as going character by character, and the text is read a
    run at a time: as many reads as runs, whatever its length."""
    import random

    from digestparse.repair.markers import take_out

    rng = random.Random(3)
    for _ in range(300):
        text = "".join(rng.choice("ab中\ufffd") for _ in range(rng.randrange(12)))
        gone = frozenset(i for i, ch in enumerate(text) if ch == "\ufffd" and rng.random() < 0.8)
        kept = [i for i in range(len(text)) if i not in gone]
        assert take_out(text, gone) == (kept, "".join(text[i] for i in kept))

    class Reads(str):
        reads = 0

        def __getitem__(self, key):
            Reads.reads += 1
            return str.__getitem__(self, key)

    long = Reads("中文" * 50_000 + "\ufffd" + "中文" * 50_000 + "\ufffd")
    assert take_out(long, frozenset({100_000, 200_001})) == (
        [i for i in range(200_002) if i != 100_000 and i != 200_001], "中文" * 100_000)
    assert Reads.reads <= 3
