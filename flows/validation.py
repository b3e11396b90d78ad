"""Validate the rows just loaded against the Great Expectations suites in ``expectations/``.

Rows that fail an expectation are quarantined: kept, marked ``quarantined`` and left out of
summaries; every check's outcome goes to ``validation_results``. GX takes seconds to import, so it
is imported only inside :func:`run_suites`, and only when there is something to validate.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import polars as pl

from .config import PROJECT_ROOT, Settings
from .offline import quiet_network
from .storage import connect, load_frames, query

EXPECTATIONS_DIR = PROJECT_ROOT / "expectations"
SUITES = ("documents", "actors", "mentions", "claims", "poll_figures")
MAX_EXAMPLES = 5


@dataclass
class CheckResult:
    """The outcome of one expectation on one suite's frame."""

    suite: str
    expectation: str
    columns: str
    success: bool
    element_count: int
    unexpected_count: int
    failing_keys: list[str] = field(default_factory=list)
    examples: list[dict] = field(default_factory=list)
    error: str | None = None


@dataclass
class ValidationReport:
    """What a validation run checked and what it quarantined."""

    validation_id: str
    documents: int = 0
    results: list[CheckResult] = field(default_factory=list)
    quarantined: dict[str, int] = field(default_factory=dict)

    @property
    def failed(self) -> list[CheckResult]:
        return [r for r in self.results if not r.success]

    def lines(self) -> list[str]:
        if not self.documents:
            return ["validation: nothing new to validate"]
        out = [f"validation: {len(self.results)} checks on {self.documents} documents, {len(self.failed)} failed; "
               f"quarantined rows: {sum(self.quarantined.values())}"]
        for r in self.failed:
            what = r.error or f"{r.unexpected_count} of {r.element_count} rows"
            out.append(f"  {r.suite}: {r.expectation} ({r.columns}): {what}")
        return out

    def as_dict(self) -> dict:
        return {"validation_id": self.validation_id, "documents": self.documents, "checks": len(self.results),
                "failed": [(r.suite, r.expectation, r.columns, r.unexpected_count) for r in self.failed],
                "quarantined": dict(self.quarantined)}


def load_suite_dicts(directory: Path = EXPECTATIONS_DIR) -> dict[str, dict]:
    """The suites as stored: ``expectations/<table>.json`` for each validated table."""
    return {name: json.loads((directory / f"{name}.json").read_text(encoding="utf-8")) for name in SUITES}


def _columns(kwargs: Mapping) -> str:
    """The column(s) an expectation looks at, with its row condition if any (e.g. ``value [unit == percent]``)."""
    if "column" in kwargs:
        out = str(kwargs["column"])
    elif "column_list" in kwargs:
        out = ",".join(kwargs["column_list"])
    elif "column_A" in kwargs:
        out = f"{kwargs['column_A']},{kwargs['column_B']}"
    else:
        out = ""
    condition = kwargs.get("row_condition")
    if isinstance(condition, Mapping) and {"column", "operator", "parameter"} <= set(condition):
        condition = f"{condition['column']['name']} {condition['operator']} {condition['parameter']}"
    elif isinstance(condition, Mapping):
        condition = condition.get("pass_through_filter") or json.dumps(condition, sort_keys=True, default=str)
    elif condition is not None and not isinstance(condition, str):
        condition = str(condition)
    return f"{out} [{condition}]" if condition else out


def _plain(value):
    """JSON-friendly value (numpy scalars, timestamps) for the stored examples."""
    if hasattr(value, "item") and not isinstance(value, str | bytes):
        try:
            return value.item()
        except (TypeError, ValueError):
            pass
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)


