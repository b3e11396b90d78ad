-- Each actor in each document of $day (days as in document_day, schema.sql): how often it is mentioned there,
-- whether the title names it, and how the document presents it (roles, affiliation). The lead groups
-- documents into stories and ranks actors by prominence from these rows.
with today as (
    select document_id
    from dated_documents($tz)
    where day = $day::date
      and not quarantined
),
titles as (
    select sections.document_id, sections.start_char, sections.end_char
    from sections
    join today on today.document_id = sections.document_id
    where sections.kind = 'title'
),
counted as (
    select
        mentions.document_id,
        mentions.actor_id,
        count(*) as mentions,
        count(titles.document_id) > 0 as in_title
    from mentions
    join today on today.document_id = mentions.document_id
    left join titles
        on titles.document_id = mentions.document_id
       and mentions.start_char >= titles.start_char
       and mentions.end_char <= titles.end_char
    where not mentions.quarantined
    group by mentions.document_id, mentions.actor_id
)
select
    counted.document_id,
    counted.actor_id,
    actors.name,
    actors.kind,
    counted.mentions,
    counted.in_title,
    coalesce(document_actors.roles, []::varchar[]) as roles,
    document_actors.affiliation
from counted
join actors on actors.actor_id = counted.actor_id and not actors.quarantined
left join document_actors
    on document_actors.document_id = counted.document_id
   and document_actors.actor_id = counted.actor_id
where actors.kind in ('person', 'organization', 'country')  -- groups and places are not actors
order by counted.document_id, counted.mentions desc, actors.name, actors.actor_id
