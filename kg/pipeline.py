"""The named stages, in order; each takes a Doc and returns it.

>>> [name for name, _ in STAGES]
['clean', 'sentences', 'tokens', 'names', 'mentions', 'resolve', 'relations', 'measures']
"""
from __future__ import annotations

import gc
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from . import clean, measures, mentions, names, relations, resolve, segment
from .doc import Doc
from .errors import InputError, WorkerError
from .load import collect, read

__all__ = ["STAGES", "process_text", "process_file", "build", "release", "BuildResult"]

STAGES = [
    ("clean", clean.clean),
    ("sentences", segment.sentences),
    ("tokens", segment.tokens),
    ("names", names.names),
    ("mentions", mentions.mentions),
    ("resolve", resolve.resolve),
    ("relations", relations.relations),
    ("measures", measures.measures),
]


def process_text(text: str, path: str = "<text>", sha256: str = "", until: str | None = None) -> Doc:
    """Run the stages over an already decoded text; ``until`` stops after that stage.

    >>> process_text("某局党委开展活动。", until="sentences").mentions
    []
    """
    import hashlib

    doc = Doc(path=path, source=text, text="", offsets=[],
              sha256=sha256 or hashlib.sha256(text.encode("utf-8")).hexdigest())
    if until is not None and until not in dict(STAGES):
        raise ValueError(f"no stage {until!r}; stages are {', '.join(n for n, _ in STAGES)}")
    for name, stage in STAGES:
        out = stage(doc)
        if not isinstance(out, Doc):
            raise TypeError(f"stage {name!r} returned {type(out).__name__}, not Doc")
        doc = out
        if name == until:
            break
    return doc


def process_file(path, max_bytes: int | None = None) -> Doc:
    src = read(path, max_bytes)
    return process_source(src, Path(path).as_posix())


def process_source(src, path: str) -> Doc:
    """Run the pipeline over a read Source; the file's own metadata (an HTML
    page's title and date) wins over what the text suggests."""
    if not src.text.strip():
        raise InputError(path, "empty file", "nothing to extract")
    doc = process_text(src.text, path=path, sha256=src.sha256)
    doc.meta["encoding"] = src.encoding
    doc.meta["format"] = src.format
    doc.meta.update(src.meta)
    return doc


@dataclass
class Extract:
    """What one article contributes, small enough to send between processes:
    its graph already written as text, and its entity summary (the Doc stays
    behind). After the graph files have taken it, only the counts are kept."""

    path: str
    article: str = ""
    title: str = ""
    text: object = None  # kg.fastrdf.ArticleText
    entities: dict = field(default_factory=dict)
    relations: int = 0
    measurements: int = 0
    error: InputError | None = None

    def spent(self) -> "Extract":
        """This record without its graph text and entity summary."""
        return Extract(self.path, self.article, self.title, None, {}, self.relations, self.measurements)


def extract(path, base: str | None = None, min_confidence: float = 0.0, max_bytes: int | None = None,
            spool_dir: str | None = None) -> Extract:
    """Process one file into an Extract; a bad file becomes ``Extract.error``.
    With ``spool_dir`` the graph text goes to this process's spool files
    there (kg.fastrdf.spool) and the Extract says where."""
    from .fastrdf import article_text, spool
    from .iri import DEFAULT_BASE, article_str
    from .rdf import EVIDENCE, MEASUREMENT, MEASUREMENT_ABOUT, article_parts

    base = base or DEFAULT_BASE
    try:
        doc = process_file(path, max_bytes)
    except InputError as exc:
        return Extract(Path(path).as_posix(), error=exc)
    art = article_str(doc.sha256, base)
    triples, nodes, entities = article_parts(doc, base, min_confidence)
    text = article_text(triples, art, entities, nodes)
    if spool_dir:
        text = spool(text, spool_dir)
    # what was written, after --min-confidence: one evidence node per relation stated, one node per figure
    relations_written = sum(1 for n in nodes if n[0] is EVIDENCE)
    figures_written = sum(1 for n in nodes if n[0] is MEASUREMENT or n[0] is MEASUREMENT_ABOUT)
    return Extract(doc.path, art, doc.meta.get("title", ""), text, entities, relations_written, figures_written)


@dataclass
class BuildResult:
    extracts: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    seconds: float = 0.0
    entities: dict = field(default_factory=dict)  # iri → [type, labels, aliases], across articles
    warnings: list = field(default_factory=list)  # "path: what" for articles read but yielding nothing

    def summary(self) -> dict:
        types = Counter()
        if self.entities:
            types.update(slot[0] for slot in self.entities.values())
        else:
            seen = set()
            for x in self.extracts:
                for iri, (typ, _label, _aliases) in x.entities.items():
                    if iri not in seen:
                        seen.add(iri)
                        types[typ] += 1
        return {
            "documents": len(self.extracts),
            "failed": len(self.errors),
            "entities": dict(sorted(types.items())),
            "relations": sum(x.relations for x in self.extracts),
            "measurements": sum(x.measurements for x in self.extracts),
            "seconds": round(self.seconds, 2),
        }


