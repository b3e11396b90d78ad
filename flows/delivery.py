"""Deliver the daily summary to Slack exactly once per (day, channel).

- ``SlackGateway``: a thin adapter over slack-sdk's ``WebClient`` (429s follow ``Retry-After`` through
  ``RateLimitErrorRetryHandler``; idempotent reads and uploads also retry 5xx and connection errors).
- ``deliver``: the exactly-once logic over the ``deliveries`` table. The record is written as
  ``pending`` before posting; every post carries ``metadata`` with an idempotency key, so after a post
  whose response was lost (timeout, dropped connection, 5xx) the next try first looks for it with
  ``conversations.history`` instead of posting twice. Errors that retrying cannot fix (bad token,
  unknown channel) are recorded as ``failed`` with a clear message; the report stays on disk and a
  later run tries again. The token never appears in what is logged, stored or raised.
"""

from __future__ import annotations

import hashlib
import http.client
import json
import socket
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from urllib.error import URLError

import polars as pl

from .storage import connect, load_frames, query

EVENT_TYPE = "briefing_daily_summary"

# Slack error codes that no retry will fix, with what to tell the operator.
PERMANENT_ERRORS = {
    "invalid_auth": "Slack rejected the token (invalid_auth): check BRIEFING_SLACK_TOKEN",
    "not_authed": "no Slack token was sent (not_authed)",
    "account_inactive": "the Slack token belongs to a deactivated account (account_inactive)",
    "token_revoked": "the Slack token was revoked (token_revoked)",
    "token_expired": "the Slack token expired (token_expired)",
    "no_permission": "the Slack app lacks permission (no_permission)",
    "missing_scope": "the Slack app lacks a scope it needs (missing_scope)",
    "channel_not_found": "Slack does not know the channel {channel} (channel_not_found): check BRIEFING_SLACK_CHANNEL "
                         "and that the app was invited",
    "not_in_channel": "the Slack app is not in {channel} (not_in_channel): invite it",
    "is_archived": "the Slack channel {channel} is archived (is_archived)",
    "invalid_blocks": "Slack refused the message blocks (invalid_blocks)",
    "msg_too_long": "Slack refused the message as too long (msg_too_long)",
}


class SlackFailure(Exception):
    """A Slack call failed; ``retryable`` says whether trying again may help, ``maybe_posted`` whether a
    post might have gone through anyway (response lost)."""

    def __init__(self, message: str, *, retryable: bool, maybe_posted: bool = False):
        super().__init__(message)
        self.retryable = retryable
        self.maybe_posted = maybe_posted


def redact(text: str, secret: str | None) -> str:
    """``text`` with the token (and anything that looks like a Slack token) blanked out."""
    if secret:
        text = text.replace(secret, "[redacted]")
    import re

    return re.sub(r"xox[abposr]-[A-Za-z0-9-]+", "[redacted]", text)


def idempotency_key(day: date, channel: str) -> str:
    return hashlib.sha256(f"briefing:{day.isoformat()}:{channel}".encode()).hexdigest()[:24]


