"""THADS: civil judgment enforcement case management."""
