-- Documents of $day (published that day in time zone $tz, else ingested that day: document_day in
-- schema.sql), grouped by source (publisher, else the byline's publication, else unknown).
with today as (
    select *
    from dated_documents($tz)
    where day = $day::date
      and not quarantined
),
described as (
    select
        coalesce(nullif(trim(publisher), ''), nullif(trim(publication), ''), 'unknown source') as source,
        document_id,
        coalesce(nullif(trim(title), ''), source_path) as title,
        source_path,
        published,
        published_at,
        ingested_at,
        extraction_status
    from today
)
select
    source,
    count(*) as documents,
    list({'document_id': document_id, 'title': title, 'source_path': source_path, 'published': published, 'published_at': published_at,
          'extraction_status': extraction_status} order by published_at nulls last, ingested_at, source_path) as items
from described
group by source
order by documents desc, source
