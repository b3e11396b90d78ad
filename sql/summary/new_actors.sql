-- Actors new on $day (after canonicalisation: one row per actor id): first mentioned in a document of
-- $day (document_day in schema.sql) and in no document of an earlier day, whenever it arrived; with their
-- role and the text around the mention that introduced them (the sentence is cut out in Python).
with dated as materialized (
    select document_id, day, published_at, ingested_at, source_path
    from dated_documents($tz)
    where not quarantined
),
today as materialized (
    -- each actor of $day's documents with the first of them to mention it (by publication time, arrival, path)
    select
        document_actors.actor_id,
        arg_min(dated.document_id, (coalesce(dated.published_at, 'infinity'::timestamptz), dated.ingested_at,
                                    dated.source_path)) as first_document_id
    from document_actors
    join dated on dated.document_id = document_actors.document_id
    where dated.day = $day::date
    group by document_actors.actor_id
),
earlier as (
    select distinct document_actors.actor_id
    from document_actors
    where document_actors.actor_id in (select actor_id from today)
      and document_actors.document_id in (select document_id from dated where day < $day::date)
),
fresh as materialized (
    select actors.* replace (today.first_document_id as first_document_id)
    from actors
    join today on today.actor_id = actors.actor_id
    where today.actor_id not in (select actor_id from earlier)
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
order by mentions desc, placed.name, placed.actor_id
