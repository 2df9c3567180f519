"""Modal screens: forms, confirmations, the welcome."""
