-- Validation checks run on documents of $day (document_day in schema.sql): per suite and expectation, how many rows were
-- checked and failed, with examples; plus how many rows of each table were quarantined.
with today as (
    select document_id
    from dated_documents($tz)
    where day = $day::date
),
runs as (
    select distinct validated_documents.validation_id
    from validated_documents
    join today on today.document_id = validated_documents.document_id
),
results as (
    select validation_results.*
    from validation_results
    join runs on runs.validation_id = validation_results.validation_id
),
quarantined as (
    select quarantine.table_name, count(distinct quarantine.row_key) as rows
    from quarantine
    join today on today.document_id = quarantine.document_id
    group by quarantine.table_name
)
select
    results.suite,
    results.expectation,
    results.columns,
    bool_and(results.success) as success,
    sum(results.element_count) as element_count,
    sum(results.unexpected_count) as unexpected_count,
    list(results.examples) filter (where results.examples is not null) as examples,
    string_agg(results.error, '; ') filter (where results.error is not null) as error,
    any_value(coalesce(quarantined.rows, 0)) as quarantined_rows
from results
left join quarantined on quarantined.table_name = results.suite
group by results.suite, results.expectation, results.columns
order by success, results.suite, results.expectation, results.columns
