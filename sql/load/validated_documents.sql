insert into validated_documents by name
select * from staged
on conflict do nothing;
