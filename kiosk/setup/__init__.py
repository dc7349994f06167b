"""`kiosk setup`: the files and commands that show the kiosk on boot."""
