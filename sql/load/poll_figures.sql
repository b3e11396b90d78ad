insert into poll_figures by name
select * from staged
on conflict do nothing;
