"""LingGong City: the city bureau's server that every market's desk syncs with."""

__version__ = "0.1.0"
