"""Storage: SQLAlchemy models, engine, migrations, change capture, queries."""