def run_suites(frames: Mapping[str, pl.DataFrame], suites: Mapping[str, dict]) -> list[CheckResult]:
    """Run each suite on its frame (column ``row_key`` identifies a row) with GX's pandas datasource."""
    todo = {name: frame for name, frame in frames.items() if frame.height}
    if not todo:
        return []
    quiet_network()
    logging.getLogger("great_expectations").setLevel(logging.WARNING)
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    logging.getLogger("great_expectations").setLevel(logging.WARNING)

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    source = context.data_sources.add_pandas("briefing")
    results: list[CheckResult] = []
    for name, frame in todo.items():
        batch = source.add_dataframe_asset(name).add_batch_definition_whole_dataframe("loaded")
        suite = context.suites.add(gx.ExpectationSuite(**suites[name]))
        definition = context.validation_definitions.add(gx.ValidationDefinition(name=name, data=batch, suite=suite))
        outcome = definition.run(
            batch_parameters={"dataframe": frame.to_pandas()},
            result_format={"result_format": "COMPLETE", "unexpected_index_column_names": ["row_key"]},
        )
        for item in outcome.results:
            config = item.expectation_config
            info = item.exception_info or {}
            raised = info.get("raised_exception") if isinstance(info, dict) else False
            result = item.result or {}
            index = result.get("unexpected_index_list") or []
            keys = list(dict.fromkeys(str(row["row_key"]) for row in index if isinstance(row, dict)))
            examples = [{k: _plain(v) for k, v in row.items()} for row in index[:MAX_EXAMPLES]]
            results.append(CheckResult(
                suite=name, expectation=config.type, columns=_columns(config.kwargs),
                success=bool(item.success), element_count=int(result.get("element_count") or 0),
                unexpected_count=int(result.get("unexpected_count") or 0), failing_keys=keys,
                examples=examples, error=str(info.get("exception_message")) if raised else None))
    return results


def result_rows(validation_id: str, results: Sequence[CheckResult], now: datetime) -> list[dict]:
    return [{"validation_id": validation_id, "suite": r.suite, "expectation": r.expectation, "columns": r.columns,
             "success": r.success, "element_count": r.element_count, "unexpected_count": r.unexpected_count,
             "examples": json.dumps(r.examples, ensure_ascii=False) if r.examples else None,
             "error": r.error, "validated_at": now} for r in results]


def quarantine_rows(
    validation_id: str, results: Sequence[CheckResult], document_of: Mapping[tuple[str, str], str], now: datetime
) -> list[dict]:
    """One row per (failing row, failed expectation); ``document_of`` maps (table, row key) to its document."""
    rows = {}
    for r in results:
        for key in r.failing_keys:
            rows[(r.suite, key, r.expectation, r.columns)] = {
                "table_name": r.suite, "row_key": key, "document_id": document_of.get((r.suite, key)),
                "validation_id": validation_id, "suite": r.suite, "expectation": r.expectation,
                "columns": r.columns, "quarantined_at": now}
    return list(rows.values())


def validate_documents(
    settings: Settings, document_ids: Sequence[str], validation_id: str | None = None, now: datetime | None = None
) -> ValidationReport:
    """Validate the rows of these (just loaded) documents; store the results and quarantine failing rows."""
    report = ValidationReport(validation_id or uuid.uuid4().hex[:12], documents=len(document_ids))
    if not document_ids:
        return report
    ids = list(dict.fromkeys(document_ids))
    with connect(settings.db_path) as con:
        frames = {name: query(con, f"validation/{name}", {"ids": ids}) for name in SUITES}
    report.results = run_suites(frames, load_suite_dicts())
    document_of = {(name, key): doc for name, frame in frames.items() if frame.height
                   for key, doc in zip(frame["row_key"], frame["document_id"], strict=True)}
    now = now or datetime.now(UTC)
    quarantined = quarantine_rows(report.validation_id, report.results, document_of, now)
    for table, _key in {(row["table_name"], row["row_key"]) for row in quarantined}:
        report.quarantined[table] = report.quarantined.get(table, 0) + 1
    with connect(settings.db_path) as con:
        load_frames(con, [
            ("validation_results", pl.DataFrame(result_rows(report.validation_id, report.results, now),
                                                infer_schema_length=None)),
            ("validated_documents", pl.DataFrame({"validation_id": [report.validation_id] * len(ids),
                                                  "document_id": ids})),
            ("quarantine", pl.DataFrame(quarantined, infer_schema_length=None)),
        ])
    return report
