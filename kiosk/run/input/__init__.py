"""Input: the key map and handler, the lock's gate, presenter mode and the hidden cursor."""
