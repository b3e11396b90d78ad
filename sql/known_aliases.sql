-- Stored actor ids for the given alias keys; a person's surname prefix ('surname:clinton') finds
-- every stored person of that surname ('surname:clinton:hilari', 'surname:clinton:wiliam', ...).
select alias_key, actor_id
from actor_aliases
where alias_key in (select unnest($keys::varchar[]))
   or (alias_key like 'surname:%'
       and regexp_extract(alias_key, '^(surname:[^:]*):', 1) in (select unnest($keys::varchar[])))
