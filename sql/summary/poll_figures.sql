-- Poll figures in documents ingested on $day, each with the previous figure of the same pollster,
-- measure and option from an earlier-ingested document, and the change between them.
with bounds as (
    select timezone($tz, $day::date::timestamp) as day_start,
           timezone($tz, ($day::date + 1)::timestamp) as day_end
),
figures as (
    select
        poll_figures.*,
        documents.ingested_at,
        documents.published,
        coalesce(nullif(trim(documents.title), ''), documents.source_path) as title,
        documents.source_path,
        coalesce(poll_figures.pollster, '') || '|' || coalesce(poll_figures.measure, '') || '|'
            || coalesce(poll_figures.option, '') || '|' || poll_figures.unit as series
    from poll_figures
    join documents on documents.document_id = poll_figures.document_id
    where not poll_figures.quarantined
      and not documents.quarantined
),
today as (
    select figures.*
    from figures, bounds
    where figures.ingested_at >= bounds.day_start
      and figures.ingested_at < bounds.day_end
),
earlier as (
    select figures.*
    from figures, bounds
    where figures.ingested_at < bounds.day_end
      and figures.series in (select series from today)
),
paired as (
    select
        today.*,
        earlier.poll_id as previous_poll_id,
        earlier.value as previous_value,
        earlier.document_id as previous_document_id,
        earlier.title as previous_title,
        earlier.source_path as previous_source_path,
        earlier.when_text as previous_when_text,
        earlier.ingested_at as previous_ingested_at
    from today
    asof left join earlier
        on earlier.series = today.series
       and earlier.ingested_at < today.ingested_at
)
select
    poll_id,
    document_id,
    title,
    source_path,
    value,
    unit,
    pollster,
    population,
    measure,
    option,
    when_text,
    start_char,
    end_char,
    previous_poll_id,
    previous_value,
    previous_document_id,
    previous_title,
    previous_source_path,
    previous_when_text,
    value - previous_value as change
from paired
order by pollster nulls last, ingested_at, source_path, start_char
