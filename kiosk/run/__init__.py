"""The running process: window, keys, presenter, lock, live reload, screens, screen saver, systemd,
play log and logging. Talks to the player only through its public methods and signals."""
