"""Work that spans areas: demo data, backup and restore, checks. No textual."""
