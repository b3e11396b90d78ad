-- Synthetic store for the summary-query benchmark: $days days from $day_one, $docs_per_day documents a
-- day, $mentions_per_doc actor mentions a document (over $actors actors, a few of them very frequent, and
-- 100 new actors a day, spread over it), five claims a document and a poll figure every other
-- document; validation runs of 100 documents.
-- Run on an empty database with the schema applied; statements end with ";" at a line end.

create temp table bench_docs as
select
    i,
    sha256('bench-document-' || i) as document_id,
    (($day_one::date + (i // $docs_per_day)::integer)::timestamp
        + to_seconds(((i % $docs_per_day) * 86400 // $docs_per_day)::bigint))::timestamptz as ingested_at
from range($days * $docs_per_day) as t(i);

insert into documents by name
select
    document_id,
    'bench/' || lpad(i::varchar, 7, '0') || '.txt' as source_path,
    'utf-8' as encoding,
    2400 as byte_size,
    2400 as char_length,
    'Benchmark article ' || i as title,
    'By Reporter ' || (i % 50) as byline,
    'Source ' || (i % 25) as publication,
    cast(ingested_at as date) as published,
    'Benchmark article ' || i || E'\n\n' || repeat('Officials said the talks would go on. ', 60) as original_text,
    ingested_at,
    'done' as extraction_status,
    null as extraction_error,
    false as quarantined
from bench_docs;

insert into sections by name
select document_id, ordinal, kind, start_char, end_char
from bench_docs,
     (values (0, 'title', 0, 30), (1, 'body', 30, 2300), (2, 'boilerplate', 2300, 2400)) as s(ordinal, kind, start_char, end_char);

-- Mentions: actor ids skewed (u cubed), so some actors are in most documents and most in few; one
-- mention in twenty is of one of 100 actors new that day.
create temp table bench_mentions as
select
    m // $mentions_per_doc as i,
    (m % $mentions_per_doc) * 50 as start_char,
    case when m % 20 = 0
         then $actors + (m // $mentions_per_doc // $docs_per_day) * 100
              + (m // $mentions_per_doc % $docs_per_day) * 100 // $docs_per_day
         else floor($actors * pow((hash(m) % 1000003) / 1000003.0, 3))
    end::bigint as actor
from range($days * $docs_per_day * $mentions_per_doc) as t(m);

-- Each actor first seen in the first document that mentions it.
create temp table bench_actors as
select actor, min(i) as first_i
from bench_mentions
group by actor;

insert into actors by name
select
    md5('bench-actor-' || bench_actors.actor)[:16] as actor_id,
    'Actor ' || bench_actors.actor as name,
    ['person', 'organization', 'country'][1 + bench_actors.actor % 3] as kind,
    bench_docs.document_id as first_document_id,
    bench_docs.ingested_at as first_seen_at,
    false as quarantined
from bench_actors
join bench_docs on bench_docs.i = bench_actors.first_i;

insert into actor_aliases by name
select lower('actor ' || actor) || '|' || ['person', 'organization', 'country'][1 + actor % 3] as alias_key,
       'Actor ' || actor as alias,
       md5('bench-actor-' || actor)[:16] as actor_id
from bench_actors;

insert into mentions by name
select
    bench_docs.document_id,
    md5('bench-actor-' || bench_mentions.actor)[:16] as actor_id,
    bench_mentions.start_char,
    bench_mentions.start_char + 12 as end_char,
    'Actor ' || bench_mentions.actor as text,
    false as quarantined
from bench_mentions
join bench_docs on bench_docs.i = bench_mentions.i;

insert into document_actors by name
select
    bench_docs.document_id,
    md5('bench-actor-' || bench_mentions.actor)[:16] as actor_id,
    'Actor ' || bench_mentions.actor as name,
    ['person', 'organization', 'country'][1 + bench_mentions.actor % 3] as kind,
    ['spokesperson'] as roles,
    null as affiliation,
    min(bench_mentions.start_char) as first_start
from bench_mentions
join bench_docs on bench_docs.i = bench_mentions.i
group by all;

insert into claims by name
select
    md5(bench_docs.document_id || ':claim:' || c)[:20] as claim_id,
    bench_docs.document_id,
    case when c < 4 then md5('bench-actor-' || (bench_docs.i * 7 + c) % 500)[:16] end as speaker_actor_id,
    case when c < 4 then 'Actor ' || (bench_docs.i * 7 + c) % 500 end as speaker,
    case when c < 4 then 'Actor ' || (bench_docs.i * 7 + c) % 500 else 'officials' end as speaker_text,
    100 + c * 300 as speaker_start,
    112 + c * 300 as speaker_end,
    'said' as cue,
    case when c % 2 = 0 then 'direct' else 'indirect' end as kind,
    'The talks would go on, claim ' || c || ' of article ' || bench_docs.i as text,
    120 + c * 300 as start_char,
    200 + c * 300 as end_char,
    'body' as section,
    false as quarantined
from bench_docs, range(5) as t(c);

insert into poll_figures by name
select
    md5(document_id || ':poll')[:20] as poll_id,
    document_id,
    30 + (hash(i) % 300) / 10.0 as value,
    'percent' as unit,
    'Pollster ' || (i % 20) as pollster,
    'likely voters' as population,
    ['vote share', 'approval', 'favourability', 'right track', 'turnout'][1 + (i // 20) % 5] as measure,
    ['Candidate A', 'Candidate B', 'Candidate C', 'undecided'][1 + (i // 100) % 4] as option,
    'this week' as when_text,
    1000 as start_char,
    1003 as end_char,
    false as quarantined
from bench_docs
where i % 2 = 0;

insert into validated_documents by name
select 'bench-validation-' || (i // 100) as validation_id, document_id
from bench_docs;

insert into validation_results by name
select
    'bench-validation-' || v as validation_id,
    suite,
    'expect_column_values_to_not_be_null' as expectation,
    col as columns,
    v % 50 <> 0 as success,
    1000 as element_count,
    case when v % 50 = 0 then 1 else 0 end as unexpected_count,
    null as examples,
    null as error,
    now() as validated_at
from range(($days * $docs_per_day + 99) // 100) as t(v),
     (values ('documents', 'document_id'), ('documents', 'title'), ('actors', 'name'), ('mentions', 'text'),
             ('claims', 'text'), ('poll_figures', 'value')) as s(suite, col);

insert into quarantine by name
select 'claims' as table_name, md5(document_id || ':claim:4')[:20] as row_key, document_id,
       'bench-validation-' || (i // 100) as validation_id, 'claims' as suite,
       'expect_column_values_to_not_be_null' as expectation, 'text' as columns, now() as quarantined_at
from bench_docs
where i % 1000 = 0;

drop table bench_docs;
drop table bench_mentions;
drop table bench_actors;