class SlackGateway:
    """The few Slack Web API calls the summary needs, with errors mapped to ``SlackFailure``."""

    def __init__(self, token: str, base_url: str | None = None, timeout: float = 30.0, rate_limit_retries: int = 3):
        from slack_sdk import WebClient
        from slack_sdk.http_retry.builtin_handlers import (
            ConnectionErrorRetryHandler,
            RateLimitErrorRetryHandler,
            ServerErrorRetryHandler,
        )

        kwargs = {"token": token, "timeout": max(1, int(round(timeout)))}
        if base_url:
            kwargs["base_url"] = base_url if base_url.endswith("/") else base_url + "/"
        self._token = token
        # Posting: only 429 is retried inside the client (Slack did not post); other failures go back to
        # ``deliver``, which checks for the post before trying again.
        self.poster = WebClient(**kwargs)
        self.poster.retry_handlers = [RateLimitErrorRetryHandler(max_retry_count=rate_limit_retries)]
        # Reads and uploads are safe to repeat: retry rate limits, 5xx and connection errors.
        self.reader = WebClient(**kwargs)
        self.reader.retry_handlers = [RateLimitErrorRetryHandler(max_retry_count=rate_limit_retries),
                                      ServerErrorRetryHandler(max_retry_count=2),
                                      ConnectionErrorRetryHandler(max_retry_count=2)]

    def _failure(self, exc: Exception, channel: str, posting: bool) -> SlackFailure:
        from slack_sdk.errors import SlackApiError

        if isinstance(exc, SlackApiError):
            status = getattr(exc.response, "status_code", None)
            data = getattr(exc.response, "data", None)
            code = data.get("error") if isinstance(data, dict) else None
            if code in PERMANENT_ERRORS:
                return SlackFailure(PERMANENT_ERRORS[code].format(channel=channel), retryable=False)
            if status == 429 or code == "ratelimited":
                retry_after = (exc.response.headers or {}).get("Retry-After") or \
                    (exc.response.headers or {}).get("retry-after")
                return SlackFailure(f"Slack rate limit (HTTP 429, Retry-After {retry_after}) persisted",
                                    retryable=True)
            if status is not None and status >= 500:
                return SlackFailure(f"Slack server error (HTTP {status}{', ' + code if code else ''})",
                                    retryable=True, maybe_posted=posting)
            return SlackFailure(redact(f"Slack API error {code or status}", self._token), retryable=code in {
                "internal_error", "fatal_error", "service_unavailable", "request_timeout"}, maybe_posted=posting)
        if isinstance(exc, TimeoutError | socket.timeout):
            return SlackFailure("Slack did not answer in time (timeout)", retryable=True, maybe_posted=posting)
        if isinstance(exc, URLError | ConnectionError | http.client.HTTPException | OSError):
            reason = getattr(exc, "reason", None) or type(exc).__name__
            return SlackFailure(redact(f"connection to Slack failed ({reason})", self._token), retryable=True,
                                maybe_posted=posting)
        return SlackFailure(redact(f"Slack call failed: {type(exc).__name__}: {exc}", self._token), retryable=False)

    def post(self, channel: str, text: str, blocks: list[dict], metadata: dict) -> tuple[str, str]:
        """Post the message; returns (channel id, message ts)."""
        try:
            response = self.poster.chat_postMessage(channel=channel, text=text, blocks=blocks, metadata=metadata,
                                                    unfurl_links=False, unfurl_media=False)
        except Exception as exc:  # noqa: BLE001 - mapped to a SlackFailure with a safe message
            raise self._failure(exc, channel, posting=True) from None
        return response["channel"], response["ts"]

    def channel_id(self, channel: str) -> str:
        """The id of a channel given by id or by name (``#briefing``)."""
        name = channel.lstrip("#")
        if name[:1] in {"C", "G", "D"} and name.isupper() and name.isalnum():
            return name
        cursor = None
        try:
            while True:
                response = self.reader.conversations_list(types="public_channel,private_channel", limit=200,
                                                          exclude_archived=True, cursor=cursor)
                for item in response.get("channels", []):
                    if item.get("name") == name:
                        return item["id"]
                cursor = (response.get("response_metadata") or {}).get("next_cursor")
                if not cursor:
                    break
        except Exception as exc:  # noqa: BLE001
            raise self._failure(exc, channel, posting=False) from None
        raise SlackFailure(PERMANENT_ERRORS["channel_not_found"].format(channel=channel), retryable=False)

    def find_post(self, channel: str, key: str, oldest: float) -> tuple[str, str] | None:
        """(channel id, ts) of a message we posted with this idempotency key since ``oldest``, if any."""
        channel_id = self.channel_id(channel)
        try:
            response = self.reader.conversations_history(channel=channel_id, oldest=f"{oldest:.6f}", limit=200,
                                                         include_all_metadata=True)
        except Exception as exc:  # noqa: BLE001
            raise self._failure(exc, channel, posting=False) from None
        for message in response.get("messages", []):
            meta = message.get("metadata") or {}
            if meta.get("event_type") == EVENT_TYPE and (meta.get("event_payload") or {}).get("key") == key:
                return channel_id, message["ts"]
        return None

    def upload(self, channel_id: str, thread_ts: str, files: Sequence[tuple[str, bytes]]) -> None:
        """Upload (filename, content) pairs into the post's thread."""
        uploads = [{"content": content, "filename": name, "title": name} for name, content in files]
        try:
            self.reader.files_upload_v2(channel=channel_id, thread_ts=thread_ts, file_uploads=uploads)
        except Exception as exc:  # noqa: BLE001
            raise self._failure(exc, channel_id, posting=False) from None


@dataclass
class Delivery:
    """One row of ``deliveries``."""

    day: date
    channel: str
    status: str = "pending"  # pending | posted | failed
    idempotency_key: str = ""
    report_path: str | None = None
    message_ts: str | None = None
    channel_id: str | None = None
    attempts: int = 0
    last_error: str | None = None
    created_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    updated_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    posted_at: datetime | None = None
    payload: str | None = None
    files_uploaded: bool = False

    def row(self) -> dict:
        return dict(self.__dict__)


def load_delivery(db_path: Path, day: date, channel: str) -> Delivery | None:
    with connect(db_path) as con:
        rows = query(con, "delivery/record", {"day": day, "channel": channel}).to_dicts()
    return _delivery(rows[0]) if rows else None


def unfinished_deliveries(db_path: Path) -> list[Delivery]:
    with connect(db_path) as con:
        return [_delivery(row) for row in query(con, "delivery/unfinished").to_dicts()]


def _delivery(row: dict) -> Delivery:
    row = dict(row)
    row["files_uploaded"] = bool(row.get("files_uploaded"))
    return Delivery(**{k: v for k, v in row.items() if k in Delivery.__dataclass_fields__})


