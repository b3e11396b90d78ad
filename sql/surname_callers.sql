-- For each of the given surnames ('trump', 'clinton'), the stored people named in full whom documents
-- call by that surname alone ("Trump said", "Mr. Trump"), with how many documents do so: the evidence
-- for which of several namesakes a bare "Trump" in a new document means.
with called as (
    select m.actor_id,
           m.document_id,
           lower(regexp_replace(regexp_replace(m.text, '[''’]s$', ''),
                                '^(Mr|Mrs|Ms|Miss|Dr|Sen|Gov|Rep|Sir)\.?\s+', '')) as surface
    from mentions m
)
select c.surface as surname, c.actor_id, count(distinct c.document_id) as documents
from called c
join actors a on a.actor_id = c.actor_id
where a.kind = 'person'
  and a.name like '% %'
  and c.surface in (select unnest($surnames::varchar[]))
group by 1, 2
