"""The city bureau's web console under ``/console`` (server-rendered pages)."""
