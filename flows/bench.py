"""Benchmarks that print one table: ingest throughput beside spaCy's own, peak memory, no-op reruns and
the daily summary queries on a synthetic store of a million mentions.

Each measured step runs in its own subprocess (``python -m flows.bench STEP ...``) so its wall time and
peak RSS (whole process tree, sampled) are its own; "1 core" steps are pinned to one CPU. Reads the
PolNeAR texts from ../shared and never copies them into the repository.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import psutil

from .config import PROJECT_ROOT

DEFAULT_SHARED = PROJECT_ROOT.parent / "shared"
RESULT = "RESULT "

# The targets.
TARGET_ONE_CORE = 0.8  # x spaCy nlp.pipe on one core
TARGET_TWO_CORES = 1.5
TARGET_NOOP_SECONDS = 3.0
TARGET_RSS_MB = 1536.0  # 1.5 GiB at 10,000 documents
TARGET_QUERY_SECONDS = 0.2
# Whole commands with default settings, start-up included (issue: performance as users meet it).
DEFAULTS_DOCS = 400  # PolNeAR train articles
TARGET_DEFAULT_INGEST = 1.3  # x spaCy nlp.pipe on one core, whole command against whole nlp.pipe
TARGET_DEFAULT_NOOP_SECONDS = 5.0
TARGET_DEFAULT_RUN_SECONDS = 15.0
TARGET_WORKER_RSS_MB = 600.0  # an extraction worker, whatever the document under the size limit

# The synthetic store for the summary queries: 30 days x 1,000 documents x 40 mentions = 1.2 M mentions.
SYNTHETIC = {"days": 30, "docs_per_day": 1000, "mentions_per_doc": 40, "actors": 20000,
             "day_one": date(2026, 3, 1)}
SUMMARY_TZ = "America/New_York"


@dataclass
class Measured:
    seconds: float
    peak_rss_mb: float
    output: str

    def result(self) -> dict:
        """The step's JSON result (its last ``RESULT`` line)."""
        for line in reversed(self.output.splitlines()):
            if line.startswith(RESULT):
                return json.loads(line[len(RESULT):])
        raise RuntimeError(f"no result in output:\n{self.output[-3000:]}")


def run_measured(cmd: list[str], env: dict[str, str | None] | None = None, cpus: set[int] | None = None) -> Measured:
    """Run a command; wall seconds and peak RSS of its process tree (sampled every 50 ms, the tree's processes
    listed every 0.5 s).

    ``env`` is laid over this process's environment (a None value unsets the variable); ``cpus`` pins the
    command (and everything it starts) to those CPUs.
    """
    start = time.perf_counter()
    pin = (lambda: os.sched_setaffinity(0, cpus)) if cpus else None
    merged = {k: v for k, v in {**os.environ, **(env or {})}.items() if v is not None}
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env=merged, cwd=PROJECT_ROOT, preexec_fn=pin)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        # The tree is listed every 0.5 s (a scan of all of /proc: listed every 50 ms it took ~2% of a core,
        # taken from a command that uses both cores and not from the one-core baseline beside it).
        nonlocal peak
        root = psutil.Process(proc.pid)
        tree, listed = [root], 0.0
        while not done.is_set():
            try:
                if time.perf_counter() - listed >= 0.5:
                    tree, listed = [root, *root.children(recursive=True)], time.perf_counter()
                total = 0
                for p in tree:
                    try:
                        total += p.memory_info().rss
                    except psutil.Error:
                        pass
                peak = max(peak, total)
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
    texts: dict[Path, str] = {}
    for i in range(count):
        src = sources[i % len(sources)]
        text = texts.get(src) or texts.setdefault(src, src.read_text(encoding="utf-8"))
        if i >= len(sources):  # vary the copy so its SHA-256 differs: a new document
            text += f"\n\nBenchmark copy {i // len(sources)} of this article, file {i}.\n"
        (folder / f"{i:05d}_{src.name}").write_text(text, encoding="utf-8")
        words += len(text.split())
    return words


def machine() -> str:
    """One line about the machine and the versions that matter for the figures."""
    model = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    from importlib.metadata import version

    versions = ", ".join(f"{p} {version(p)}" for p in ("spacy", "duckdb", "prefect", "dask"))
    return (f"{model}, {len(os.sched_getaffinity(0))} cores, {psutil.virtual_memory().total / 2**30:.0f} GiB RAM; "
            f"{platform.system()} {platform.release()}; Python {platform.python_version()}; {versions}")


