-- briefing: the DuckDB schema. Applied on every connection; every statement is idempotent.
-- Every extracted fact carries its document id and a [start_char, end_char) span into that
-- document's original_text.

-- A path in the watched folder and what was last seen there (size and mtime let a rerun skip
-- unchanged files without reading them).
create table if not exists files (
    path          varchar primary key,
    size_bytes    bigint not null,
    mtime_ns      bigint not null,
    sha256        varchar,            -- content last loaded from this path; null while rejected
    status        varchar not null,   -- loaded | duplicate | rejected
    first_seen_at timestamptz not null,
    last_seen_at  timestamptz not null
);

-- Each distinct content seen at a path, oldest first: a changed file is a new version linked
-- to the one it replaced.
create table if not exists file_versions (
    path             varchar not null,
    version          integer not null,
    sha256           varchar not null,
    previous_sha256  varchar,
    seen_at          timestamptz not null,
    primary key (path, version)
);

-- One row per distinct content (document_id is the SHA-256 of the file's bytes).
create table if not exists documents (
    document_id    varchar primary key,
    source_path    varchar not null,  -- the first path it arrived under
    encoding       varchar not null,
    byte_size      bigint not null,
    char_length    integer not null,
    title          varchar,
    byline         varchar,
    publication    varchar,
    published      date,
    original_text  varchar not null,
    ingested_at    timestamptz not null,
    extraction_status varchar not null,  -- done | failed
    extraction_error  varchar
);

create table if not exists sections (
    document_id  varchar not null,
    ordinal      integer not null,
    kind         varchar not null,    -- front_matter | title | dateline | byline | body | boilerplate | comments
    start_char   integer not null,
    end_char     integer not null,
    primary key (document_id, ordinal)
);

-- Every attempt at every file, whatever came of it.
create table if not exists ingestion_log (
    run_id       varchar not null,
    path         varchar not null,
    sha256       varchar,
    status       varchar not null,    -- loaded | duplicate | unchanged | rejected | failed
    reason       varchar,             -- stable code: empty, binary, too_large, ...
    message      varchar,
    attempted_at timestamptz not null
);

-- Actors across documents: one id per real-world actor, found again through its aliases.
create table if not exists actors (
    actor_id          varchar primary key,
    name              varchar not null,
    kind              varchar not null,
    first_document_id varchar not null,
    first_seen_at     timestamptz not null
);

create table if not exists actor_aliases (
    alias_key  varchar primary key,   -- normalised surface form
    alias      varchar not null,
    actor_id   varchar not null
);

-- An actor as one document presents it (its roles and affiliation there).
create table if not exists document_actors (
    document_id  varchar not null,
    actor_id     varchar not null,
    name         varchar not null,
    kind         varchar not null,
    roles        varchar[],
    affiliation  varchar,
    first_start  integer not null,
    primary key (document_id, actor_id)
);

create table if not exists mentions (
    document_id  varchar not null,
    actor_id     varchar not null,
    start_char   integer not null,
    end_char     integer not null,
    text         varchar not null,
    primary key (document_id, start_char, end_char)
);

create table if not exists claims (
    claim_id         varchar primary key,  -- document id + span
    document_id      varchar not null,
    speaker_actor_id varchar,
    speaker          varchar,
    speaker_text     varchar,
    speaker_start    integer,
    speaker_end      integer,
    cue              varchar,
    kind             varchar not null,     -- direct | indirect
    text             varchar not null,
    start_char       integer not null,
    end_char         integer not null,
    section          varchar not null      -- body | comments
);

create table if not exists poll_figures (
    poll_id      varchar primary key,      -- document id + span
    document_id  varchar not null,
    value        double not null,
    unit         varchar not null,         -- percent | points
    pollster     varchar,
    population   varchar,
    measure      varchar,
    option       varchar,
    when_text    varchar,
    start_char   integer not null,
    end_char     integer not null
);

-- Poll releases and series (issue 14): the pollster as written beside the canonical one, what kind
-- of measure, the time the figure is about (resolved against publication), whether it is about the
-- past, and the release's sample and margin of error. A series is (pollster, measure_kind, option,
-- population, unit).
alter table poll_figures add column if not exists pollster_text varchar;
alter table poll_figures add column if not exists pollster_kind varchar;    -- poll | average
alter table poll_figures add column if not exists measure_kind varchar;     -- vote_head_to_head | vote_multi_way | vote | favourability | approval | right_direction | issue | other
alter table poll_figures add column if not exists historical boolean default false;
alter table poll_figures add column if not exists when_start date;
alter table poll_figures add column if not exists when_end date;
alter table poll_figures add column if not exists sample_size integer;
alter table poll_figures add column if not exists margin_of_error double;
alter table poll_figures add column if not exists contest varchar;          -- "Donald Trump | Hillary Clinton": the race of a vote measure
alter table poll_figures add column if not exists area varchar;             -- "Florida", "national", or null

