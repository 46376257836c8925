"""Console users: platform staff and the people of each account."""
