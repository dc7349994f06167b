"""Diagnostics: the playback trace and the object census, for measuring, not for showing."""
