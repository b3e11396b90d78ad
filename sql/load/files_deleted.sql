-- Paths gone from the watched folder: marked, never removed (their documents stay).
update files
set status = 'deleted', last_seen_at = staged.last_seen_at
from staged
where files.path = staged.path;
