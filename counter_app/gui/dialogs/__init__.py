"""Dialogs outside the dossier: settings, first-run setup, sign-in, print preview, sync problems."""
