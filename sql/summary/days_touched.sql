-- The days (document_day in schema.sql, time zone $tz) of documents that arrived at or after $since,
-- other than $today, oldest first: the earlier days whose reports an ingest run changed.
select distinct day
from dated_documents($tz)
where ingested_at >= $since
  and day <> $today::date
order by day
