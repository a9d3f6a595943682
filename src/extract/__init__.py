"""extract: conflict-event articles in, a checked dataset of actors, places, dates and counts out."""

__version__ = "0.1.0"
