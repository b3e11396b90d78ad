-- Claims in the documents just loaded, with their document's length and whether the speaker exists.
with loaded as (
    select *
    from claims
    where document_id in (select unnest($ids::varchar[]))
),
checked as (
    select
        loaded.*,
        documents.char_length as document_length,
        loaded.speaker_actor_id is null or actors.actor_id is not null as speaker_resolves
    from loaded
    join documents on documents.document_id = loaded.document_id
    left join actors on actors.actor_id = loaded.speaker_actor_id
)
select
    claim_id as row_key,
    document_id,
    claim_id,
    kind,
    section,
    text,
    trim(text) as trimmed_text,
    start_char,
    end_char,
    document_length,
    speaker_resolves
from checked
