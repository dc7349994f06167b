"""`kiosk edit`: a web page on which staff change content.yaml itself (no Qt here).

The forms come from the content models, a save is checked by the same loader as `kiosk check`,
and the file is written with its comments, key order and quoting kept.
"""
