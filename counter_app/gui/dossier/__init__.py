"""One dossier: the detail dialog, one file per action dialog, the action table by status."""
