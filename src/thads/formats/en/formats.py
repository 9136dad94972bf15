"""English formats for THADS: the same dd/mm/yyyy dates and 1.234.567 money grouping as Vietnamese, so that
figures read the same in both languages."""

from thads.formats.vi.formats import *  # noqa: F403
