"""Queries of ``kg serve`` in worker processes that can be stopped.

pyoxigraph cannot cancel a running query, so a query run in a thread goes on
after its client got a 503, with its CPU and memory. Here each query runs in
one of a few worker processes, each with the store opened read-only (a graph
file is first loaded into an on-disk store in a temporary folder, so the
workers share it through the page cache). A worker still busy at the timeout
is killed, which frees what its query held, and a fresh one takes its place.
Each worker has a cap on its address space (``memory_mb``): a query that
needs more ends its worker, not the server.
"""
from __future__ import annotations

import gc
import os
import queue
import shutil
import tempfile
import threading

__all__ = ["QueryPool", "QueryTimeout", "QueryDied"]


class QueryTimeout(Exception):
    """The query ran past the timeout; its worker was stopped."""


class QueryDied(Exception):
    """The worker running the query ended (out of memory, most likely)."""


def _worker(conn, folder: str, memory_mb: int, parent: int) -> None:
    import resource
    import signal

    import pyoxigraph as ox

    from .pipeline import _watch
    from .serve import answer

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the server stops its workers
    _watch(parent)
    if memory_mb:
        cap = memory_mb << 20
        try:
            resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
        except (ValueError, OSError):
            pass
    store = ox.Store.read_only(folder)
    conn.send(("ready", len(store)))
    while True:
        try:
            query, accept, limit = conn.recv()
        except (EOFError, OSError):
            return
        try:
            conn.send(("ok", answer(store, query, accept, limit)))
        except MemoryError:
            os._exit(3)
        except Exception as exc:  # a bad query: the message goes back
            conn.send(("error", str(exc)))


class QueryPool:
    """``workers`` processes answering SPARQL on one store folder (opened
    read-only), or on a graph file loaded into a temporary one."""

    def __init__(self, store_dir=None, graph_file=None, workers: int = 2, memory_mb: int = 4096):
        import multiprocessing as mp

        self._tmp = None
        if graph_file is not None:
            from .graphio import open_graph

            self._tmp = tempfile.mkdtemp(prefix="kg-serve-")
            try:
                store = open_graph(graph_file, folder=os.path.join(self._tmp, "store"))
                store.flush()
                del store
                gc.collect()  # the database lock goes with the last reference
            except BaseException:
                shutil.rmtree(self._tmp, ignore_errors=True)
                raise
            store_dir = os.path.join(self._tmp, "store")
        self.folder = str(store_dir)
        self.memory_mb = memory_mb
        self._ctx = mp.get_context("forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn")
        self._idle = queue.Queue()
        self._all = set()
        self._lock = threading.Lock()
        self.size = 0
        try:
            for _ in range(max(1, workers)):
                self._idle.put(self._start())
        except BaseException:
            self.close()
            raise

    def _start(self):
        parent, child = self._ctx.Pipe()
        proc = self._ctx.Process(target=_worker, args=(child, self.folder, self.memory_mb, os.getpid()),
                                 daemon=True, name="kg-serve-worker")
        proc.start()
        child.close()
        if not parent.poll(60):
            proc.kill()
            raise RuntimeError("a query worker did not start within 60 s")
        try:
            _ready, size = parent.recv()
        except EOFError:
            raise RuntimeError(f"a query worker could not open the store {self.folder}") from None
        self.size = size
        with self._lock:
            self._all.add(proc)
        return proc, parent

    def __len__(self) -> int:
        return self.size

    def _retire(self, proc, conn) -> None:
        proc.kill()
        proc.join(5)
        conn.close()
        with self._lock:
            self._all.discard(proc)

    def run(self, query: str, accept: str, limit: int, timeout: float) -> tuple:
        """``(body, media type, cut)`` as kg.serve.answer gives it; ValueError for a
        bad query, QueryTimeout past ``timeout`` (waiting for a free worker included)."""
        try:
            proc, conn = self._idle.get(timeout=timeout)
        except queue.Empty:
            raise QueryTimeout() from None
        try:
            conn.send((query, accept, limit))
            if not conn.poll(timeout):
                self._retire(proc, conn)
                self._idle.put(self._start())
                raise QueryTimeout()
            kind, value = conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            self._retire(proc, conn)
            self._idle.put(self._start())
            raise QueryDied(f"the query needed more memory than a worker may use ({self.memory_mb} MB; "
                            "kg serve --memory)") from None
        self._idle.put((proc, conn))
        if kind == "error":
            raise ValueError(value)
        return value

    def close(self) -> None:
        with self._lock:
            procs = list(self._all)
            self._all.clear()
        for proc in procs:
            proc.kill()
            proc.join(5)
        if self._tmp:
            shutil.rmtree(self._tmp, ignore_errors=True)
            self._tmp = None
