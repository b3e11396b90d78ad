-- Documents just loaded, shaped for their expectation suite (expectations/documents.json).
with loaded as (
    select *
    from documents
    where document_id in (select unnest($ids::varchar[]))
)
select
    document_id as row_key,
    document_id,
    source_path,
    char_length,
    length(original_text) as text_length,
    ingested_at,
    published,
    year(published) as published_year,
    cast(published_at as date) as published_at_day,
    format,
    cast(ingested_at as date) + 1 as latest_plausible_published,
    extraction_status
from loaded
