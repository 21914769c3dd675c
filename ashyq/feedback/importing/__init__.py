"""Reading the portals' exports and the Ashyq template into validated item rows (issue 5 item 3)."""
