-- Which of the given content hashes are already loaded documents.
select document_id
from documents
where document_id in (select unnest($hashes::varchar[]))
