"""The one error a reader raises: which file, where in it, and why."""
from __future__ import annotations


class IngestError(Exception):
    """A file (or one record of it) that could not be read as an article.

    ``str(error)`` names the file, the place inside it (``where``, e.g. "line 3")
    when there is one, and the reason, in words a person can act on.
    """

    def __init__(self, path: str, reason: str, where: str = ""):
        self.path = str(path)
        self.reason = reason
        self.where = where
        super().__init__(str(self))

    def __str__(self) -> str:
        place = f" ({self.where})" if self.where else ""
        return f"{self.path}{place}: {self.reason}"

    def __reduce__(self):  # picklable, for worker processes
        return (IngestError, (self.path, self.reason, self.where))
