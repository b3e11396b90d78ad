"""The daily summary: aggregates for a day (SQL in ``sql/summary/``), rendering, charts and Slack blocks."""
