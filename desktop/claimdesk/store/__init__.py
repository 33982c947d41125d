"""The only package that writes SQL: opens project files, migrates them, and reads and
writes rows on behalf of the ops layer. Returns core types; imports no Qt."""
