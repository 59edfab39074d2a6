"""The durable store: SQLite (WAL, one writer) or PostgreSQL, its schema, history and undo, merging, polling."""
