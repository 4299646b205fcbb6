"""The Qt GUI: a thin layer over counter_app.services."""
