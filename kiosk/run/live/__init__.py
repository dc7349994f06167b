"""Live: watching the content file, reloading it while it runs, and the urgent takeover."""
