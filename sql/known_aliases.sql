-- Stored actor ids for the given alias keys.
select alias_key, actor_id
from actor_aliases
where alias_key in (select unnest($keys::varchar[]))
