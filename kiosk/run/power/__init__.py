"""Power: the screen's sleep and wake, the display's own power (DPMS, wlopm, CEC), the screen saver."""
