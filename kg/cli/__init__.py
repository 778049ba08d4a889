"""The ``kg`` command: a thin layer over the library.

The commands live in ``building`` (build, eval), ``reading`` (export, query,
viz, validate, stats) and ``serving`` (push, serve); each adds its own to
``main``.
"""
from __future__ import annotations

import sys
from contextlib import contextmanager

import click

from ..errors import KgError

CONTEXT = {"help_option_names": ["-h", "--help"]}


@contextmanager
def _kg_errors(*also):
    """Report a KgError (or one of ``also``) as ``error: …`` and exit with 2."""
    try:
        yield
    except (KgError, *also) as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)


@click.group(context_settings=CONTEXT)
@click.version_option(package_name="kg")
def main():
    """Turn Chinese party-building articles into a linked-data knowledge graph."""
    import signal
    import threading

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _terminate)  # a plain kill stops like Ctrl-C: workers ended, nothing half-written


def _terminate(signum, frame):
    raise KeyboardInterrupt


from . import building, reading, serving  # noqa: E402,F401 (each adds its commands to main)
