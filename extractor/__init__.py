"""Turn messy news articles about Vietnam's trade statistics into validated, grounded facts."""
