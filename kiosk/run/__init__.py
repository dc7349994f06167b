"""The running process, in rooms: input, window, live, power, records and process.

``operation.py`` wires them together. Talks to the player only through its public methods and signals."""
