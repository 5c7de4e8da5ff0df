"""The meeting domain: its shape, model, validation, JSON format and rules. Plain Python."""