def _extract_star(args):
    return extract(*args)


def release() -> None:
    """Give back the memory of the tokenizer's dictionary and the name model
    (about 80 MB) when a process will extract no more: a one-off build draws
    its page and writes its entity section in it. Both load again if needed."""
    segment.release()
    names.release()
    gc.collect()
    try:  # glibc keeps freed memory for reuse; hand it back to the system
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


def _warm():
    """Load the tokenizer, resources and model once per process (a worker's
    start, or a one-process build before it freezes what it loaded)."""
    from . import lexicon, names, segment

    segment.tokenizer()
    lexicon.verbs()
    lexicon.common_words()
    if names.enabled():
        names.model()


def _worker_start(main_pid: int | None = None):
    """A worker ignores Ctrl-C: the main process stops the build and the workers.
    It ends by itself when the main process is gone (killed with -9, say)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if main_pid:
        _watch(main_pid)
    _warm()
    gc.freeze()  # a worker's dictionaries live as long as it does: the collector need not walk them
    _young_collections_rarer()  # for the worker's life


GC_YOUNG = 10_000  # objects allocated between collections of the youngest generation (Python's default: 700)


def _young_collections_rarer() -> tuple:
    """Collect the youngest generation every ``GC_YOUNG`` allocations, not 700;
    return the thresholds before. Extraction makes and drops millions of small
    tuples and lists that reference counting frees and almost none in cycles,
    so the collector found little and took about 8% of a build."""
    old = gc.get_threshold()
    gc.set_threshold(max(old[0], GC_YOUNG), *old[1:])
    return old


@contextmanager
def fewer_collections():
    """``_young_collections_rarer`` while the block runs (a build, its page)."""
    old = _young_collections_rarer()
    try:
        yield
    finally:
        gc.set_threshold(*old)


def _watch(pid: int, every: float = 0.5) -> None:
    """End this process soon after process ``pid`` ends (a daemon thread polls it)."""
    import os
    import threading

    def watch():
        while True:
            time.sleep(every)
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                os._exit(1)
            except PermissionError:  # the pid was reused by another user's process: ours is gone
                os._exit(1)

    threading.Thread(target=watch, name="kg-parent-watch", daemon=True).start()


SPOOL_PREFIX = "kg-spool-"


def clear_stale_spools() -> None:
    """Remove spool folders that builds killed before they could clean up left
    behind (named kg-spool-PID-…, with PID no longer running)."""
    import os
    import shutil
    import tempfile

    root = tempfile.gettempdir()
    try:
        names = os.listdir(root)
    except OSError:
        return
    for name in names:
        if name.startswith("pymp-"):
            _clear_dead_pymp(os.path.join(root, name))
            continue
        if not name.startswith((SPOOL_PREFIX, "kg-lac-")):
            continue
        pid = name.split("-")[2] if name.startswith(SPOOL_PREFIX) else ""
        if not pid.isdigit():
            if name.startswith("kg-lac-") and time.time() - os.path.getmtime(os.path.join(root, name)) > 3600:
                shutil.rmtree(os.path.join(root, name), ignore_errors=True)
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            shutil.rmtree(os.path.join(root, name), ignore_errors=True)
        except PermissionError:
            pass


def _clear_dead_pymp(folder: str) -> None:
    """Remove a multiprocessing folder (pymp-…) of ours that holds only sockets
    no process has bound any more (Linux /proc/net/unix lists the bound ones):
    what a forkserver killed with its build left."""
    import os
    import shutil
    import stat

    try:
        if os.stat(folder).st_uid != os.getuid():
            return
        entries = [os.path.join(folder, e) for e in os.listdir(folder)]
        with open("/proc/net/unix", encoding="utf-8", errors="replace") as fh:
            bound = {line.split()[-1] for line in fh.read().splitlines()[1:] if len(line.split()) >= 8}
    except OSError:
        return
    for entry in entries:
        try:
            if not stat.S_ISSOCK(os.lstat(entry).st_mode) or entry in bound:
                return
        except OSError:
            return
    shutil.rmtree(folder, ignore_errors=True)


def _stop(pool) -> None:
    """End a build's workers now (Ctrl-C, an error): their pending articles are not wanted."""
    for proc in list((getattr(pool, "_processes", None) or {}).values()):  # the executor's own, no public handle
        proc.terminate()


def workers(jobs: int):
    """A pool of ``jobs`` worker processes with the tokenizer and resources
    loaded, for ``build(pool=…)`` (several builds, or timing without start-up):
    a ``concurrent.futures.ProcessPoolExecutor``, so that a worker that dies
    fails the build instead of leaving it waiting. Use it as a context
    manager, or ``shutdown()`` it."""
    import multiprocessing as mp
    import os
    from concurrent.futures import ProcessPoolExecutor

    # forkserver: workers fork from a clean server process, never from a parent holding threads or locks
    ctx = mp.get_context("forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn")
    pool = ProcessPoolExecutor(jobs, mp_context=ctx, initializer=_worker_start, initargs=(os.getpid(),))
    try:
        list(pool.map(_ready, range(jobs)))
    except BaseException:  # Ctrl-C while they start: no worker outlives the call
        _stop(pool)
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    return pool


