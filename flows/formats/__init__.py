"""Input formats beside plain text: saved HTML pages and JSON Lines feeds, each turned into stored text,
sections and metadata candidates. Pure functions of the decoded text."""
