"""How one screen looks: style, the slide, fitting, one module per panel kind, and the building blocks
(text, QR codes, icons, images). Draws; never times or rotates anything."""
