insert into sections by name
select * from staged
on conflict do nothing;
