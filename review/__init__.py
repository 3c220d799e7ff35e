"""The review of an alignment: the reviewer's verdicts and notes, the file they are kept in,
the session that places and saves them, the index the app and the report ask, and the report
and JSON that carry them out. Free of Textual; the engine (`align`) knows nothing of it."""