# --- the steps, each run in its own process --------------------------------------------------------

def _emit(result: dict) -> None:
    print(RESULT + json.dumps(result), flush=True)


def step_spacy(folder: str, n_process: str = "1") -> None:
    """spaCy as a user runs it: import it, load the pipeline as packaged, then ``nlp.pipe`` over the folder's
    texts (``n_process`` processes). The caller times the whole process; ``seconds`` is the pipe alone.

    Not our pipeline (``load_nlp``): that adds our entity ruler (0-4% slower) and looks the attribute ruler's
    rules up (10-20% faster), which a baseline must not count as spaCy's."""
    import spacy

    from .extraction.nlp import MODEL_NAME

    nlp = spacy.load(MODEL_NAME)
    texts = [p.read_text(encoding="utf-8") for p in sorted(Path(folder).glob("*.txt"))]
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=64, n_process=int(n_process)):
        pass
    _emit({"seconds": time.perf_counter() - start, "pipeline": nlp.pipe_names,
           "attribute_ruler_match": type(nlp.get_pipe("attribute_ruler").match).__name__})


def step_extract(folder: str) -> None:
    """Extraction alone (parse, mask, spaCy, rule families) over the folder's texts, model load not timed:
    what the rules and canonicalisation add to spaCy's own ``nlp.pipe``."""
    from .extraction.nlp import load_nlp
    from .extraction.pipeline import extract_many
    from .parsing import parse_document

    load_nlp()
    texts = [p.read_text(encoding="utf-8") for p in sorted(Path(folder).glob("*.txt"))]
    start = time.perf_counter()
    for _ in extract_many((i, text, parse_document(text)) for i, text in enumerate(texts)):
        pass
    _emit({"seconds": time.perf_counter() - start})


def step_ingest(folder: str, db: str, mode: str, warm: str = "") -> None:
    """Ingest ``folder`` into ``db``.

    ``flow``: the Prefect flow (task runner and processes from BRIEFING_* settings), after a warm-up run
    over ``warm`` (ephemeral Prefect server start, model load, GX import) that is timed apart.
    ``flow-cold``: the flow twice with no warm-up; first and second run timed apart.
    ``direct``: ``ingestion.ingest_folder``, the plain path without Prefect.
    """
    from .offline import quiet_network

    quiet_network()
    from .config import load_settings

    settings = load_settings(seeds_dir=folder, db_path=db)
    out: dict = {}
    if mode == "direct":
        from .ingestion import ingest_folder

        start = time.perf_counter()
        report = ingest_folder(settings)
        out.update(seconds=time.perf_counter() - start, loaded=len(report.loaded),
                   skipped=report.unchanged + len(report.duplicates))
    else:
        from .ingest import ingest_flow_for

        flow = ingest_flow_for(settings)
        if warm:
            start = time.perf_counter()
            flow(seeds_dir=warm, db_path=db + ".warm")
            out["warm_seconds"] = time.perf_counter() - start
        start = time.perf_counter()
        result = flow(seeds_dir=folder, db_path=db)
        out.update(seconds=time.perf_counter() - start, loaded=result["loaded"], skipped=result["skipped"])
        if mode == "flow-cold":
            start = time.perf_counter()
            flow(seeds_dir=folder, db_path=db)
            out["second_seconds"] = time.perf_counter() - start
    out["db_mb"] = Path(db).stat().st_size / 2**20
    _emit(out)


def step_synthetic(db: str) -> None:
    """Build the synthetic store (``sql/bench/synthetic.sql``) with the schema and its indexes."""
    from .storage import connect, sql

    start = time.perf_counter()
    with connect(Path(db)) as con:
        for statement in _statements(sql("bench/synthetic")):
            con.execute(statement, {k: v for k, v in SYNTHETIC.items() if f"${k}" in statement})
        counts = {t: con.execute(f"select count(*) from {t}").fetchone()[0]
                  for t in ("documents", "mentions", "actors", "document_actors", "claims", "poll_figures")}
        con.execute("checkpoint")
    _emit({"seconds": time.perf_counter() - start, "counts": counts, "db_mb": Path(db).stat().st_size / 2**20})


def _statements(text: str) -> list[str]:
    """The statements of a SQL file whose statements end with ';' at a line end (comments dropped)."""
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("--")]
    return [s.strip().rstrip(";") for s in "\n".join(lines).split(";\n") if s.strip().rstrip(";")]


