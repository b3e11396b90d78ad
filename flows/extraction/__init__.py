"""Extraction of actors, claims and poll figures from article text: pure functions of the text."""
