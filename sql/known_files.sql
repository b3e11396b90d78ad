-- Every path already seen, with what a rerun compares against to skip unchanged files, whether the
-- extraction of its document failed in a way worth trying again (an exception in a rule, a worker that
-- died; not a document over its time or memory budget, which would fail again the same way), and the
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
    coalesce(documents.extraction_status = 'failed'
             and not starts_with(coalesce(documents.extraction_error, ''), 'over the '), false) as extraction_failed,
    case when files.status = 'rejected' then last_rejection.reason end as rejected_reason
from files
left join documents on documents.document_id = files.sha256
left join last_rejection on last_rejection.path = files.path