create index if not exists mentions_actor on mentions (actor_id);
create index if not exists claims_document on claims (document_id);
create index if not exists polls_document on poll_figures (document_id);
create index if not exists log_path on ingestion_log (path);

-- Validation (Great Expectations) after each load: failing rows are kept but marked quarantined
-- and left out of summaries; each check's outcome is kept in validation_results.
alter table documents add column if not exists quarantined boolean default false;
alter table actors add column if not exists quarantined boolean default false;
alter table mentions add column if not exists quarantined boolean default false;
alter table claims add column if not exists quarantined boolean default false;
alter table poll_figures add column if not exists quarantined boolean default false;

-- Two stored actors found to be one ("Trump" known by surname alone, then the Donald Trump the
-- articles call "Trump"): the first is merged into the second; the row stays as history.
alter table actors add column if not exists merged_into varchar;
create table if not exists actor_merges (
    from_actor_id varchar primary key,
    into_actor_id varchar not null,
    document_id   varchar not null,   -- the document whose evidence merged them
    merged_at     timestamptz not null
);

-- One row per expectation per validation run (a run validates the documents just loaded).
create table if not exists validation_results (
    validation_id    varchar not null,
    suite            varchar not null,     -- documents | actors | mentions | claims | poll_figures
    expectation      varchar not null,     -- GX expectation type
    columns          varchar not null,     -- the column(s) it looks at
    success          boolean not null,
    element_count    bigint not null,
    unexpected_count bigint not null,
    examples         varchar,              -- JSON list of up to 5 failing rows (key and values)
    error            varchar,              -- the expectation could not be evaluated
    validated_at     timestamptz not null,
    primary key (validation_id, suite, expectation, columns)
);

