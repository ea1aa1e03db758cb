"""Reference data: CSV files with a source on every row, typed and validated when loaded."""
