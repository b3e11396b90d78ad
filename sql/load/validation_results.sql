-- One row per expectation per validation run; a rerun of the same run changes nothing.
insert into validation_results by name
select * from staged
on conflict do nothing;
