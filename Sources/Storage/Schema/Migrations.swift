/// The schema, as an ordered list of steps applied on `PRAGMA user_version`.
///
/// Never edit a step that has shipped; append a new one.
package enum Migrations {
    package static let all: [Migration] = [
        Migration(
            name: "git history",
            sql: """
                CREATE TABLE repository (
                    id INTEGER PRIMARY KEY,
                    root TEXT NOT NULL UNIQUE,
                    origin TEXT,
                    name TEXT NOT NULL,
                    last_ingest INTEGER
                );
                -- The ref tips read by the last ingest: the next one logs only what is new since them.
                CREATE TABLE repository_tip (
                    repository_id INTEGER NOT NULL REFERENCES repository(id) ON DELETE CASCADE,
                    hash TEXT NOT NULL,
                    PRIMARY KEY (repository_id, hash)
                ) WITHOUT ROWID;
                -- "commit" is an SQL keyword, hence git_commit.
                CREATE TABLE git_commit (
                    id INTEGER PRIMARY KEY,
                    repository_id INTEGER NOT NULL REFERENCES repository(id) ON DELETE CASCADE,
                    hash TEXT NOT NULL,
                    parents TEXT NOT NULL,
                    author_name TEXT NOT NULL,
                    author_email TEXT NOT NULL,
                    author_time INTEGER NOT NULL,
                    author_offset INTEGER NOT NULL,
                    committer_name TEXT NOT NULL,
                    committer_email TEXT NOT NULL,
                    committer_time INTEGER NOT NULL,
                    subject TEXT NOT NULL,
                    body TEXT NOT NULL,
                    is_merge INTEGER NOT NULL,
                    is_bot INTEGER NOT NULL,
                    lines_added INTEGER NOT NULL,
                    lines_deleted INTEGER NOT NULL,
                    -- 0 once a history rewrite left the commit unreachable from the ingested refs.
                    reachable INTEGER NOT NULL DEFAULT 1,
                    UNIQUE (repository_id, hash)
                );
                CREATE INDEX git_commit_author_time ON git_commit(repository_id, author_time);
                CREATE TABLE file_change (
                    commit_id INTEGER NOT NULL REFERENCES git_commit(id) ON DELETE CASCADE,
                    path TEXT NOT NULL,
                    old_path TEXT,
                    lines_added INTEGER,   -- NULL for a binary file
                    lines_deleted INTEGER
                );
                CREATE INDEX file_change_commit ON file_change(commit_id);
                CREATE TABLE commit_trailer (
                    commit_id INTEGER NOT NULL REFERENCES git_commit(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    key TEXT NOT NULL,
                    value TEXT NOT NULL,
                    PRIMARY KEY (commit_id, position)
                ) WITHOUT ROWID;
                -- source: 'message' (trailer, footer, author) or 'git-ai' (a note under refs/notes/ai).
                CREATE TABLE ai_mark (
                    commit_id INTEGER NOT NULL REFERENCES git_commit(id) ON DELETE CASCADE,
                    tool TEXT NOT NULL,
                    source TEXT NOT NULL,
                    evidence TEXT NOT NULL,
                    PRIMARY KEY (commit_id, tool, source)
                ) WITHOUT ROWID;
                """)
    ]
}
