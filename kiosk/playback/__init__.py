"""Playback: the player's timers and widgets, transitions, and building slides with fault isolation."""
