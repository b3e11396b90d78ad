-- A document is inserted once. A document whose extraction failed is replaced when a later run has
-- extracted it again (its sections are already stored; its facts never were).
delete from documents
where extraction_status = 'failed'
  and document_id in (select document_id from staged);

insert into documents by name
select * from staged
on conflict do nothing;
