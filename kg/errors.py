"""One exception hierarchy; every message says what went wrong and what to do."""
__all__ = ["KgError", "InputError", "OutputError", "WorkerError"]


class KgError(Exception):
    """Base of every error kg raises on purpose."""


class InputError(KgError):
    """A source file cannot be read as an article."""

    def __init__(self, path, problem, hint=""):
        self.path = str(path)
        self.problem = problem
        self.hint = hint
        msg = f"{path}: {problem}"
        if hint:
            msg += f" ({hint})"
        super().__init__(msg)

    def __reduce__(self):  # travels between processes (parallel and Dask builds)
        return (type(self), (self.path, self.problem, self.hint))


class OutputError(KgError):
    """Outputs cannot be written."""


class WorkerError(KgError):
    """A worker process of a parallel build died."""
