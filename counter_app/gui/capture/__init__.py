"""Capturing a document's pages in the GUI (issue 16): the page editor dialog and its parts."""
