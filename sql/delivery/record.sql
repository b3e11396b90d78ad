-- The delivery record of one day's summary to one channel, if any.
select *
from deliveries
where day = $day::date
  and channel = $channel
