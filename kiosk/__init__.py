"""kiosk: a full-screen, rotating information display read from content.yaml, in Qt."""
