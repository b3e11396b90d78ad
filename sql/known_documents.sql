-- Which of the given content hashes are already loaded documents (a failed extraction does not count:
-- the document is extracted again and its row completed).
select document_id
from documents
where document_id in (select unnest($hashes::varchar[]))
  and extraction_status <> 'failed'
