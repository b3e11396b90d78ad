insert into claims by name
select * from staged
on conflict do nothing;
