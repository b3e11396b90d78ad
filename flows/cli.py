"""The `briefing` command: run, ingest, extract, summary, serve, bench."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .offline import quiet_network

quiet_network()


def cmd_extract(args: argparse.Namespace) -> int:
    """Print one JSON object per file: the extraction in the scorer's format."""
    from .extraction.pipeline import extract_many, prediction_record
    from .parsing import RejectedInput, decode_bytes, parse_document

    items = []
    failed = 0
    for name in args.files:
        try:
            text = decode_bytes(Path(name).read_bytes()).text
        except (OSError, RejectedInput) as exc:
            print(f"briefing extract: {name}: {exc}", file=sys.stderr)
            failed += 1
            continue
        items.append((name, text, parse_document(text)))
    parsed_by_path = {name: parsed for name, _, parsed in items}
    for name, extraction in extract_many(items, n_process=args.n_process):
        record = prediction_record(name, parsed_by_path[name], extraction)
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    return 1 if failed else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="briefing", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    extract = sub.add_parser("extract", help="print extracted actors, claims and polls as JSON Lines")
    extract.add_argument("files", nargs="+", help="article files")
    extract.add_argument("--n-process", type=int, default=1, help="spaCy worker processes")
    extract.set_defaults(func=cmd_extract)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
