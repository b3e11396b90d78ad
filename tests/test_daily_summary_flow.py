"""The daily-summary flow through the CLI under a test Prefect server, posting to the Slack stand-in."""

from __future__ import annotations

import json

import pytest

from flows.cli import EXIT_DELIVERY, EXIT_OK, main
from tests import slack_standin
from tests.slack_standin import TOKEN
from tests.test_summary import DAY2, two_days  # noqa: F401 - two days of rows, validated


@pytest.fixture
def slack():
    standin = slack_standin.start()
    yield standin
    slack_standin.stop(standin)


def _args(settings, *extra):
    return ["summary", "--day", DAY2.isoformat(), "--db", str(settings.db_path),
            "--reports", str(settings.reports_dir), *extra]


def test_summary_posts_once_and_publishes_artifacts(two_days, slack, prefect_server, monkeypatch, capfd,  # noqa: F811
                                                     caplog):
    monkeypatch.setenv("BRIEFING_SLACK_TOKEN", TOKEN)
    monkeypatch.setenv("BRIEFING_SLACK_BASE_URL", slack.base_url)
    assert main(_args(two_days)) == EXIT_OK
    assert main(_args(two_days)) == EXIT_OK  # a rerun does not post again
    (post,) = slack.posts
    blocks = post.body["blocks"]
    assert blocks[0]["text"]["text"] == "Daily briefing: 2024-03-02"
    text = "\n".join(b["text"]["text"] for b in blocks if "text" in b)
    assert "Sergei Lavrov" in text and "Levada Center: support 52% (-3 vs 55%)" in text
    assert "&lt;!channel&gt;" in text and "<!channel>" not in text
    assert len(slack.uploads) == 2  # the HTML report and the poll chart, in the post's thread
    assert (two_days.reports_dir / "2024-03-02.html").exists()
    out = capfd.readouterr()
    seen = caplog.text + out.out + out.err  # flow prints go to Prefect's logger
    assert "already posted" in seen
    assert TOKEN not in seen

    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    with get_client(sync_client=True) as client:
        artifacts = client.read_artifacts(
            artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=["daily-summary", "poll-figures"])))
    kinds = {(a.key, a.type) for a in artifacts}
    assert ("daily-summary", "markdown") in kinds and ("poll-figures", "table") in kinds
    assert any("Sergei Lavrov" in str(a.data) for a in artifacts if a.key == "daily-summary")


def test_no_token_writes_and_prints_the_report(two_days, prefect_server, monkeypatch, capfd, caplog):  # noqa: F811
    monkeypatch.delenv("BRIEFING_SLACK_TOKEN", raising=False)
    monkeypatch.setenv("BRIEFING_SLACK_SECRET_BLOCK", "no-such-block")
    assert main(_args(two_days)) == EXIT_OK
    out = capfd.readouterr()
    seen = caplog.text + out.out + out.err
    assert "Slack is not configured" in seen
    assert "# Daily briefing: 2024-03-02" in seen
    assert (two_days.reports_dir / "2024-03-02.md").exists()


def test_token_from_a_prefect_secret_block_and_a_clear_error(two_days, slack, prefect_server, monkeypatch,  # noqa: F811
                                                             capfd, caplog):
    from prefect.blocks.system import Secret

    Secret(value="xoxb-revoked-0000").save("briefing-test-bad-token", overwrite=True)
    monkeypatch.delenv("BRIEFING_SLACK_TOKEN", raising=False)
    monkeypatch.setenv("BRIEFING_SLACK_SECRET_BLOCK", "briefing-test-bad-token")
    monkeypatch.setenv("BRIEFING_SLACK_BASE_URL", slack.base_url)
    assert main(_args(two_days)) == EXIT_DELIVERY
    out = capfd.readouterr()
    assert "invalid_auth" in out.err and "xoxb-revoked-0000" not in caplog.text + out.out + out.err
    assert (two_days.reports_dir / "2024-03-02.html").exists()

    Secret(value=TOKEN).save("briefing-test-bad-token", overwrite=True)
    assert main(_args(two_days)) == EXIT_OK  # the failed delivery is tried again and goes through
    assert len(slack.messages["C0BRIEFING"]) == 1


def test_dry_run_prints_the_message_and_posts_nothing(two_days, slack, prefect_server, monkeypatch,  # noqa: F811
                                                      capfd, caplog):
    monkeypatch.setenv("BRIEFING_SLACK_TOKEN", TOKEN)
    monkeypatch.setenv("BRIEFING_SLACK_BASE_URL", slack.base_url)
    assert main(_args(two_days, "--dry-run")) == EXIT_OK
    out = capfd.readouterr()
    message = json.loads(out.out)  # stdout is the message alone; logs go to stderr
    assert message["blocks"][0]["text"]["text"] == "Daily briefing: 2024-03-02" and len(message["blocks"]) <= 15
    assert "the Slack message would be" in caplog.text + out.err
    assert slack.calls == []


def test_scheduled_run_summarises_yesterday(settings, prefect_server):
    from datetime import timedelta

    from flows.daily_summary import daily_summary_flow, today_in

    result = daily_summary_flow(days_back=1, post=False, db_path=str(settings.db_path),
                                reports_dir=str(settings.reports_dir), seeds_dir=str(settings.seeds_dir))
    assert result["day"] == (today_in(settings.timezone) - timedelta(days=1)).isoformat()
