"""Qt widgets, item models and dialogs; they call desktop services and never write SQL."""
