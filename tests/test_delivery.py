"""Slack delivery against a recording stand-in on 127.0.0.1: exactly once, retries, clear failures."""

from __future__ import annotations

import json
from datetime import date

import duckdb
import pytest

from flows.delivery import EVENT_TYPE, SlackGateway, deliver, load_delivery
from tests import slack_standin
from tests.slack_standin import TOKEN

DAY = date(2024, 3, 1)
MESSAGE = {"text": "Daily briefing 2024-03-01", "blocks": [
    {"type": "header", "text": {"type": "plain_text", "text": "Daily briefing: 2024-03-01"}},
    {"type": "section", "text": {"type": "mrkdwn", "text": "&lt;!channel&gt; is text here"}}]}
FILES = [("briefing-2024-03-01.html", b"<html>report</html>"), ("poll-figures-2024-03-01.png", b"\x89PNG fake")]


@pytest.fixture
def slack():
    standin = slack_standin.start()
    yield standin
    slack_standin.stop(standin)


def _deliver(settings, slack, token=TOKEN, channel="#briefing", files=FILES, timeout=5.0, attempts=3):
    gateway = SlackGateway(token, base_url=slack.base_url, timeout=timeout, rate_limit_retries=2)
    return deliver(settings.db_path, gateway, DAY, channel, MESSAGE, files=files, report_path="reports/x.html",
                   max_attempts=attempts, backoff_base=0.01)


def _stored(settings) -> list[tuple]:
    with duckdb.connect(str(settings.db_path), read_only=True) as con:
        return con.execute("select * from deliveries").fetchall()


def test_posts_once_with_metadata_and_files_then_never_again(settings, slack):
    first = _deliver(settings, slack)
    assert first.status == "posted", first.message
    (post,) = slack.posts
    assert post.headers["authorization"] == f"Bearer {TOKEN}"
    assert post.body["channel"] == "#briefing"
    assert post.body["blocks"] == MESSAGE["blocks"]
    assert post.body["metadata"]["event_type"] == EVENT_TYPE
    assert post.body["metadata"]["event_payload"]["day"] == "2024-03-01"
    complete = slack.calls_to("files.completeUploadExternal")
    assert len(complete) == 1 and complete[0].body["thread_ts"] == first.delivery.message_ts
    assert len(slack.uploads) == 2

    again = _deliver(settings, slack)
    assert again.status == "already_posted" and "not posting again" in again.message
    assert len(slack.posts) == 1
    assert len(slack.uploads) == 2
    record = load_delivery(settings.db_path, DAY, "#briefing")
    assert record.status == "posted" and record.files_uploaded and record.channel_id == "C0BRIEFING"


def test_rate_limit_follows_retry_after(settings, slack):
    slack.fail("chat.postMessage", ("status", 429, {"Retry-After": "1"}))
    result = _deliver(settings, slack, files=())
    assert result.status == "posted"
    assert len(slack.posts) == 2  # the 429, then the retry the SDK made after Retry-After
    assert len(slack.messages["C0BRIEFING"]) == 1


def test_server_error_is_retried_after_checking_it_did_not_post(settings, slack):
    slack.fail("chat.postMessage", ("status", 500))
    result = _deliver(settings, slack, files=())
    assert result.status == "posted"
    assert len(slack.calls_to("conversations.history")) == 1
    assert len(slack.messages["C0BRIEFING"]) == 1
    assert load_delivery(settings.db_path, DAY, "#briefing").attempts == 2


def test_lost_response_is_found_by_metadata_not_posted_twice(settings, slack):
    slack.fail("chat.postMessage", ("drop",))  # Slack posts, the answer never arrives
    result = _deliver(settings, slack, files=())
    assert result.status == "posted"
    assert len(slack.posts) == 1
    (message,) = slack.messages["C0BRIEFING"]
    assert result.delivery.message_ts == message["ts"]
    history = slack.calls_to("conversations.history")[0]
    assert str(history.body["include_all_metadata"]) in {"1", "true"}


def test_timeout_then_found(settings, slack):
    slack.fail("chat.postMessage", ("delay", 2.5))
    result = _deliver(settings, slack, files=(), timeout=1)
    assert result.status == "posted"
    assert len(slack.messages["C0BRIEFING"]) == 1


def test_invalid_token_is_a_clear_failure_without_the_token_and_a_later_run_posts(settings, slack):
    bad = "xoxb-wrong-token-123"
    result = _deliver(settings, slack, token=bad)
    assert result.status == "failed"
    assert "invalid_auth" in result.message and "BRIEFING_SLACK_TOKEN" in result.message
    assert len(slack.posts) == 1  # not retried: retrying cannot fix a bad token
    assert bad not in repr(_stored(settings)) and TOKEN not in repr(_stored(settings))

    fixed = _deliver(settings, slack)
    assert fixed.status == "posted"
    assert len(slack.messages["C0BRIEFING"]) == 1


