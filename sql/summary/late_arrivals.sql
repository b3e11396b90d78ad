-- Late arrivals: documents ingested on $day (in time zone $tz) that belong to one of the 7 days before
-- (published then, document_day in schema.sql); each is summarised on its own day and listed here. Older
-- documents are an archive load, not news arriving late: they are left to their own days.
select
    document_id,
    coalesce(nullif(trim(title), ''), source_path) as title,
    source_path,
    coalesce(nullif(trim(publisher), ''), nullif(trim(publication), ''), 'unknown source') as source,
    day as published_day,
    ingested_at
from dated_documents($tz)
where ingested_day = $day::date
  and day between $day::date - 7 and $day::date - 1
  and not quarantined
order by day, ingested_at, source_path
