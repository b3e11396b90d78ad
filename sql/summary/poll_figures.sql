-- Poll figures in documents of $day (document_day in schema.sql), each with the previous figure of the
-- same pollster, measure and option from an earlier document (by publication time, else day), and the
-- change between them.
with figures as (
    select
        poll_figures.*,
        documents.ingested_at,
        documents.day,
        coalesce(documents.published_at, timezone($tz, documents.day::timestamp)) as dated_at,
        documents.published,
        coalesce(nullif(trim(documents.title), ''), documents.source_path) as title,
        documents.source_path,
        coalesce(poll_figures.pollster, '') || '|' || coalesce(poll_figures.measure, '') || '|'
            || coalesce(poll_figures.option, '') || '|' || poll_figures.unit as series
    from poll_figures
    join dated_documents($tz) as documents on documents.document_id = poll_figures.document_id
    where not poll_figures.quarantined
      and not documents.quarantined
),
today as (
    select figures.*
    from figures
    where figures.day = $day::date
),
earlier as (
    select figures.*
    from figures
    where figures.day <= $day::date
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
       and earlier.dated_at < today.dated_at
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