-- Which documents each validation run covered (so a day's summary finds its checks).
create table if not exists validated_documents (
    validation_id  varchar not null,
    document_id    varchar not null,
    primary key (validation_id, document_id)
);

-- Why a row was quarantined: one row per (row, failed expectation).
create table if not exists quarantine (
    table_name     varchar not null,
    row_key        varchar not null,
    document_id    varchar,
    validation_id  varchar not null,
    suite          varchar not null,
    expectation    varchar not null,
    columns        varchar not null,
    quarantined_at timestamptz not null,
    primary key (table_name, row_key, suite, expectation, columns)
);

-- Daily summary deliveries: exactly one Slack post per (day, channel).
create table if not exists deliveries (
    day             date not null,
    channel         varchar not null,
    status          varchar not null,      -- pending | posted | failed
    idempotency_key varchar not null,      -- also sent as message metadata to find a lost post
    report_path     varchar,
    message_ts      varchar,
    channel_id      varchar,
    attempts        integer not null default 0,
    last_error      varchar,
    created_at      timestamptz not null,
    updated_at      timestamptz not null,
    posted_at       timestamptz,
    primary key (day, channel)
);

create index if not exists documents_ingested on documents (ingested_at);

-- What a delivery posts (so a retry on a later run sends the same message) and its file uploads.
alter table deliveries add column if not exists payload varchar;
alter table deliveries add column if not exists files_uploaded boolean default false;

-- Document metadata (issue 17): where each field came from is in metadata_sources, a JSON object
-- field -> sidecar | front_matter | feed | html | text | filename | ingestion. `published` is the publication day as
-- the source states it; `published_at` the moment, when a time and zone were given.
alter table documents add column if not exists publisher varchar;
alter table documents add column if not exists published_at timestamptz;
alter table documents add column if not exists authors varchar[];
alter table documents add column if not exists url varchar;
alter table documents add column if not exists news_section varchar;
alter table documents add column if not exists format varchar default 'text';  -- text | html | feed
alter table documents add column if not exists metadata_sources varchar;

-- What "a day" is for every summary: the publication day in time zone tz where the date is known,
-- else the day of ingestion there.
create or replace macro document_day(published_at, published, ingested_at, tz) as
    coalesce(cast(timezone(tz, published_at) as date), published, cast(timezone(tz, ingested_at) as date));

-- Documents with their day (see document_day) and their ingestion day, in time zone tz.
create or replace macro dated_documents(tz) as table
    select documents.*,
           document_day(documents.published_at, documents.published, documents.ingested_at, tz) as day,
           cast(timezone(tz, documents.ingested_at) as date) as ingested_day
    from documents;

-- The series of each poll figure (issue 14): (canonical pollster, measure kind, option, and for a
-- question without options or a measure outside the vocabulary its words, the race (contest) of a
-- vote measure, area, population, unit). No series (null) when it cannot be told: no pollster, a
-- vote measure whose race is unknown, or two figures of one document falling into the same series
-- (we failed to tell them apart). Previous values and chart lines only ever join on it.
create or replace view poll_series as
with keyed as (
    select
        poll_id,
        document_id,
        historical,
        quarantined,
        value,
        case
            when pollster is null or coalesce(option, measure) is null then null
            when coalesce(measure_kind, 'other') like 'vote%' and contest is null then null
            -- names compared without case or middle initials ("Donald J. Trump" is "Donald Trump")
            else concat_ws('|', pollster, coalesce(measure_kind, ''),
                           coalesce('option:' || regexp_replace(lower(option), '\s[a-z]\.\s', ' ', 'g'), ''),
                           case when option is null or coalesce(measure_kind, 'other') in ('issue', 'other')
                                then 'measure:' || lower(coalesce(measure, '')) else '' end,
                           coalesce(regexp_replace(lower(contest), '\s[a-z]\.\s', ' ', 'g'), ''),
                           coalesce(lower(area), ''), coalesce(lower(population), ''), unit)
        end as series_key,
        concat_ws(' ', coalesce(measure_kind || ':', ''), coalesce(option, measure),
                  case when option is not null and coalesce(measure_kind, 'other') in ('issue', 'other')
                       then '"' || measure || '"' end,
                  case when contest is not null then 'in ' || contest end,
                  case when area is not null then '[' || area || ']' end,
                  '(' || population || ')') as series_label
    from poll_figures
)
select
    poll_id,
    -- one article giving two different values for one series: we failed to tell them apart
    case when min(value) filter (where not historical and not quarantined) over same_series
              < max(value) filter (where not historical and not quarantined) over same_series
           or min(value) filter (where historical and not quarantined) over same_series
              < max(value) filter (where historical and not quarantined) over same_series
         then null else series_key end as series,
    series_label
from keyed
window same_series as (partition by document_id, series_key);

-- The SHA-256 of this file's text when it was last run on the database: a connection runs it again
-- only when the text changed (storage.connect).
create table if not exists schema_applied (
    id     integer primary key,   -- always 1: one row
    digest varchar not null
);
