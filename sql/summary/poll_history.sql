-- Every poll figure up to the end of $day for the pollsters and measures reported on $day:
-- the points of the poll charts (dated by publication, else by ingestion, in $tz: document_day in schema.sql).
with figures as (
    select
        poll_figures.*,
        documents.ingested_at,
        documents.day as dated,
        coalesce(poll_figures.pollster, 'unknown pollster') as pollster_name,
        coalesce(poll_figures.measure, 'unspecified measure') as measure_name
    from poll_figures
    join dated_documents($tz) as documents on documents.document_id = poll_figures.document_id
    where not poll_figures.quarantined
      and not documents.quarantined
),
upto as (
    select figures.*
    from figures
    where figures.dated <= $day::date
),
today_series as (
    select distinct pollster_name, measure_name, unit
    from upto
    where upto.dated = $day::date
)
select
    upto.pollster_name as pollster,
    upto.measure_name as measure,
    upto.unit,
    upto.option,
    upto.dated,
    upto.value,
    upto.poll_id,
    upto.document_id,
    upto.when_text
from upto
join today_series using (pollster_name, measure_name, unit)
order by pollster, measure, dated, upto.ingested_at, upto.start_char
