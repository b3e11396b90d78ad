-- Every day that has documents (document_day in schema.sql, time zone $tz), oldest first.
select distinct day
from dated_documents($tz)
where not quarantined
order by day
