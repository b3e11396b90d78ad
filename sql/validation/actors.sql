-- Actors first seen in the documents just loaded, with whether their first document exists.
with loaded as (
    select *
    from actors
    where first_document_id in (select unnest($ids::varchar[]))
),
checked as (
    select loaded.*, documents.document_id is not null as first_document_exists
    from loaded
    left join documents on documents.document_id = loaded.first_document_id
)
select
    actor_id as row_key,
    first_document_id as document_id,
    actor_id,
    name,
    trim(name) as trimmed_name,
    kind,
    first_document_exists
from checked
