-- Deliveries still to do (pending or failed, or posted without their files), oldest day first.
select *
from deliveries
where status <> 'posted'
   or not coalesce(files_uploaded, false)
order by day, channel
