"""Review, sign and prove the minutes unchanged: lifecycle, keys, records, verification."""
