insert into actors by name
select * from staged
on conflict do nothing;
