insert into ingestion_log by name
select * from staged;
