"""Pure rules of THADS: no Django import anywhere in this package."""
