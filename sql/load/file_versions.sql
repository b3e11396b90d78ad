insert into file_versions by name
select * from staged
on conflict do nothing;
