"""Operations: self-test, doctor, backups and restore, logging (issue "Install and operate").

Qt-free except where a check needs Qt itself (printers, the self-test's window), which is
imported lazily.
"""
