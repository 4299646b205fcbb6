"""Digitising documents at the counter (issue 16), Qt-free: files taken in and checked
(`inputs`), their pages made into one PDF per document (`pages`), and where pages come from
(`sources`: a file list, the watch folder; `scanners`: SANE; `wia`: Windows' WIA)."""
