"""Importing archived decisions (PDF or extracted text) as draft records a controller reviews."""
