-- The newest version number and content hash of each of the given paths, and the path's file status
-- (a file seen again with the same bytes keeps it: 'loaded' stays 'loaded', 'duplicate' stays 'duplicate').
with latest as (
    select path, max(version) as version, arg_max(sha256, version) as sha256
    from file_versions
    where path in (select unnest($paths::varchar[]))
    group by path
)
select latest.path, latest.version, latest.sha256, files.status
from latest
left join files on files.path = latest.path
