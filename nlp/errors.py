"""The exceptions rallyscope raises: each carries a one-line message naming its input."""


class RallyscopeError(Exception):
    """Base class; ``str(err)`` is the one line a user sees."""


class InputError(RallyscopeError):
    """An input (file, line of a file, URL) that cannot be used, and why."""

    def __init__(self, source: str, reason: str, *, kind: str | None = None) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason
        self.kind = kind or reason  # the short category a batch summary counts by


class UnsupportedInput(InputError):
    """An input of a kind rallyscope does not read (say a ``.pdf``): skipped and counted."""


class FetchError(RallyscopeError):
    """A network fetch that failed or was refused (robots.txt, size, status)."""


class ModelError(RallyscopeError):
    """A trained model that is missing or does not match the installed libraries."""


class StoreError(RallyscopeError):
    """The database cannot be opened, written or queried as asked."""
