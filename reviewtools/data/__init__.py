"""The shipped data (corpora/, stopwords/): loaders and validators."""
