-- Points of the poll charts: every figure up to the end of $day of each series (view poll_series in
-- schema.sql) reported on $day, dated by what it is about (field date, else publication, else
-- ingestion, in $tz); `measure` is the series' label, so each line of a chart is one series. Figures
-- about the past without a date are left out (no date to plot them at).
with bounds as (
    select timezone($tz, $day::date::timestamp) as day_start,
           timezone($tz, ($day::date + 1)::timestamp) as day_end
),
figures as (
    select
        poll_figures.*,
        documents.ingested_at,
        coalesce(poll_figures.when_end, documents.published, cast(timezone($tz, documents.ingested_at) as date))
            as dated,
        poll_series.series,
        poll_series.series_label
    from poll_figures
    join documents on documents.document_id = poll_figures.document_id
    join poll_series on poll_series.poll_id = poll_figures.poll_id
    where not poll_figures.quarantined
      and not documents.quarantined
      and poll_series.series is not null
      and not (poll_figures.historical and poll_figures.when_end is null)
),
upto as (
    select figures.*
    from figures, bounds
    where figures.ingested_at < bounds.day_end
),
today_series as (
    select distinct series
    from upto, bounds
    where upto.ingested_at >= bounds.day_start
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
