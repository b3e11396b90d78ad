insert into documents by name
select * from staged
on conflict do nothing;
