"""Sync with the city server: the wire protocol, change capture read-out, client."""
