-- The most mentioned actors in documents ingested on $day, against their daily average over the
-- previous 7 days (the change is today's mentions minus that average).
with bounds as (
    select timezone($tz, $day::date::timestamp) as day_start,
           timezone($tz, ($day::date + 1)::timestamp) as day_end,
           timezone($tz, ($day::date - 7)::timestamp) as week_start
),
window_documents as (
    select documents.document_id, documents.ingested_at >= bounds.day_start as is_today
    from documents, bounds
    where documents.ingested_at >= bounds.week_start
      and documents.ingested_at < bounds.day_end
      and not documents.quarantined
),
counted as (
    select
        mentions.actor_id,
        count(*) filter (where window_documents.is_today) as mentions,
        count(distinct mentions.document_id) filter (where window_documents.is_today) as documents,
        count(*) filter (where not window_documents.is_today) as previous_7_days
    from mentions
    join window_documents on window_documents.document_id = mentions.document_id
    where not mentions.quarantined
    group by mentions.actor_id
),
ranked as (
    select counted.*, actors.name, actors.kind
    from counted
    join actors on actors.actor_id = counted.actor_id
    where counted.mentions > 0
      and not actors.quarantined
      and actors.kind in ('person', 'organization', 'country')  -- groups and places are not actors
)
select
    actor_id,
    name,
    kind,
    mentions,
    documents,
    previous_7_days,
    round(previous_7_days / 7.0, 2) as previous_daily_average,
    round(mentions - previous_7_days / 7.0, 2) as change
from ranked
order by mentions desc, name
limit 10
