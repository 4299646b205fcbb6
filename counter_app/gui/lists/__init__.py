"""Lists of dossiers: the searchable list and today's overview."""
