-- Claims in documents of $day (document_day in schema.sql), grouped by the speaker's actor id and headed
-- by the actor's canonical name ("Obama", "Mr. Obama" and "he" are one group); claims with no speaker actor
-- ("experts", a pronoun nobody stands for) form one group of unnamed sources, their words kept.
with today as (
    select document_id, title, source_path, ingested_at
    from dated_documents($tz)
    where day = $day::date
      and not quarantined
),
said as (
    select
        claims.*,
        coalesce(nullif(trim(today.title), ''), today.source_path) as title,
        today.source_path,
        today.ingested_at
    from claims
    join today on today.document_id = claims.document_id
    where not claims.quarantined
),
speakers as (
    select
        coalesce(actors.name, 'Unnamed sources') as speaker,
        said.speaker_text,
        actors.actor_id is not null as named,
        actors.actor_id as speaker_actor_id,
        claim_id,
        document_id,
        title,
        source_path,
        said.kind,
        cue,
        text,
        start_char,
        end_char,
        section,
        ingested_at
    from said
    left join actors on actors.actor_id = said.speaker_actor_id
)
select
    speaker,
    named,
    speaker_actor_id,
    count(*) as claims,
    list({'claim_id': claim_id, 'document_id': document_id, 'title': title, 'source_path': source_path,
          'speaker_text': speaker_text, 'kind': kind, 'cue': cue, 'text': text, 'start_char': start_char, 'end_char': end_char,
          'section': section, 'speaker': speaker, 'speaker_actor_id': speaker_actor_id} order by ingested_at, source_path, start_char, end_char, claim_id) as items
from speakers
group by speaker_actor_id, speaker, named
order by named desc, claims desc, speaker, speaker_actor_id
