-- Poll figures in the documents just loaded, with their document's length.
with loaded as (
    select *
    from poll_figures
    where document_id in (select unnest($ids::varchar[]))
)
select
    loaded.poll_id as row_key,
    loaded.document_id,
    loaded.poll_id,
    loaded.value,
    loaded.unit,
    loaded.pollster,
    loaded.measure,
    loaded.pollster_kind,
    loaded.measure_kind,
    loaded.when_start,
    loaded.when_end,
    loaded.margin_of_error,
    loaded.start_char,
    loaded.end_char,
    documents.char_length as document_length
from loaded
join documents on documents.document_id = loaded.document_id
