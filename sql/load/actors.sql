-- New actors, and the names documents give stored people: an actor keeps the fullest name any
-- document gives it (longest, then first in alphabetical order, so arrival order does not matter);
-- its first document and first sighting never change.
with ranked as (
    select
        actor_id,
        first(name order by length(name) desc, name) as name,
        any_value(kind) as kind,
        arg_min(first_document_id, first_document_id = '') as first_document_id,  -- '': a renaming row
        min(first_seen_at) as first_seen_at
    from staged
    group by actor_id
)
insert into actors by name
select * from ranked
on conflict (actor_id) do update set name = excluded.name
where length(excluded.name) > length(actors.name)
   or (length(excluded.name) = length(actors.name) and excluded.name < actors.name);