def test_unknown_channel_is_recorded_with_its_name(settings, slack):
    result = _deliver(settings, slack, channel="#nope")
    assert result.status == "failed"
    assert "#nope" in result.message and "channel_not_found" in result.message
    assert load_delivery(settings.db_path, DAY, "#nope").status == "failed"


def test_persistent_server_errors_leave_it_pending_and_the_next_run_delivers_once(settings, slack):
    slack.fail("chat.postMessage", ("status", 503), ("status", 503), ("status", 503))
    result = _deliver(settings, slack, files=(), attempts=3)
    assert result.status == "pending"
    assert "HTTP 503" in result.message and "next run" in result.message
    record = load_delivery(settings.db_path, DAY, "#briefing")
    assert record.status == "pending" and record.attempts == 3
    assert json.loads(record.payload) == MESSAGE

    retry = _deliver(settings, slack, files=())
    assert retry.status == "posted"
    assert len(slack.messages["C0BRIEFING"]) == 1


# --- recovery paths (issue 18) ------------------------------------------------------------------------


def test_a_rate_limit_that_outlasts_the_retries_leaves_it_pending_and_the_next_run_posts_once(settings, slack):
    # each try: the first 429 and the SDK's 2 retries after Retry-After; 2 tries in the run
    slack.fail("chat.postMessage", *[("status", 429, {"Retry-After": "0"})] * 6)
    result = _deliver(settings, slack, files=(), attempts=2)
    assert result.status == "pending" and "HTTP 429" in result.message and "next run" in result.message
    assert slack.messages["C0BRIEFING"] == []
    assert load_delivery(settings.db_path, DAY, "#briefing").status == "pending"

    later = _deliver(settings, slack, files=())
    assert later.status == "posted" and len(slack.messages["C0BRIEFING"]) == 1


@pytest.mark.parametrize("fault", [("status", 429, {"Retry-After": "0"}), ("status", 500), ("status", 503)])
@pytest.mark.parametrize("method", ["files.getUploadURLExternal", "files.completeUploadExternal"])
def test_a_rate_limit_or_server_error_on_an_upload_is_retried_and_the_files_go_up_once(settings, slack, method,
                                                                                      fault):
    slack.fail(method, fault)
    result = _deliver(settings, slack)
    assert result.status == "posted", result.message
    assert len(slack.posts) == 1 and len(slack.uploads) == 2
    normal = {"files.getUploadURLExternal": 2, "files.completeUploadExternal": 1}  # a URL per file, one completion
    assert len(slack.calls_to(method)) == normal[method] + 1  # and the failed call's retry
    assert load_delivery(settings.db_path, DAY, "#briefing").files_uploaded


def test_an_upload_failing_after_the_post_is_retried_by_the_next_run_without_a_second_post(settings, slack):
    slack.fail("files.getUploadURLExternal", *[("status", 500)] * 3)  # the first try and both SDK retries
    first = _deliver(settings, slack)
    assert first.status == "posted" and "uploading the report failed" in first.message
    record = load_delivery(settings.db_path, DAY, "#briefing")
    assert record.status == "posted" and not record.files_uploaded and slack.uploads == []

    second = _deliver(settings, slack)
    assert second.status == "already_posted"
    assert len(slack.posts) == 1 and len(slack.uploads) == 2
    (complete,) = slack.calls_to("files.completeUploadExternal")
    assert complete.body["thread_ts"] == record.message_ts  # in the thread of the one post
    assert load_delivery(settings.db_path, DAY, "#briefing").files_uploaded


def test_a_later_run_delivers_an_earlier_days_pending_post(settings, slack, tmp_path):
    from flows.daily_summary import retry_unfinished

    slack.fail("chat.postMessage", ("status", 503), ("status", 503))
    report = tmp_path / "2024-03-01.html"
    report.write_text("<html>the first day</html>")
    gateway = SlackGateway(TOKEN, base_url=slack.base_url, timeout=5, rate_limit_retries=0)
    pending = deliver(settings.db_path, gateway, DAY, "#briefing", MESSAGE, files=(), report_path=str(report),
                      max_attempts=2, backoff_base=0.01)
    assert pending.status == "pending"

    later = settings.model_copy(update={"slack_base_url": slack.base_url, "slack_max_attempts": 2})
    results = retry_unfinished(later, TOKEN, skip=(date(2024, 3, 2), "#briefing"), backoff_base=0.01)
    assert [(r.status, r.delivery.day) for r in results] == [("posted", DAY)]
    (message,) = slack.messages["C0BRIEFING"]
    assert message["metadata"]["event_payload"]["day"] == "2024-03-01"
    assert slack.posts[-1].body["blocks"] == MESSAGE["blocks"]  # the message of its day, as first built
    assert len(slack.uploads) == 1  # its report, attached in the thread
    assert retry_unfinished(later, TOKEN, backoff_base=0.01) == []  # done: nothing left for the next run
