insert into mentions by name
select * from staged
on conflict do nothing;