def step_queries(db: str, day: str, tz: str) -> None:
    """Open the database and take a first trivial result (timed apart: the connection and the one-time
    start of the Arrow conversion behind ``.pl()``, ~0.1 s whatever the data); then each summary question
    once on that freshly opened database (cold), then three more times (warm)."""
    from .storage import connect, query
    from .summary.aggregates import QUESTIONS

    params = {"day": date.fromisoformat(day), "tz": tz}
    timings: dict[str, dict] = {}
    start = time.perf_counter()
    with connect(Path(db), read_only=True) as con:
        con.sql("select 1").pl()
        opened = time.perf_counter() - start
        for name in QUESTIONS:
            start = time.perf_counter()
            frame = query(con, f"summary/{name}", params)
            cold = time.perf_counter() - start
            warm = []
            for _ in range(3):
                start = time.perf_counter()
                query(con, f"summary/{name}", params)
                warm.append(time.perf_counter() - start)
            timings[name] = {"cold": cold, "warm": statistics.median(warm), "rows": frame.height}
    _emit({"open_seconds": opened, "queries": timings})


# The costliest texts found for extraction, each just under the character limit: generated, never copied.
WORST_CASE_CHARS = 999_000


def worst_case_texts(chars: int = WORST_CASE_CHARS) -> dict[str, str]:
    """Texts that once took minutes and gigabytes (quadratic paths), each about ``chars`` characters."""
    def fill(unit: str) -> str:
        return "A worst case\n\n" + (unit * (chars // len(unit) + 1))[: chars - 14]

    return {
        "short lines": "A worst case\n\n" + "".join(f"line {i}\n" for i in range(chars // 6))[: chars - 14],
        "straight quotes in one paragraph": fill('He said "yes and '),
        "quoted paragraphs": fill('"We will talk," said Smith. "And " more "quotes" here "\n\n'),
        "CRLF lines": fill("x said y\r\n"),
        "one word": fill("a"),
    }


def step_worst(name: str, budget: str) -> None:
    """One worst-case text through an extraction worker (with the per-document budget); the worker's own
    peak RSS, read inside it."""
    import resource

    from .extraction import pipeline
    from .parsing import parse_document

    text = worst_case_texts()[name]
    pool = pipeline._worker_pool(1, True)
    pool.submit(os.getpid).result()  # model loaded: not timed
    start = time.perf_counter()
    [(_, result)] = pipeline.extract_in_workers([(name, text, parse_document(text))], 1,
                                                budget_seconds=float(budget))
    seconds = time.perf_counter() - start
    worker_kb = pool.submit(resource.getrusage, resource.RUSAGE_SELF).result().ru_maxrss
    _emit({"seconds": seconds, "chars": len(text), "worker_peak_mb": worker_kb / 1024,
           "outcome": result if isinstance(result, str) else f"done: {len(result.claims)} claims"})


def worst_case_rows(add: Callable[[Row], Row], bench: Bench, budget: float) -> None:
    """A row per worst-case text: it finishes or fails within its budget, and the worker stays small."""
    for name in worst_case_texts(0):
        r = _step("worst", name, str(budget)).result()
        add(Row(f"worst case: {r['chars']:,} characters of {name}", r["seconds"], 1, peak_rss_mb=r["worker_peak_mb"],
                note=f"worker peak RSS; {r['outcome'][:60]}"))
        bench.check(f"{name}: within the {budget:g} s budget ({r['seconds']:.1f} s)", r["seconds"] < budget + 10)
        bench.check(f"{name}: worker peak RSS < {TARGET_WORKER_RSS_MB:.0f} MB ({r['worker_peak_mb']:.0f} MB)",
                    r["worker_peak_mb"] < TARGET_WORKER_RSS_MB)


STEPS: dict[str, Callable[..., None]] = {"spacy": step_spacy, "extract": step_extract, "ingest": step_ingest,
                                         "synthetic": step_synthetic, "queries": step_queries, "worst": step_worst}


def _step(name: str, *args: str, env: dict[str, str] | None = None, cpus: set[int] | None = None) -> Measured:
    return run_measured([sys.executable, "-m", "flows.bench", name, *args], env, cpus)


# --- the table -------------------------------------------------------------------------------------

@dataclass
class Row:
    label: str
    seconds: float
    docs: int | None = None
    words: int | None = None
    peak_rss_mb: float | None = None
    vs_spacy: float | None = None
    note: str = ""

    def cells(self) -> list[str]:
        return [self.label, f"{self.docs:,}" if self.docs else "", f"{self.seconds:,.2f}",
                f"{self.docs / self.seconds:,.1f}" if self.docs and self.seconds else "",
                f"{self.words / self.seconds:,.0f}" if self.words and self.seconds else "",
                f"{self.peak_rss_mb:,.0f}" if self.peak_rss_mb else "",
                f"{self.vs_spacy:.2f}x" if self.vs_spacy else "", self.note]


HEAD = ["step", "docs", "seconds", "docs/s", "words/s", "peak RSS MB", "vs spaCy 1 core", "note"]


def format_table(rows: list[Row]) -> str:
    table = [HEAD, *[r.cells() for r in rows]]
    widths = [max(len(r[i]) for r in table) for i in range(len(HEAD))]
    lines = ["| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |" for r in table]
    lines.insert(1, "| " + " | ".join("-" * w for w in widths) + " |")
    return "\n".join(lines)


@dataclass
class Bench:
    """Rows as measured, and the target checks they support."""

    rows: list[Row] = field(default_factory=list)
    checks: list[tuple[str, bool]] = field(default_factory=list)

    def check(self, what: str, held: bool) -> None:
        self.checks.append((what, held))

    def check_lines(self) -> list[str]:
        return [f"{'held  ' if held else 'MISSED'}  {what}" for what, held in self.checks]


def run_benchmarks(shared: Path = DEFAULT_SHARED, large: int = 10_000, workdir: Path | None = None,
                   echo: Callable[[str], None] = print, queries: bool = True, dask: bool = True,
                   only_defaults: bool = False, worst: str = "also") -> Bench:
    """The whole benchmark; prints each row as it is measured and returns them with the target checks.

    ``only_defaults``: only the whole commands with default settings (a few minutes); ``worst``: 'also' adds
    the worst-case rows, 'only' runs just them, 'no' leaves them out."""
    bench = Bench()

    def add(row: Row) -> Row:
        bench.rows.append(row)
        echo(format_table(bench.rows).splitlines()[-1])
        return row

    if worst != "no" and not only_defaults:
        from .config import load_settings

        worst_case_rows(add, bench, load_settings().extract_budget_seconds)
        if worst == "only":
            return bench
    sources = polnear_files(shared)
    if not sources:
        echo(f"skipped: no PolNeAR texts under {shared / 'corpus' / 'polnear'}")
        return bench
    work = workdir or Path(tempfile.mkdtemp(prefix="briefing-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    one_core = {sorted(os.sched_getaffinity(0))[0]}
    echo(f"machine: {machine()}")
    echo(f"workdir: {work}")

    default_rows(sources, work, bench, add, one_core)
    if only_defaults:
        return bench
    defaults_done = len(bench.rows)  # rated against their own baseline (other texts, whole processes)

    corpus, warm = work / "polnear", work / "warm"
    n = len(sources)
    words = build_folder(sources, n, corpus)
    build_folder(sources[:2], 2, warm)
    base_rate = None

    def spacy_row(n_process: int, cpus: set[int] | None, label: str = "") -> Row:
        m = _step("spacy", str(corpus), str(n_process), cpus=cpus)
        cores = "1 core" if cpus else f"{n_process} processes"
        row = Row(f"spaCy nlp.pipe, {cores}{label}", m.result()["seconds"], n, words, m.peak_rss_mb)
        row.vs_spacy = (words / row.seconds) / base_rate if base_rate else 1.0
        return add(row)

    def ingest_row(label: str, folder: Path, db: Path, docs: int, count: int, n_process: int,
                   cpus: set[int] | None = None, runner: str = "thread") -> Row:
        env = {"BRIEFING_N_PROCESS": str(n_process), "BRIEFING_TASK_RUNNER": runner}
        m = _step("ingest", str(folder), str(db), "flow", str(warm), env=env, cpus=cpus)
        r = m.result()
        note = f"{r['loaded']:,} loaded; warm-up {r['warm_seconds']:.1f} s; db {r['db_mb']:,.0f} MB"
        return add(Row(label, r["seconds"], docs, count, m.peak_rss_mb, (count / r["seconds"]) / base_rate, note))

    first = spacy_row(1, one_core)
    base_rate = words / first.seconds
    m = _step("extract", str(corpus), cpus=one_core)
    seconds = m.result()["seconds"]
    extract = add(Row("extraction only (parse, spaCy, rules), 1 core", seconds, n, words, m.peak_rss_mb,
                      (words / seconds) / base_rate))
    spacy_row(2, None)
    one = ingest_row("ingest flow, 1 core", corpus, work / "one.duckdb", n, words, 1, one_core)
    two = ingest_row("ingest flow, 2 processes", corpus, work / "two.duckdb", n, words, 2)
    # This machine's speed drifts within minutes: bracket the ratio steps with a second baseline.
    again = spacy_row(1, one_core, ", again")
    base_rate = baseline_rate(words, [first.seconds, again.seconds])
    rebase(bench.rows[defaults_done:], base_rate)
    echo(f"baseline: mean of the one-core spaCy runs ({first.seconds:.1f} s, {again.seconds:.1f} s); "
         "the final table's ratios are against it")
    bench.check(f"extraction on one core >= {TARGET_ONE_CORE}x spaCy on one core ({extract.vs_spacy:.2f}x)",
                extract.vs_spacy >= TARGET_ONE_CORE)
    bench.check(f"ingest on one core >= {TARGET_ONE_CORE}x spaCy on one core ({one.vs_spacy:.2f}x)",
                one.vs_spacy >= TARGET_ONE_CORE)
    bench.check(f"ingest with both cores >= {TARGET_TWO_CORES}x spaCy on one core ({two.vs_spacy:.2f}x)",
                two.vs_spacy >= TARGET_TWO_CORES)
    if dask:
        row = ingest_row("ingest flow, Dask LocalCluster 2 workers", corpus, work / "dask.duckdb", n, words, 2,
                         runner="dask")
        row.note += "; cluster start in the timed run"
    if large:
        big, db = work / "large", work / "large.duckdb"
        big_words = build_folder(sources, large, big)
        row = ingest_row(f"ingest flow {large:,} files, 2 processes", big, db, large, big_words, 2)
        bench.check(f"{large:,} files with both cores >= {TARGET_TWO_CORES}x spaCy on one core "
                    f"({row.vs_spacy:.2f}x)", row.vs_spacy >= TARGET_TWO_CORES)
        bench.check(f"peak RSS at {large:,} documents < {TARGET_RSS_MB:,.0f} MB ({row.peak_rss_mb:,.0f} MB)",
                    row.peak_rss_mb < TARGET_RSS_MB)
        m = _step("ingest", str(big), str(db), "direct")
        r = m.result()
        add(Row(f"no-op rerun, {large:,} known files (ingest_folder)", r["seconds"], large,
                peak_rss_mb=m.peak_rss_mb, note=f"{r['skipped']:,} skipped; {m.seconds:.1f} s with process start"))
        bench.check(f"no-op rerun over {large:,} files < {TARGET_NOOP_SECONDS:.0f} s ({r['seconds']:.2f} s)",
                    r["seconds"] < TARGET_NOOP_SECONDS)
        m = _step("ingest", str(big), str(db), "flow-cold")
        r = m.result()
        add(Row(f"no-op rerun, {large:,} known files (flow)", r["second_seconds"], large, peak_rss_mb=m.peak_rss_mb,
                note=f"first flow in a process {r['seconds']:.1f} s: ephemeral Prefect start-up "
                     f"{r['seconds'] - r['second_seconds']:.1f} s"))
        shutil.rmtree(big, ignore_errors=True)
    if queries:
        summary_rows(work / "synthetic.duckdb", bench, add)
    shutil.rmtree(corpus, ignore_errors=True)
    return bench


def default_rows(sources: list[Path], work: Path, bench: Bench, add: Callable[[Row], Row], one_core: set[int]) -> None:
    """Whole ``briefing`` commands as a user runs them: default settings (no BRIEFING_N_PROCESS, no Prefect
    server configured), process and Prefect start-up included, beside spaCy's one-core ``nlp.pipe`` over the
    same texts as a user runs it too: a whole process (start-up and model load included) with the pipeline as
    packaged, before and after them (ratios against the mean of the two). The target compares whole with
    whole, as the issue asks; the ratio against ``nlp.pipe`` alone (model load not timed) is printed beside."""
    folder = work / "defaults"
    texts = [p for p in sources if p.parent.parent.name == "train"][:DEFAULTS_DOCS]
    words = build_folder(texts, len(texts), folder)
    briefing = str(Path(sys.executable).with_name("briefing"))
    defaults = {name: None for name in os.environ if name.startswith("BRIEFING_")} | {"PREFECT_API_URL": None}

    def command(label: str, args: list[str], db: Path, docs: int | None = None) -> tuple[Row, Measured]:
        env = defaults | {"BRIEFING_DB_PATH": str(db), "BRIEFING_REPORTS_DIR": str(work / "reports")}
        m = run_measured([briefing, *args], env=env)
        return add(Row(label, m.seconds, docs, words if docs else None, m.peak_rss_mb)), m

    def spacy(label: str) -> tuple[Row, float]:
        m = _step("spacy", str(folder), cpus=one_core)
        pipe = m.result()["seconds"]
        row = add(Row(f"spaCy nlp.pipe, 1 core, whole process{label}", m.seconds, len(texts), words, m.peak_rss_mb,
                      note=f"pipeline as packaged; nlp.pipe alone {pipe:.2f} s"))
        return row, pipe

    first, first_pipe = spacy("")
    db = work / "defaults.duckdb"
    ingest, _ = command("briefing ingest, defaults, whole command", ["ingest", str(folder)], db, len(texts))
    noop, _ = command("briefing ingest, nothing new, whole command", ["ingest", str(folder)], db)
    again, again_pipe = spacy(", again")
    rebase(bench.rows, baseline_rate(words, [first.seconds, again.seconds]))
    against_pipe = statistics.mean([first_pipe, again_pipe]) / ingest.seconds
    ingest.note = f"start-up, model load, validation included; {against_pipe:.2f}x against nlp.pipe alone"
    run_db = work / "seeds.duckdb"
    run, _ = command("briefing run on the seeds, new database, whole command",
                     ["run", "--seeds", str(PROJECT_ROOT / "seeds")], run_db)
    run.note = "ingest 4 articles, validate, write the day's report"
    shutil.rmtree(folder, ignore_errors=True)
    bench.check(f"briefing ingest of {len(texts)} train articles with defaults >= {TARGET_DEFAULT_INGEST}x spaCy's "
                f"one-core nlp.pipe, whole command against whole process ({ingest.vs_spacy:.2f}x; against "
                f"nlp.pipe alone {against_pipe:.2f}x)", ingest.vs_spacy >= TARGET_DEFAULT_INGEST)
    bench.check(f"no-op briefing ingest < {TARGET_DEFAULT_NOOP_SECONDS:.0f} s ({noop.seconds:.2f} s)",
                noop.seconds < TARGET_DEFAULT_NOOP_SECONDS)
    bench.check(f"briefing run on the seeds < {TARGET_DEFAULT_RUN_SECONDS:.0f} s ({run.seconds:.2f} s)",
                run.seconds < TARGET_DEFAULT_RUN_SECONDS)


def baseline_rate(words: int, seconds: list[float]) -> float:
    """spaCy's one-core words/s from several runs over the same words: against their mean time."""
    return words / statistics.mean(seconds)


def rebase(rows: list[Row], rate: float) -> None:
    """Set each throughput row's ratio against ``rate`` (words/s)."""
    for row in rows:
        if row.words and row.seconds:
            row.vs_spacy = (row.words / row.seconds) / rate


def summary_rows(db: Path, bench: Bench, add: Callable[[Row], Row]) -> None:
    """Build the synthetic store and time each summary question on its last day."""
    db.unlink(missing_ok=True)
    m = _step("synthetic", str(db))
    built = m.result()
    counts = built["counts"]
    add(Row(f"build synthetic store: {counts['mentions']:,} mentions", built["seconds"], counts["documents"],
            peak_rss_mb=m.peak_rss_mb, note=f"{SYNTHETIC['days']} days; db {built['db_mb']:,.0f} MB; "
                                             + ", ".join(f"{k} {v:,}" for k, v in counts.items())))
    day = SYNTHETIC["day_one"].toordinal() + SYNTHETIC["days"] - 1
    measured = _step("queries", str(db), date.fromordinal(day).isoformat(), SUMMARY_TZ).result()
    add(Row("open the database, first result", measured["open_seconds"],
            note="connection and the one-time start of Arrow results, whatever the data"))
    timings = measured["queries"]
    for name, t in timings.items():
        add(Row(f"summary query {name}", t["cold"], note=f"warm {t['warm']:.3f} s; {t['rows']:,} rows"))
    slowest = max(timings, key=lambda k: timings[k]["cold"])
    bench.check(f"each summary query < {TARGET_QUERY_SECONDS} s at {counts['mentions']:,} mentions "
                f"(slowest {slowest} {timings[slowest]['cold']:.3f} s)",
                timings[slowest]["cold"] < TARGET_QUERY_SECONDS)


def main_json(rows: list[Row]) -> str:
    return json.dumps([r.__dict__ for r in rows], indent=1)


if __name__ == "__main__":
    STEPS[sys.argv[1]](*sys.argv[2:])
