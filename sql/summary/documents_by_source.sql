-- Documents ingested on $day (in time zone $tz), grouped by source (publication, else unknown).
with bounds as (
    select timezone($tz, $day::date::timestamp) as day_start,
           timezone($tz, ($day::date + 1)::timestamp) as day_end
),
today as (
    select documents.*
    from documents, bounds
    where documents.ingested_at >= bounds.day_start
      and documents.ingested_at < bounds.day_end
      and not documents.quarantined
),
described as (
    select
        coalesce(nullif(trim(publication), ''), 'unknown source') as source,
        document_id,
        coalesce(nullif(trim(title), ''), source_path) as title,
        source_path,
        published,
        ingested_at,
        extraction_status
    from today
)
select
    source,
    count(*) as documents,
    list({'document_id': document_id, 'title': title, 'source_path': source_path, 'published': published,
          'extraction_status': extraction_status} order by ingested_at, source_path) as items
from described
group by source
order by documents desc, source
