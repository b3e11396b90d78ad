-- Mentions in the documents just loaded, with the text their span covers and whether the actor exists.
with loaded as (
    select *
    from mentions
    where document_id in (select unnest($ids::varchar[]))
),
checked as (
    select
        loaded.*,
        documents.char_length as document_length,
        substr(documents.original_text, loaded.start_char + 1, loaded.end_char - loaded.start_char) as text_at_span,
        actors.actor_id is not null as actor_exists
    from loaded
    join documents on documents.document_id = loaded.document_id
    left join actors on actors.actor_id = loaded.actor_id
)
select
    document_id || ':' || start_char || ':' || end_char as row_key,
    document_id,
    actor_id,
    start_char,
    end_char,
    document_length,
    text,
    text_at_span,
    actor_exists
from checked
