"""The shipped data (corpora/): loaders and validators."""
