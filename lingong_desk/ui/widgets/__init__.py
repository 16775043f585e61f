"""Widgets shared by the service windows."""
