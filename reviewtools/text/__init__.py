"""Mechanisms every job shares on text: the offset map, title keys, the phrase matcher. No domain data."""
