"""A case over time: the meetings about one family, their clocks, and what is drifting."""
