"""First Loyalty course kit."""
