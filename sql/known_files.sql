-- Every path already seen, with what a rerun compares against to skip unchanged files, and whether the
-- extraction of its document failed (a rerun reads such a file again and retries the extraction).
select
    files.path,
    files.size_bytes,
    files.mtime_ns,
    files.sha256,
    files.status,
    coalesce(documents.extraction_status = 'failed', false) as extraction_failed
from files
left join documents on documents.document_id = files.sha256
