"""Where a batch runs: in this process (``local``) or on a Ray cluster (``ray``, an extra)."""
