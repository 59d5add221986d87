"""One module per slot: each holds the ordered table of named rules for its key."""
