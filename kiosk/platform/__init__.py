"""Platform probes that need no Qt: which display server and session the box has."""
