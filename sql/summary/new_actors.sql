-- Actors first seen on $day (after canonicalisation: one row per actor id), with their role and
-- the text around the mention that introduced them (the sentence is cut out in Python).
with bounds as (
    select timezone($tz, $day::date::timestamp) as day_start,
           timezone($tz, ($day::date + 1)::timestamp) as day_end
),
fresh as (
    select actors.*
    from actors, bounds
    where actors.first_seen_at >= bounds.day_start
      and actors.first_seen_at < bounds.day_end
      and not actors.quarantined
      and actors.merged_into is null  -- merged into another actor: that one stands for it
      and actors.kind in ('person', 'organization', 'country')  -- groups and places are not actors
),
introduced as (
    select
        fresh.actor_id,
        fresh.name,
        fresh.kind,
        fresh.first_document_id as document_id,
        document_actors.roles,
        document_actors.affiliation,
        document_actors.first_start,
        documents.title,
        documents.source_path,
        documents.original_text
    from fresh
    join documents on documents.document_id = fresh.first_document_id and not documents.quarantined
    left join document_actors
        on document_actors.document_id = fresh.first_document_id
       and document_actors.actor_id = fresh.actor_id
),
placed as (
    -- the context starts no earlier than the section (title, dateline, body...) of the first mention
    select
        introduced.*,
        greatest(coalesce(introduced.first_start, 0) - 600, coalesce(sections.start_char, 0)) as context_start
    from introduced
    left join sections
        on sections.document_id = introduced.document_id
       and sections.start_char <= coalesce(introduced.first_start, 0)
       and sections.end_char > coalesce(introduced.first_start, 0)
),
counted as (
    select mentions.actor_id, count(*) as mentions
    from mentions
    where mentions.actor_id in (select actor_id from fresh)
      and not mentions.quarantined
    group by mentions.actor_id
)
select
    placed.actor_id,
    placed.name,
    placed.kind,
    coalesce(placed.roles, []::varchar[]) as roles,
    placed.affiliation,
    placed.document_id,
    coalesce(nullif(trim(placed.title), ''), placed.source_path) as title,
    placed.source_path,
    coalesce(placed.first_start, 0) as mention_start,
    placed.context_start,
    substr(placed.original_text, placed.context_start + 1, coalesce(placed.first_start, 0) - placed.context_start + 600)
        as context,
    coalesce(counted.mentions, 0) as mentions
from placed
left join counted on counted.actor_id = placed.actor_id
order by mentions desc, placed.name
