"""Window: the full-screen window that holds the player, and the choice of screen."""
