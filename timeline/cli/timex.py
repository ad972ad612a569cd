"""`timeline timex`: time expressions of a text, resolved against its publication date.

Stable interfaces (outside scripts call them exactly so):

    timeline timex FILE --dct YYYY-MM-DD   -> a JSON list of TimeExpression.to_json()
    timeline timex --batch                 -> stdin JSON lines {"id","text","dct"},
                                              stdout one JSON line {"id","timexes"} per input

Offsets are Python str indices into the decoded text (``timeline.ingest.decode.decode``, the
one decoder: a byte-order mark removed, line endings untouched).
"""
from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import BinaryIO

import click

try:  # faster JSON when it happens to be installed; the stdlib does the same job
    import orjson
except ImportError:  # pragma: no cover - depends on the machine
    orjson = None


def parse_dct(value: str) -> date:
    """'YYYY-MM-DD' (a full ISO timestamp is cut to its date) -> date; ValueError otherwise."""
    from timeline.ingest.dates import parse_day

    return parse_day(value)


def _dct_option(ctx, param, value):
    if value is None:
        return None
    try:
        return parse_dct(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc), ctx=ctx, param=param) from None


def load_tagger() -> Callable:
    """The rule-based tagger, tag_time(text, reference) (its pipeline is cached per process)."""
    try:
        from timeline.temporal import tag_time
    except ImportError as exc:
        raise click.ClickException(f"the temporal tagger is not available: {exc}") from None
    return tag_time


def _dumps(obj) -> bytes:
    """One JSON line; never NaN or Infinity (not JSON): an input that sent them gets them
    back as null."""
    if orjson is not None:
        try:
            return orjson.dumps(obj)  # NaN and Infinity become null
        except TypeError:  # integers beyond 64 bits, lone surrogates
            pass
    try:
        return json.dumps(obj, allow_nan=False).encode("ascii")
    except ValueError:
        return json.dumps(_finite(obj)).encode("ascii")


def _finite(obj):
    if isinstance(obj, float) and not math.isfinite(obj):
        return None
    if isinstance(obj, dict):
        return {k: _finite(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_finite(v) for v in obj]
    return obj


def _loads(raw: bytes):
    if orjson is not None:
        try:
            return orjson.loads(raw)
        except orjson.JSONDecodeError:
            pass  # the stdlib decides (and gives the reason)
    return json.loads(raw.decode("utf-8"))


def batch_item(raw: bytes, line_no: int, tagger: Callable, default_dct: date | None = None) -> dict:
    """One input line -> {"id","timexes"} or {"id","error"}; never raises."""
    try:
        item = _loads(raw.removeprefix(b"\xef\xbb\xbf"))
    except UnicodeDecodeError as exc:
        return {"id": None, "error": f"line {line_no}: not UTF-8 ({exc.reason} at byte {exc.start})"}
    except ValueError as exc:
        return {"id": None, "error": f"line {line_no}: invalid JSON ({exc})"}
    except RecursionError:
        return {"id": None, "error": f"line {line_no}: JSON nested too deeply"}
    if not isinstance(item, dict):
        return {"id": None, "error": f"line {line_no}: expected a JSON object with id, text, dct"}
    ident = item.get("id")
    text = item.get("text")
    if not isinstance(text, str):
        return {"id": ident, "error": f'line {line_no}: "text" is missing or not a string'}
    if item.get("dct") is None and default_dct is not None:
        dct = default_dct
    else:
        try:
            dct = parse_dct(item.get("dct"))
        except ValueError as exc:
            reason = "is missing" if item.get("dct") is None else f"is wrong: {exc}"
            return {"id": ident, "error": f'line {line_no}: "dct" {reason}'}
    try:
        found = tagger(text, dct)
    except Exception as exc:  # noqa: BLE001 - one bad text must not stop the batch
        return {"id": ident, "error": f"line {line_no}: tagging failed ({type(exc).__name__}: {exc})"}
    return {"id": ident, "timexes": [t.to_json() for t in found]}


def run_batch(lines: Iterable[bytes], out: BinaryIO, tagger: Callable, default_dct: date | None = None) -> int:
    """Stream: one output line per non-blank input line, in order, flushed each time."""
    count = 0
    for line_no, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        out.write(_dumps(batch_item(raw, line_no, tagger, default_dct)) + b"\n")
        out.flush()
        count += 1
    return count


@click.command("timex")
@click.argument("file", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dct", metavar="YYYY-MM-DD", callback=_dct_option,
              help="Publication date of FILE: the reference for 'yesterday', 'on Tuesday'... "
                   "With --batch, the default for lines without a dct.")
@click.option("--batch", is_flag=True,
              help='Read JSON lines {"id","text","dct"} on stdin; write {"id","timexes"} '
                   'lines (or {"id","error"}) on stdout, one per input line, in order.')
def timex(file: Path | None, dct: date | None, batch: bool):
    """Find the time expressions of FILE and resolve them against --dct (JSON on stdout).

    Each expression: start, end (str offsets into the decoded text), text, type (DATE, TIME,
    DURATION, SET), value (TIMEX3), start_date, end_date (the interval) and granularity.
    """
    if batch:
        if file is not None:
            raise click.UsageError("give FILE or --batch, not both")
        run_batch(click.get_binary_stream("stdin"), click.get_binary_stream("stdout"), load_tagger(), dct)
        return
    if file is None:
        raise click.UsageError("missing FILE (or --batch to read JSON lines on stdin)")
    if dct is None:
        raise click.MissingParameter(param_type="option", param_hint="'--dct'",
                                     message="Give the publication date of FILE as YYYY-MM-DD.")
    from timeline.ingest.decode import decode
    from timeline.ingest.errors import IngestError

    try:
        data = file.read_bytes()
        text = decode(data, str(file)) if data.strip() else ""
    except OSError as exc:
        raise click.ClickException(f"{file}: cannot read ({exc.strerror or exc})") from None
    except IngestError as exc:
        raise click.ClickException(str(exc)) from None
    found = []
    if text.strip():
        tagger = load_tagger()
        try:
            found = tagger(text, dct)
        except Exception as exc:  # noqa: BLE001 - reported with the file name, no traceback
            raise click.ClickException(f"{file}: tagging failed ({type(exc).__name__}: {exc})") from None
    payload = json.dumps([t.to_json() for t in found], indent=2, ensure_ascii=False)
    click.get_binary_stream("stdout").write(payload.encode("utf-8") + b"\n")