def _ready(_i):
    return True


def build(paths, base=None, min_confidence: float = 0.0, jobs: int = 1, progress: bool = False,
          scheduler: str | None = None, max_bytes: int | None = None, sink=None, pool=None) -> BuildResult:
    """Process every article under ``paths`` (in parallel with ``jobs`` > 1,
    or on a Dask cluster at ``scheduler``); results keep the files' order, so
    the graph does not depend on how the work was spread. With ``sink``, each
    Extract goes to ``sink(x)`` as it arrives and only its counts are kept.
    ``pool`` (from ``workers``) is used instead of starting one."""
    import os
    import shutil
    import tempfile

    t0 = time.perf_counter()
    own = False
    spool_dir = None
    files, errors = collect(paths)
    res = BuildResult(errors=list(errors))
    work = [(f, base, min_confidence, max_bytes) for f in files]
    if jobs == 0 and _total_bytes(files) < AUTO_PARALLEL_BYTES:
        jobs = 1  # starting workers costs more than a small corpus takes
    bar = _progress(len(work), progress)
    if scheduler:
        results = _dask_map(scheduler, work, bar)
    elif pool is None and (jobs == 1 or len(work) < 2):
        if work:
            _warm()  # loaded now, the dictionaries and the model are frozen below with the rest
        results = (bar_step(bar, _extract_star(w)) for w in work)
    else:
        own = pool is None
        procs = min(jobs or os.cpu_count() or 1, len(work)) if own else pool._max_workers
        pool = workers(procs) if own else pool
        if sink is not None:  # graph text through spool files, not pipes
            clear_stale_spools()
            spool_dir = tempfile.mkdtemp(prefix=f"{SPOOL_PREFIX}{os.getpid()}-")
            work = [w + (spool_dir,) for w in work]
        chunk = max(1, min(8, len(work) // (procs * 8)))
        results = (bar_step(bar, x) for x in _pool_map(pool, work, chunk))
    gc.freeze()  # what exists before the build (dictionaries, the caller's data) is not walked by the collector
    try:
        with fewer_collections():
            for x in results:
                if x.error is None and not x.entities and not x.relations and not x.measurements:
                    res.warnings.append(f"{x.path}: no entity, relation or figure found in it (is it an article?)")
                if x.error is not None:
                    res.errors.append(x.error)
                elif sink is not None:
                    sink(x)
                    res.extracts.append(x.spent())
                else:
                    res.extracts.append(x)
    except BaseException:
        if pool is not None and own:
            _stop(pool)
        raise
    finally:
        if pool is not None and own:
            pool.shutdown(cancel_futures=True)
        if spool_dir:
            shutil.rmtree(spool_dir, ignore_errors=True)
        if bar is not None:
            bar.close()
        gc.unfreeze()
    res.seconds = time.perf_counter() - t0
    return res


AUTO_PARALLEL_BYTES = 512 * 1024


def _pool_map(pool, work, chunk):
    """Extracts of ``work`` from the pool, in order; a worker that died (killed,
    or out of memory) is a clear error, not a build that waits for ever."""
    from concurrent.futures.process import BrokenProcessPool

    try:
        yield from pool.map(_extract_star, work, chunksize=chunk)
    except BrokenProcessPool as exc:
        raise WorkerError("a worker process died while extracting (killed, or out of memory?); "
                          "nothing was written: run the build again, with fewer -j if memory is short") from exc


def _total_bytes(files) -> int:
    total = 0
    for f in files:
        try:
            total += f.stat().st_size
        except OSError:
            pass
    return total


def _progress(total, enabled):
    if not enabled:
        return None
    import sys

    from tqdm import tqdm

    if not sys.stderr.isatty():
        return None
    return tqdm(total=total, unit="article", file=sys.stderr, leave=False)


def bar_step(bar, x):
    if bar is not None:
        bar.update(1)
    return x


DASK_CONNECT_TIMEOUT = 5  # seconds to reach the scheduler


def _dask_map(address, work, bar):
    """Extraction on an existing Dask cluster; results come back in order."""
    try:
        from distributed import Client
    except ImportError as exc:
        raise InputError(address, "--dask-scheduler needs dask.distributed", "pip install 'kg[dask]'") from exc
    try:
        client = Client(address, timeout=DASK_CONNECT_TIMEOUT)
    except (OSError, TimeoutError) as exc:
        raise InputError(address, f"cannot reach the Dask scheduler ({exc})", "check the address") from exc
    try:
        futures = client.map(_extract_star, work, pure=False)
        for fut in futures:
            yield bar_step(bar, fut.result())
    finally:
        client.close()
