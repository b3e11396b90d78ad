-- The digest of the schema text last run on this database (see schema_applied in schema.sql).
select digest from schema_applied where id = 1
