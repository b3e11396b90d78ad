-- The newest version number and content hash of each of the given paths.
select path, max(version) as version, arg_max(sha256, version) as sha256
from file_versions
where path in (select unnest($paths::varchar[]))
group by path
