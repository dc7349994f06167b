"""Developer tools that the kiosk itself never imports: the format page's table writer."""
