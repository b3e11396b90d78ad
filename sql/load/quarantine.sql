-- Record why each row was quarantined, then mark the rows so summaries leave them out.
insert into quarantine by name
select * from staged
on conflict do nothing;

update documents set quarantined = true
where document_id in (select row_key from staged where table_name = 'documents');

update actors set quarantined = true
where actor_id in (select row_key from staged where table_name = 'actors');

update mentions set quarantined = true
where document_id in (select document_id from staged where table_name = 'mentions')
  and document_id || ':' || start_char || ':' || end_char in (select row_key from staged where table_name = 'mentions');

update claims set quarantined = true
where claim_id in (select row_key from staged where table_name = 'claims');

update poll_figures set quarantined = true
where poll_id in (select row_key from staged where table_name = 'poll_figures');