def save_delivery(db_path: Path, delivery: Delivery) -> None:
    delivery.updated_at = datetime.now(UTC)
    schema = {"day": pl.Date, "channel": pl.String, "status": pl.String, "idempotency_key": pl.String,
              "report_path": pl.String, "message_ts": pl.String, "channel_id": pl.String, "attempts": pl.Int32,
              "last_error": pl.String, "created_at": pl.Datetime("us", "UTC"),
              "updated_at": pl.Datetime("us", "UTC"), "posted_at": pl.Datetime("us", "UTC"),
              "payload": pl.String, "files_uploaded": pl.Boolean}
    with connect(db_path) as con:
        load_frames(con, [("deliveries", pl.DataFrame([delivery.row()], schema=schema))])


@dataclass
class DeliveryResult:
    """What ``deliver`` did, for the console and the flow result."""

    status: str  # posted | already_posted | pending | failed
    message: str
    delivery: Delivery

    @property
    def ok(self) -> bool:
        return self.status in {"posted", "already_posted"}


def _backoff(attempt: int, base: float, cap: float = 30.0) -> float:
    return min(cap, base * 2 ** (attempt - 1))


def deliver(
    db_path: Path,
    gateway: SlackGateway,
    day: date,
    channel: str,
    message: dict,
    files: Sequence[tuple[str, bytes]] = (),
    report_path: str | None = None,
    max_attempts: int = 4,
    backoff_base: float = 1.0,
    sleep: Callable[[float], None] = time.sleep,
) -> DeliveryResult:
    """Post ``message`` (``text``, ``blocks``) for (day, channel) unless it was posted already; then its files.

    The state is kept in ``deliveries``; a rerun after success posts nothing, after a failure tries again.
    """
    record = load_delivery(db_path, day, channel)
    if record is None:
        record = Delivery(day=day, channel=channel, idempotency_key=idempotency_key(day, channel))
    if record.status != "posted":
        record.payload = json.dumps(message, ensure_ascii=False)
        record.report_path = report_path or record.report_path
        save_delivery(db_path, record)  # pending before posting: a crash mid-post leaves a trace
        _post(db_path, gateway, record, message, max_attempts, backoff_base, sleep)
        if record.status != "posted":
            return DeliveryResult(record.status, record.last_error or record.status, record)
        status = "posted"
    else:
        status = "already_posted"
    if files and not record.files_uploaded:
        try:
            gateway.upload(record.channel_id or channel, record.message_ts, files)
            record.files_uploaded = True
        except SlackFailure as exc:
            record.last_error = f"posted, but uploading the report failed: {exc}"
        save_delivery(db_path, record)
    elif not files and not record.files_uploaded:
        record.files_uploaded = True
        save_delivery(db_path, record)
    text = (f"posted to {channel} (ts {record.message_ts})" if status == "posted"
            else f"already posted to {channel} on {record.posted_at:%Y-%m-%d %H:%M} UTC (ts {record.message_ts}); "
                 "not posting again")
    if record.last_error and status == "posted" and not record.files_uploaded:
        text += f"; {record.last_error}"
    return DeliveryResult(status, text, record)


def _post(db_path, gateway, record: Delivery, message: dict, max_attempts, backoff_base, sleep) -> None:
    metadata = {"event_type": EVENT_TYPE,
                "event_payload": {"day": record.day.isoformat(), "key": record.idempotency_key}}
    maybe_posted = record.attempts > 0  # an earlier run tried: its post may have gone through
    oldest = record.created_at.timestamp() - 60
    for attempt in range(1, max_attempts + 1):
        try:
            if maybe_posted:
                found = gateway.find_post(record.channel, record.idempotency_key, oldest)
                if found:
                    record.channel_id, record.message_ts = found
                    _mark_posted(record)
                    save_delivery(db_path, record)
                    return
            record.attempts += 1
            # Write-ahead: the attempt is on disk before the post, so a process killed after Slack posted
            # but before the record says so makes the next run look for the post instead of posting again.
            save_delivery(db_path, record)
            record.channel_id, record.message_ts = gateway.post(
                record.channel, message["text"], message["blocks"], metadata)
            _mark_posted(record)
            save_delivery(db_path, record)
            return
        except SlackFailure as exc:
            record.last_error = str(exc)
            maybe_posted = maybe_posted or exc.maybe_posted
            if not exc.retryable:
                record.status = "failed"
                save_delivery(db_path, record)
                return
            record.status = "pending"
            save_delivery(db_path, record)
            if attempt < max_attempts:
                sleep(_backoff(attempt, backoff_base))
    record.last_error = f"{record.last_error}; gave up after {max_attempts} tries, the next run tries again"
    save_delivery(db_path, record)


def _mark_posted(record: Delivery) -> None:
    record.status = "posted"
    record.posted_at = datetime.now(UTC)
    record.last_error = None
