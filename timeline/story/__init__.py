"""From mentions to a story: key dates, and their evaluation on Timeline17-style topics."""
