-- Days from $start to $end (document_day in schema.sql, time zone $tz) and the last time a document of
-- each arrived: a day's report is stale when a document arrived after it was written.
select day, count(*) as documents, max(ingested_at) as last_ingested_at
from dated_documents($tz)
where day between $start::date and $end::date
group by day
order by day
