"""Pure helpers (formatting, text folding, calendars) usable without Django models."""
