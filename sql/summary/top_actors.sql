-- The most mentioned actors in documents of $day, against their daily average over the previous 7 days
-- (days as in document_day, schema.sql) (the change is today's mentions minus that average).
with window_documents as (
    select document_id, day = $day::date as is_today
    from dated_documents($tz)
    where day between $day::date - 7 and $day::date
      and not quarantined
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
order by mentions desc, name, actor_id
limit 10
