-- Points of the poll charts: every figure up to the end of $day of each series reported on $day,
-- dated by what it is about (field date, else publication, else ingestion, in $tz). A series is
-- (canonical pollster, measure kind, option, population, unit); `measure` is its label, so each
-- line of a chart is one series. Figures about the past without a date are left out (no date to
-- plot them at).
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
        concat_ws(' ', coalesce(poll_figures.measure_kind || ':', ''), coalesce(poll_figures.option, poll_figures.measure),
                  '(' || poll_figures.population || ')') as series_label
    from poll_figures
    join documents on documents.document_id = poll_figures.document_id
    where not poll_figures.quarantined
      and not documents.quarantined
      and poll_figures.pollster is not null
      and coalesce(poll_figures.option, poll_figures.measure) is not null
      and not (poll_figures.historical and poll_figures.when_end is null)
),
upto as (
    select figures.*
    from figures, bounds
    where figures.ingested_at < bounds.day_end
),
today_series as (
    select distinct pollster, series_label, unit
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
join today_series using (pollster, series_label, unit)
order by pollster, measure, dated, upto.ingested_at, upto.start_char
