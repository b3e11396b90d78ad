-- Record that the schema text with this digest has been run on this database.
insert or replace into schema_applied values (1, $digest)
