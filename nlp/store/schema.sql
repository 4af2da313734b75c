-- rallyscope store, schema version 3 (2 added claims.verdict_note, 3 the vectors table). Field names of claims
-- and stances follow SPEC.md; db.py's MIGRATIONS bring an older file up to date.
-- table: the file's schema version, one row
CREATE TABLE IF NOT EXISTS schema_version (
    version INTEGER NOT NULL                  -- schema version the file is written in
);

-- table: one row per article: metadata, cleaned text, input as read
CREATE TABLE IF NOT EXISTS articles (
    id                 VARCHAR PRIMARY KEY,   -- sha256 of normalised title + body, 16 hex
    source             VARCHAR NOT NULL,      -- path (path:line for jsonl) or URL read
    format             VARCHAR NOT NULL,      -- txt | html | json | jsonl
    url                VARCHAR,               -- canonical URL, when the input gives one
    title              VARCHAR,               -- headline (a .txt file's first line)
    author             VARCHAR,               -- byline, when the input names one
    publisher          VARCHAR,               -- outlet that published it
    published          TIMESTAMPTZ,           -- UTC; null when the input names no date
    published_has_time BOOLEAN NOT NULL,      -- false: only a date was given (00:00 UTC)
    text               VARCHAR NOT NULL,      -- cleaned: title, then paragraphs
    raw                BLOB NOT NULL,         -- as read (decoded), zlib-compressed UTF-8
    duplicate_of       VARCHAR,               -- first copy of a near-duplicate, else null
    junk_removed       VARCHAR[],             -- cleaning rules that fired
    minhash            BIGINT[],              -- MinHash signature, for near-duplicates
    ingested_at        TIMESTAMPTZ NOT NULL DEFAULT current_timestamp  -- when stored (UTC)
);

-- table: one row per figure extracted from an article (SPEC.md)
CREATE TABLE IF NOT EXISTS claims (
    id              VARCHAR PRIMARY KEY,      -- hash of (article, start, end, kind)
    article         VARCHAR NOT NULL,         -- the article's id (articles.id)
    source          VARCHAR,                  -- path or URL the article came from
    kind            VARCHAR NOT NULL,         -- index_level, price_change, pe_ratio ... (SPEC.md)
    metric          VARCHAR,                  -- finer kind: pct, points, forward, cut_size ...
    subject         VARCHAR,                  -- canonical index or segment, e.g. russell_2000
    subject_text    VARCHAR,                  -- the words that named the subject
    value           DOUBLE,                   -- the number, signed; a range's midpoint
    low             DOUBLE,                   -- a range's low end, else null
    high            DOUBLE,                   -- a range's high end, else null
    unit            VARCHAR,                  -- % | bp | x (multiple) | pts (index points) | count
    approximate     BOOLEAN,                  -- true for about, ~, nearly, roughly, more than ...
    forward_looking BOOLEAN,                  -- true: a forecast or expectation, not a fact
    period          VARCHAR,                  -- the words for the period, else null
    period_start    DATE,                     -- first day of the period, when resolved
    period_end      DATE,                     -- last day of the period
    speaker         VARCHAR,                  -- to whom the figure is attributed
    sentence        VARCHAR,                  -- the sentence the figure came from
    start           INTEGER,                  -- figure's first character in articles.text
    "end"           INTEGER,                  -- just after the figure's last character
    verdict         VARCHAR,                  -- verified | contradicted | unverifiable | null
    actual          DOUBLE,                   -- the figure the closes give
    verdict_note    VARCHAR                   -- why unverifiable, or the neighbouring session
);

-- table: one row per classified article: its stance on the rally
CREATE TABLE IF NOT EXISTS stances (
    article    VARCHAR PRIMARY KEY,           -- the article's id (articles.id)
    source     VARCHAR,                       -- path or URL the article came from
    stance     VARCHAR NOT NULL,              -- sustainable | skeptical | uncertain | none
    score      DOUBLE,                        -- -1 (the rally fades) to 1 (it lasts)
    confidence DOUBLE,                        -- 0 to 1
    evidence   VARCHAR[],                     -- sentences that decided it, strongest first
    sentiment  DOUBLE                         -- mean sentence sentiment, -1 to 1
);

-- table: one row per sentence of a classified article, its sentiment
CREATE TABLE IF NOT EXISTS sentences (
    article  VARCHAR NOT NULL,                -- the article's id (articles.id)
    position INTEGER NOT NULL,                -- the sentence's number in the article, from 0
    start    INTEGER,                         -- its first character in articles.text
    "end"    INTEGER,                         -- just after its last character
    text     VARCHAR NOT NULL,                -- the sentence
    label    VARCHAR,                         -- sentiment: positive | negative | neutral
    score    DOUBLE,                          -- P(positive) - P(negative)
    probability DOUBLE,                       -- of the label
    PRIMARY KEY (article, position)
);

-- table: one row per index and trading day: the daily close
CREATE TABLE IF NOT EXISTS prices (
    subject VARCHAR NOT NULL,                 -- canonical index (russell_2000, sp500 ...)
    date    DATE NOT NULL,                    -- trading day
    close   DOUBLE NOT NULL,                  -- closing level
    origin  VARCHAR,                          -- file or service the close came from
    PRIMARY KEY (subject, date)
);

-- table: one row per input that could not be used, and why
CREATE TABLE IF NOT EXISTS rejects (
    source      VARCHAR PRIMARY KEY,          -- path (path:line for jsonl) or URL of the input
    kind        VARCHAR NOT NULL,             -- short reason category, e.g. 'empty file'
    reason      VARCHAR NOT NULL,             -- the full one-line reason
    skipped     BOOLEAN NOT NULL,             -- true: not a kind of input rallyscope reads
    rejected_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp  -- when last rejected (UTC)
);

-- table: sentence vectors for rallyscope search, one per distinct sentence and encoder
CREATE TABLE IF NOT EXISTS vectors (
    id      VARCHAR NOT NULL,                 -- md5 of the sentence text
    encoder VARCHAR NOT NULL,                 -- the encoder's weights SHA-256, first 16 hex
    text    VARCHAR NOT NULL,                 -- the sentence (a claim's or a scored one)
    vector  FLOAT[384] NOT NULL,              -- L2-normalised sentence vector
    PRIMARY KEY (id, encoder)
);
