-- New actors, and stored ones that a document names more fully ("Obama" known by surname alone,
-- then "Barack Obama"): the fuller name wins; the first document and first sighting are kept.
with ranked as (
    select
        actor_id,
        arg_max(name, length(name)) as name,
        any_value(kind) as kind,
        arg_min(first_document_id, ordinal) as first_document_id,
        min(first_seen_at) as first_seen_at
    from staged
    group by actor_id
)
insert into actors by name
select * from ranked
on conflict (actor_id) do update set name = excluded.name
where length(excluded.name) > length(actors.name);
