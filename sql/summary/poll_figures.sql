-- Poll figures in documents of $day (document_day in schema.sql) that are current (not about the past), each with the
-- previous figure of the same series (view poll_series in schema.sql) and the change between them.
-- The previous figure is the latest one of the series dated before it (field date, else publication,
-- else ingestion), from the store or stated in the same article ("58 percent in the last poll":
-- historical, dated just before its article when no date is given). No series, no previous value.
with figures as (
    select
        poll_figures.*,
        documents.ingested_at,
        documents.day,
        coalesce(documents.published_at, timezone($tz, documents.day::timestamp)) as dated_at,
        documents.published,
        coalesce(nullif(trim(documents.title), ''), documents.source_path) as title,
        documents.source_path,
        coalesce(poll_figures.when_end, documents.day) as dated,
        poll_series.series
    from poll_figures
    join dated_documents($tz) as documents on documents.document_id = poll_figures.document_id
    join poll_series on poll_series.poll_id = poll_figures.poll_id
    where not poll_figures.quarantined
      and not documents.quarantined
),
ordered as (
    -- by field date where known, else by the document's publication moment (its day when no time is known);
    -- a date-less figure about the past comes just before the figures of its article
    select figures.*,
           case when when_end is not null then epoch(timezone($tz, when_end::timestamp))
                else epoch(dated_at) - case when historical then 1 else 0 end end as series_order
    from figures
),
today as (
    select ordered.*
    from ordered
    where ordered.day = $day::date
      and not ordered.historical
),
earlier as (
    select ordered.*
    from ordered
    where ordered.day <= $day::date
      and ordered.series in (select series from today)
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
        earlier.dated as previous_dated,
        earlier.ingested_at as previous_ingested_at
    from today
    asof left join earlier
        on earlier.series = today.series
       and earlier.series_order < today.series_order
)
select
    poll_id,
    document_id,
    title,
    source_path,
    value,
    unit,
    pollster,
    pollster_text,
    pollster_kind,
    population,
    measure,
    measure_kind,
    option,
    when_text,
    dated,
    series,
    start_char,
    end_char,
    previous_poll_id,
    previous_value,
    previous_document_id,
    previous_title,
    previous_source_path,
    previous_when_text,
    previous_dated,
    value - previous_value as change
from paired
order by pollster nulls last, ingested_at, source_path, start_char
