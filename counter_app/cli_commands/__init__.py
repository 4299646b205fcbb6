"""The core `counter-app` commands, one module per area; counter_app.cli builds the parser.

- admin: setup, staff, audit, demo-data (configuring and checking the counter)
- dossiers: receive, import, show, search, status (the dossier's life at the counter)
- attachments: attach, attachments (the digitised documents of a dossier)
- reference: due-date, catalogue, holiday (the procedure catalogue and the working calendar)

Commands that belong to a feature package live beside it instead (forms/cli.py, sync/cli.py,
ops/cli.py). Each module has `register_commands(sub)` for its options and `@command` handlers.
"""
