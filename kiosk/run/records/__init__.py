"""Records: the play log and the status files that tell staff what the display is doing."""
