"""Output files written all-or-nothing: they replace the old ones only when
the writing ends well (no rdflib here: a build imports this)."""
from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

from .errors import OutputError

__all__ = ["AtomicFiles", "atomic_writes"]


@contextmanager
def atomic_writes(folder):
    """Collect ``{name: bytes}`` and write them all at the end, each via rename.

    >>> import tempfile, pathlib
    >>> d = tempfile.mkdtemp()
    >>> with atomic_writes(d) as out:
    ...     out["a.txt"] = b"x"
    >>> pathlib.Path(d, "a.txt").read_bytes()
    b'x'
    """
    files: dict = {}
    yield files
    with AtomicFiles(folder) as out:
        for name, data in files.items():
            out.open(name).write(data)


def _name_anonymous(fh, folder: Path, name: str) -> str:
    """Give an O_TMPFILE file a hidden name in ``folder`` (linkat; a copy
    where that is refused) and return it."""
    import ctypes
    import shutil

    src = f"/proc/self/fd/{fh.fileno()}"
    tmp = tempfile.mktemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
    libc = ctypes.CDLL(None, use_errno=True)
    at_fdcwd, at_symlink_follow = -100, 0x400  # os.link does not pass AT_SYMLINK_FOLLOW through
    if libc.linkat(at_fdcwd, src.encode(), at_fdcwd, os.fsencode(tmp), at_symlink_follow) != 0:
        with open(src, "rb") as r, open(tmp, "wb") as w:
            shutil.copyfileobj(r, w, 1 << 20)
            w.flush()
            os.fsync(w.fileno())
    return tmp


class AtomicFiles:
    """Output files that replace the old ones only when the ``with`` block
    ends without an error (and ``discard()`` was not called).

    Until then the old outputs stay whole. The new files are written as
    anonymous files in the output folder (Linux ``O_TMPFILE``), which vanish
    if the process is killed; they get a name only at the end, by a link and a
    rename. Where the file system has no anonymous files, hidden temporary
    files are used and removed after an error. The folder is created only
    when a first file is opened.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp(), "out")
    >>> with AtomicFiles(d) as out:
    ...     _ = out.open("a.txt").write(b"x")
    >>> sorted(p.name for p in d.iterdir())
    ['a.txt']
    """

    def __init__(self, folder):
        self.folder = Path(folder)
        self.files = {}  # name → (open file, named temporary path or None for an anonymous file)
        self.discarded = False
        self.dropped = set()
        self.created = None  # the folder, if this made it
        self._syncing = None  # (thread, errors) of start_sync

    def __enter__(self):
        return self

    def _mkdir(self) -> None:
        if self.folder.is_dir():
            return
        try:
            self.folder.mkdir(parents=True)
        except FileExistsError:
            return
        except OSError as exc:
            raise OutputError(f"{self.folder}: cannot create output folder ({exc.strerror})") from exc
        self.created = self.folder

    def open(self, name: str):
        """A binary file that becomes ``folder/name`` when the block ends."""
        if name in self.files:
            return self.files[name][0]
        self._mkdir()
        mask = os.umask(0)
        os.umask(mask)
        tmp = None
        try:
            try:
                fd = os.open(self.folder, os.O_TMPFILE | os.O_WRONLY, 0o666 & ~mask)
            except (AttributeError, OSError):  # no O_TMPFILE here: a named hidden file
                fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=self.folder)
                os.chmod(tmp, 0o666 & ~mask)
        except OSError as exc:
            raise OutputError(f"{self.folder}: cannot write outputs ({exc.strerror or exc})") from exc
        fh = os.fdopen(fd, "wb", buffering=1 << 20)
        self.files[name] = (fh, tmp)
        return fh

    def path(self, name: str) -> Path:
        """A path to read ``name`` back (flushed) before the block ends."""
        fh, tmp = self.files[name]
        fh.flush()
        return Path(tmp) if tmp else Path(f"/proc/self/fd/{fh.fileno()}")

    def discard(self) -> None:
        self.discarded = True

    def drop(self, name: str) -> None:
        """Remove an old ``folder/name`` when the block ends well (an output this
        run does not write, which would otherwise sit beside newer files)."""
        self.dropped.add(name)

    def start_sync(self) -> None:
        """Start writing what the files hold so far to disk, in a thread (the
        bulk of a large build's output), so that the ``fsync`` at the end
        waits only for the tail written after this."""
        import threading

        if self._syncing is not None:
            return
        fds = []
        for fh, _tmp in self.files.values():
            fh.flush()
            fds.append(fh.fileno())
        errors = []

        def run():
            for fd in fds:
                try:
                    os.fsync(fd)
                except OSError as exc:
                    errors.append(exc)

        thread = threading.Thread(target=run, name="kg-fsync", daemon=True)
        thread.start()
        self._syncing = (thread, errors)

    def _commit(self) -> None:
        named = []
        try:
            if self._syncing is not None:
                thread, errors = self._syncing
                thread.join()
                if errors:
                    raise errors[0]
            for name, (fh, tmp) in self.files.items():
                fh.flush()
                os.fsync(fh.fileno())
                if tmp is None:  # give the anonymous file a hidden name, then rename it like the others
                    tmp = _name_anonymous(fh, self.folder, name)
                named.append((tmp, self.folder / name))
            for tmp, final in named:
                os.replace(tmp, final)
            for name in sorted(self.dropped - set(self.files)):
                try:
                    os.unlink(self.folder / name)
                except FileNotFoundError:
                    pass
        except OSError as exc:
            for tmp, _final in named:
                if os.path.exists(tmp):
                    os.unlink(tmp)
            raise OutputError(f"{self.folder}: cannot write outputs ({exc.strerror or exc})") from exc

    def __exit__(self, exc_type, exc, tb):
        if self._syncing is not None:
            self._syncing[0].join()  # its descriptors are closed below
        try:
            if exc_type is None and not self.discarded and self.files:
                self._commit()
        finally:
            for fh, tmp in self.files.values():
                fh.close()
                if tmp and os.path.exists(tmp):
                    os.unlink(tmp)
            if self.created is not None and (exc_type is not None or self.discarded):
                try:
                    self.created.rmdir()
                except OSError:
                    pass
        return False
