"""OCR transcripts of archival papers to a TEI P5 scholarly edition."""

__version__ = "0.1.0"
