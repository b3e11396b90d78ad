-- First actor to claim an alias keeps it.
insert into actor_aliases by name
select * from staged
on conflict do nothing;
