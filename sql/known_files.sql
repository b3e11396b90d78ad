-- Every path already seen, with what a rerun compares against to skip unchanged files.
select path, size_bytes, mtime_ns, sha256, status
from files
