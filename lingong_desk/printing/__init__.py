"""Printed documents: ReportLab renderers that turn a frozen data snapshot into PDF bytes.

No Qt and no database session here: a service freezes what is to be printed
into a dataclass and hands it to a renderer, which returns the bytes that the
UI previews and prints unchanged.
"""
