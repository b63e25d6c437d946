"""DuckDB event store and exports."""
