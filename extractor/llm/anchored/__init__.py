"""The anchored strategy: the code finds every number, the model labels it from options."""
