"""Export: render the deck to PNG offscreen, and the fit check behind `kiosk check --size`."""
