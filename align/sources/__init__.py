"""Reading the articles: paths, directories, stdin, URLs and list files in; checked texts out.

Every problem a user can cause becomes an `InputError` whose message is one line naming the
input and the problem, so the command line can print it and exit 2 without a traceback.

One module, one job: `files` (bytes from files, pipes, devices, stdin: capped and timed),
`formats` (text, Markdown or HTML; decoding), `markdown` (markup blanked, offsets kept),
`webpage` (HTML to article and metadata; imported only for HTML), `fetch` (URLs; imported only
for URLs), `meta` (cleaning metadata), `labels` (ids and labels), `reader` (all of it, in order).
"""
from __future__ import annotations

from .labels import unique_ids
from .rawtext import InputError, InputErrors, RawText
from .reader import DEFAULT_TIMEOUT, ReadOptions, articles, named_files, read_inputs, read_texts, require_two

__all__ = ["DEFAULT_TIMEOUT", "InputError", "InputErrors", "RawText", "ReadOptions", "articles", "named_files",
           "read_inputs", "read_texts", "require_two", "unique_ids"]
