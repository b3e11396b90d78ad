-- Points of the poll charts: every figure in documents up to $day (days as in document_day, schema.sql)
-- of each series (view poll_series in schema.sql) reported on $day, dated by what it is about (field
-- date, else the document's day); `measure` is the series' label, so each line of a chart is one series.
-- Figures about the past without a date are left out (no date to plot them at).
with figures as (
    select
        poll_figures.*,
        documents.ingested_at,
        documents.day as document_day,
        coalesce(poll_figures.when_end, documents.day) as dated,
        poll_series.series,
        poll_series.series_label
    from poll_figures
    join dated_documents($tz) as documents on documents.document_id = poll_figures.document_id
    join poll_series on poll_series.poll_id = poll_figures.poll_id
    where not poll_figures.quarantined
      and not documents.quarantined
      and poll_series.series is not null
      and not (poll_figures.historical and poll_figures.when_end is null)
),
upto as (
    select figures.*
    from figures
    where figures.document_day <= $day::date
),
today_series as (
    select distinct series
    from upto
    where upto.document_day = $day::date
      and not upto.historical
)
select
    upto.pollster,
    upto.series_label as measure,
    upto.unit,
    upto.option,
    upto.dated,
    upto.value,
    upto.poll_id,
    upto.document_id,
    upto.when_text
from upto
join today_series using (series)
order by pollster, measure, dated, upto.ingested_at, upto.start_char
