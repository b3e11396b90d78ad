-- What was last seen at each path; first_seen_at is kept from the first sighting.
insert into files by name
select * from staged
on conflict (path) do update set
    size_bytes = excluded.size_bytes,
    mtime_ns = excluded.mtime_ns,
    sha256 = excluded.sha256,
    status = excluded.status,
    last_seen_at = excluded.last_seen_at;
