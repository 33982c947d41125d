"""One function per user-level action. The GUI, the CLI and the tests call these, never
the store directly. Each mutation runs in one transaction and records an event."""
