-- Every path already seen, with what a rerun compares against to skip unchanged files, whether the
-- extraction of its document failed (a rerun reads such a file again and retries the extraction), and the
-- reason of its latest rejection (a 'too_large' file is read again once the size limit lets it in).
with last_rejection as (
    select path, arg_max(reason, attempted_at) as reason
    from ingestion_log
    where status = 'rejected'
    group by path
)
select
    files.path,
    files.size_bytes,
    files.mtime_ns,
    files.sha256,
    files.status,
    coalesce(documents.extraction_status = 'failed', false) as extraction_failed,
    case when files.status = 'rejected' then last_rejection.reason end as rejected_reason
from files
left join documents on documents.document_id = files.sha256
left join last_rejection on last_rejection.path = files.path
