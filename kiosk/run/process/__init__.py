"""Process: signals, systemd notification, logging and memory, the process's life on the box."""
