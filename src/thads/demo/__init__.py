"""Deterministic demo data for the demo province (Thừa Thiên Huế), pure Python."""
