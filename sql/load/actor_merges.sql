-- Merge actors found to be one: everything that pointed at the old id points at the new one; the
-- old actor row stays (merged_into set) and the kept actor is first seen when the earlier one was,
-- so past days' summaries can be regenerated with the merged actor.
insert into actor_merges by name
select * from staged
on conflict do nothing;

update mentions set actor_id = staged.into_actor_id
from staged where mentions.actor_id = staged.from_actor_id;

update claims set speaker_actor_id = staged.into_actor_id
from staged where claims.speaker_actor_id = staged.from_actor_id;

insert into document_actors by name
select document_actors.* replace (staged.into_actor_id as actor_id)
from document_actors join staged on document_actors.actor_id = staged.from_actor_id
on conflict do nothing;

delete from document_actors where actor_id in (select from_actor_id from staged);

update actor_aliases set actor_id = staged.into_actor_id
from staged where actor_aliases.actor_id = staged.from_actor_id;

update actors set
    first_seen_at = least(actors.first_seen_at, merged.first_seen_at),
    first_document_id = case when merged.first_seen_at < actors.first_seen_at
                             then merged.first_document_id else actors.first_document_id end
from staged join actors as merged on merged.actor_id = staged.from_actor_id
where actors.actor_id = staged.into_actor_id;

update actors set merged_into = staged.into_actor_id
from staged where actors.actor_id = staged.from_actor_id;
