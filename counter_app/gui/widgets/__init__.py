"""Widgets and helpers several screens share: tables, messages, texts, the scanner."""
