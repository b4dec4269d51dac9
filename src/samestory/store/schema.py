"""The store's SQLite schema as numbered migrations.

``PRAGMA user_version`` holds the number of migrations applied; opening a store made by an older
version applies the missing ones in one transaction each. ``PRAGMA application_id`` marks the
file as a samestory store, so an unrelated SQLite file is refused instead of written to.

Tables (migration 1):

    articles      one row per stored version of an article: the record as read (id, text, metadata,
                  record_hash), what the pipeline made of it (language, cleaned paragraphs,
                  sentences, removals, warnings, facts) and content_hash (its normalised body)
    vectors       its document vector per embedding space (float32 blob): the space of its language,
                  and sometimes the wide model's too (computed to compare it across spaces); the
                  ANN indexes are built from these
    paragraph_vectors  the title and kept paragraphs' vectors (int8 blob), for "best sentence" display
    entity_keys   (kind, key) of its names, places, days and figures: candidates by shared facts,
                  in any two languages, and how many articles hold each (rare ones count)
    signatures    its MinHash signature; bands: the LSH band keys (near-duplicate candidates)
    duplicates    an article that is a copy, near-copy or translation of an earlier one (its target:
                  the article it was verified against), and its group's leader (the earliest)
    runs          one row per add: when, what, the summary
    stats         counts kept by triggers in the same transaction (current articles, per primary
                  space; the vector spaces present), so a count costs one row read at any size
    stories, story_members, story_centroids, story_counts, story_keys, story_rows
                  the stories the articles form (``samestory.corpus.story_memory`` says what each
                  holds); written in the same transaction as the articles they group

Since migration 2 the key tables (``bands``, ``entity_keys``, ``story_keys``) have no index on
their keys: lookups by key go to posting lists derived from them (:mod:`.postings`).
"""

from __future__ import annotations

__all__ = ["APPLICATION_ID", "MIGRATIONS", "SCHEMA_VERSION"]

#: "SSty": marks a SQLite file as a samestory store.
APPLICATION_ID = 0x53537479

