"""Benchmarks that print figures: ingest throughput against spaCy's own, memory, reruns, queries.

Each measured step runs in its own subprocess so its wall time and peak RSS (whole process tree,
sampled) are its own. Reads the PolNeAR texts from ../shared; never copies them into the repo.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

from .config import PROJECT_ROOT

DEFAULT_SHARED = PROJECT_ROOT.parent / "shared"


@dataclass
class Measured:
    seconds: float
    peak_rss_mb: float
    output: str


def run_measured(cmd: list[str], env: dict[str, str] | None = None) -> Measured:
    """Run a command; wall seconds and peak RSS of its process tree (sampled every 50 ms)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env={**os.environ, **(env or {})})
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        root = psutil.Process(proc.pid)
        while not done.is_set():
            try:
                tree = [root, *root.children(recursive=True)]
                peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
            except psutil.Error:
                pass
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output, _ = proc.communicate()
    done.set()
    sampler.join()
    seconds = time.perf_counter() - start
    if proc.returncode not in (0, 3):
        raise RuntimeError(f"{' '.join(cmd)} failed with {proc.returncode}:\n{output[-3000:]}")
    return Measured(seconds, peak / 2**20, output)


def polnear_files(shared: Path) -> list[Path]:
    root = shared / "corpus" / "polnear"
    return sorted(root.glob("train/text/*.txt")) + sorted(root.glob("dev/text/*.txt"))


def build_folder(sources: list[Path], count: int, folder: Path) -> int:
    """Write ``count`` article files cycling through ``sources``, each made distinct; returns words."""
    folder.mkdir(parents=True, exist_ok=True)
    words = 0
    for i in range(count):
        src = sources[i % len(sources)]
        text = src.read_text(encoding="utf-8")
        if i >= len(sources):  # vary the copy so its SHA-256 differs: a new document
            text += f"\n\nBenchmark copy {i // len(sources)} of this article, file {i}.\n"
        (folder / f"{i:05d}_{src.name}").write_text(text, encoding="utf-8")
        words += len(text.split())
    return words


SPACY_BASELINE = """
import sys, time
from pathlib import Path
from flows.extraction.nlp import load_nlp
nlp = load_nlp()
texts = [p.read_text(encoding="utf-8") for p in sorted(Path(sys.argv[1]).glob("*.txt"))]
n_process = int(sys.argv[2])
start = time.perf_counter()
for _ in nlp.pipe(texts, batch_size=64, n_process=n_process):
    pass
print("SECONDS", time.perf_counter() - start)
"""

INGEST = """
import sys, time
from flows.offline import quiet_network
quiet_network()
from flows.config import load_settings
from flows.extraction.nlp import load_nlp
load_nlp()
start = time.perf_counter()
if sys.argv[3] == "flow":
    from flows.ingest import ingest_flow
    result = ingest_flow(seeds_dir=sys.argv[1], db_path=sys.argv[2])
    loaded = result["loaded"]
else:
    from flows.ingestion import ingest_folder
    loaded = len(ingest_folder(load_settings(seeds_dir=sys.argv[1], db_path=sys.argv[2])).loaded)
print("SECONDS", time.perf_counter() - start)
print("LOADED", loaded)
"""


def _value(output: str, key: str) -> float:
    for line in output.splitlines():
        if line.startswith(key + " "):
            return float(line.split()[1])
    raise RuntimeError(f"no {key} in output:\n{output[-2000:]}")


@dataclass
class Row:
    label: str
    docs: int
    words: int
    seconds: float
    peak_rss_mb: float | None = None
    note: str = ""

    def cells(self) -> list[str]:
        rate = self.words / self.seconds if self.seconds else 0
        return [self.label, f"{self.docs:,}", f"{self.seconds:,.1f}", f"{self.docs / self.seconds:,.1f}",
                f"{rate:,.0f}", f"{self.peak_rss_mb:,.0f}" if self.peak_rss_mb else "", self.note]


def spacy_baseline(folder: Path, docs: int, words: int, n_process: int) -> Row:
    m = run_measured([sys.executable, "-c", SPACY_BASELINE, str(folder), str(n_process)])
    return Row(f"spaCy nlp.pipe, {n_process} process", docs, words, _value(m.output, "SECONDS"), m.peak_rss_mb)


def ingest(folder: Path, db: Path, docs: int, words: int, n_process: int, mode: str, label: str) -> Row:
    env = {"BRIEFING_N_PROCESS": str(n_process), "BRIEFING_BATCH_SIZE": "64"}
    m = run_measured([sys.executable, "-c", INGEST, str(folder), str(db), mode], env)
    loaded = int(_value(m.output, "LOADED"))
    return Row(label, docs, words, _value(m.output, "SECONDS"), m.peak_rss_mb, f"{loaded:,} loaded")


def format_table(rows: list[Row]) -> str:
    head = ["step", "docs", "seconds", "docs/s", "words/s", "peak RSS MB", "note"]
    table = [head, *[r.cells() for r in rows]]
    widths = [max(len(r[i]) for r in table) for i in range(len(head))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in table)


def run_benchmarks(shared: Path = DEFAULT_SHARED, large: int = 10_000, workdir: Path | None = None,
                   echo=print) -> list[Row]:
    """The whole benchmark; prints each row as it is measured and returns them all."""
    sources = polnear_files(shared)
    if not sources:
        echo(f"skipped: no PolNeAR texts under {shared / 'corpus' / 'polnear'}")
        return []
    work = workdir or Path(tempfile.mkdtemp(prefix="briefing-bench-"))
    rows: list[Row] = []

    def add(row: Row) -> None:
        rows.append(row)
        echo(format_table(rows).splitlines()[-1])

    echo(f"machine: {os.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.0f} GiB; workdir {work}")
    corpus = work / "polnear"
    words = build_folder(sources, len(sources), corpus)
    n = len(sources)
    base1 = spacy_baseline(corpus, n, words, 1)
    add(base1)
    one = ingest(corpus, work / "one.duckdb", n, words, 1, "flow", "ingest flow, 1 process")
    one.note += f"; {one.seconds and (words / one.seconds) / (words / base1.seconds):.2f}x spaCy 1-proc"
    add(one)
    two = ingest(corpus, work / "two.duckdb", n, words, 2, "flow", "ingest flow, 2 processes")
    two.note += f"; {(words / two.seconds) / (words / base1.seconds):.2f}x spaCy 1-proc"
    add(two)
    if large:
        big = work / "large"
        big_words = build_folder(sources, large, big)
        db = work / "large.duckdb"
        row = ingest(big, db, large, big_words, 2, "flow", f"ingest flow {large:,} files, 2 processes")
        row.note += f"; {(big_words / row.seconds) / (words / base1.seconds):.2f}x spaCy 1-proc"
        add(row)
        add(ingest(big, db, large, big_words, 1, "direct", f"no-op rerun over {large:,} known files"))
        shutil.rmtree(big, ignore_errors=True)
    return rows


def main_json(rows: list[Row]) -> str:
    return json.dumps([r.__dict__ for r in rows], indent=1)
