"""SQLite storage: opening the file safely, migrations, one module per area. No textual."""