MIGRATIONS: tuple[str, ...] = (
    # 1: the corpus
    """
    CREATE TABLE articles (
        key INTEGER PRIMARY KEY,
        id TEXT NOT NULL,
        version INTEGER NOT NULL,
        current INTEGER NOT NULL,
        record_hash TEXT NOT NULL,
        content_hash TEXT,
        origin TEXT NOT NULL,
        format TEXT NOT NULL,
        title TEXT,
        url TEXT,
        published TEXT,
        source TEXT,
        declared_lang TEXT,
        lang TEXT NOT NULL,
        lang_confidence REAL NOT NULL,
        text TEXT NOT NULL,
        paragraphs TEXT NOT NULL,
        sentences TEXT NOT NULL,
        removed TEXT NOT NULL,
        warnings TEXT NOT NULL,
        facts TEXT NOT NULL,
        space TEXT NOT NULL,
        added TEXT NOT NULL
    );
    CREATE UNIQUE INDEX articles_record ON articles(record_hash);
    CREATE UNIQUE INDEX articles_id_version ON articles(id, version);
    CREATE UNIQUE INDEX articles_current ON articles(id) WHERE current = 1;
    CREATE INDEX articles_content ON articles(content_hash) WHERE content_hash IS NOT NULL;
    CREATE TABLE vectors (
        article INTEGER NOT NULL REFERENCES articles(key),
        space TEXT NOT NULL,
        vector BLOB NOT NULL,
        PRIMARY KEY (article, space)
    ) WITHOUT ROWID;
    CREATE TABLE paragraph_vectors (
        article INTEGER PRIMARY KEY REFERENCES articles(key),
        rows INTEGER NOT NULL,
        vectors BLOB NOT NULL
    );
    CREATE TABLE entity_keys (
        article INTEGER NOT NULL REFERENCES articles(key),
        kind TEXT NOT NULL,
        key TEXT NOT NULL
    );
    CREATE INDEX entity_keys_key ON entity_keys(kind, key);
    CREATE INDEX entity_keys_article ON entity_keys(article);
    CREATE TABLE entity_df (
        kind TEXT NOT NULL,
        key TEXT NOT NULL,
        df INTEGER NOT NULL,
        PRIMARY KEY (kind, key)
    ) WITHOUT ROWID;
    CREATE TABLE signatures (
        article INTEGER PRIMARY KEY REFERENCES articles(key),
        signature BLOB NOT NULL
    );
    CREATE TABLE bands (
        band INTEGER NOT NULL,
        key INTEGER NOT NULL,
        article INTEGER NOT NULL REFERENCES articles(key)
    );
    CREATE INDEX bands_key ON bands(band, key);
    CREATE INDEX bands_article ON bands(article);
    CREATE TABLE duplicates (
        article INTEGER PRIMARY KEY REFERENCES articles(key),
        target INTEGER NOT NULL REFERENCES articles(key),
        leader INTEGER NOT NULL REFERENCES articles(key),
        class TEXT NOT NULL,
        score REAL NOT NULL,
        evidence TEXT NOT NULL
    );
    CREATE INDEX duplicates_leader ON duplicates(leader);
    CREATE INDEX duplicates_target ON duplicates(target);
    CREATE TABLE runs (
        run INTEGER PRIMARY KEY,
        started TEXT NOT NULL,
        finished TEXT,
        inputs TEXT NOT NULL,
        summary TEXT
    );
    CREATE TABLE stats (
        name TEXT PRIMARY KEY,
        value INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE TRIGGER stats_article_in AFTER INSERT ON articles WHEN NEW.current = 1 BEGIN
        INSERT INTO stats VALUES ('articles', 1) ON CONFLICT (name) DO UPDATE SET value = value + 1;
        INSERT INTO stats VALUES ('space:' || NEW.space, 1) ON CONFLICT (name) DO UPDATE SET value = value + 1;
    END;
    CREATE TRIGGER stats_article_retired AFTER UPDATE OF current ON articles
    WHEN OLD.current = 1 AND NEW.current = 0 BEGIN
        UPDATE stats SET value = value - 1 WHERE name IN ('articles', 'space:' || OLD.space);
    END;
    CREATE TRIGGER stats_vector_in AFTER INSERT ON vectors BEGIN
        INSERT OR IGNORE INTO stats VALUES ('vectors:' || NEW.space, 1);
    END;
    CREATE TABLE stories (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        merged_into INTEGER REFERENCES stories(id),
        merge_evidence TEXT,
        members INTEGER NOT NULL DEFAULT 0,
        distinct_members INTEGER NOT NULL DEFAULT 0,
        first_seen TEXT,
        last_seen TEXT,
        updated TEXT NOT NULL
    );
    CREATE INDEX stories_size ON stories(members) WHERE merged_into IS NULL;
    CREATE TABLE story_members (
        article INTEGER PRIMARY KEY REFERENCES articles(key),
        story INTEGER NOT NULL REFERENCES stories(id),
        seq INTEGER NOT NULL,
        counted INTEGER NOT NULL,
        evidence TEXT NOT NULL
    );
    CREATE INDEX story_members_story ON story_members(story, seq);
    CREATE TABLE story_centroids (
        story INTEGER NOT NULL REFERENCES stories(id),
        space TEXT NOT NULL,
        total BLOB NOT NULL,
        weight INTEGER NOT NULL,
        PRIMARY KEY (story, space)
    ) WITHOUT ROWID;
    CREATE TABLE story_counts (
        story INTEGER NOT NULL REFERENCES stories(id),
        kind TEXT NOT NULL,
        key TEXT NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (story, kind, key)
    ) WITHOUT ROWID;
    CREATE TABLE story_keys (
        key TEXT NOT NULL,
        article INTEGER NOT NULL REFERENCES articles(key)
    );
    CREATE INDEX story_keys_key ON story_keys(key);
    CREATE INDEX story_keys_article ON story_keys(article);
    CREATE TABLE story_rows (
        article INTEGER NOT NULL REFERENCES articles(key),
        space TEXT NOT NULL,
        rows INTEGER NOT NULL,
        vectors BLOB NOT NULL,
        lengths TEXT NOT NULL,
        partial INTEGER NOT NULL,
        PRIMARY KEY (article, space)
    ) WITHOUT ROWID;
    """,
    # 2: lookups by key leave SQLite's B-trees for posting lists derived from the key tables
    # (.postings: random keys dirtied one index page each per row, and the cost of an add grew
    # with the corpus); the tables stay, appended to in rowid order, as the source of truth
    """
    DROP INDEX bands_key;
    DROP INDEX bands_article;
    DROP INDEX entity_keys_key;
    DROP TABLE entity_df;
    DROP INDEX story_keys_key;
    DROP INDEX story_keys_article;
    """,
)

#: The schema version this code writes (the number of migrations).
SCHEMA_VERSION = len(MIGRATIONS)
