insert into document_actors by name
select * from staged
on conflict do nothing;
