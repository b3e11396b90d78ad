-- One row per (day, channel); every write replaces the row's state.
insert into deliveries by name
select * from staged
on conflict (day, channel) do update set
    status = excluded.status,
    idempotency_key = excluded.idempotency_key,
    report_path = excluded.report_path,
    message_ts = excluded.message_ts,
    channel_id = excluded.channel_id,
    attempts = excluded.attempts,
    last_error = excluded.last_error,
    updated_at = excluded.updated_at,
    posted_at = excluded.posted_at,
    payload = excluded.payload,
    files_uploaded = excluded.files_uploaded;
