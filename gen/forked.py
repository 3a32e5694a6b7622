"""One piece of work in a forked child process, beside the parent's: the generator renders
the C there while it renders the Elixir (at 1,000 types each takes a good part of a second,
and the machine has other cores)."""

from __future__ import annotations

import os
import pickle
import signal
import traceback
from typing import Callable, Generic, TypeVar

from .errors import GeneratorError

T = TypeVar("T")


class Forked(Generic[T]):
    """`work()` started in a forked child (which sees the parent's objects as they were at
    the fork), its result returned by `result()`: a GeneratorError raised in the child is
    raised again there. Without fork (Windows) or with one core, `result()` runs `work`.
    `close`: file descriptors the child closes first (the write end of a pipe whose reader
    waits for the parent to close it)."""

    def __init__(self, work: Callable[[], T], close: tuple[int, ...] = ()) -> None:
        self.work = work
        self.pid = 0
        if not hasattr(os, "fork") or (os.cpu_count() or 1) < 2:
            return
        read_end, write_end = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:
            os.close(read_end)
            self._child(write_end, close)
        os.close(write_end)
        self.pipe = os.fdopen(read_end, "rb")

    def _child(self, write_end: int, close: tuple[int, ...]) -> None:
        status = 1
        try:
            for fd in close:
                os.close(fd)
            try:
                outcome = ("ok", self.work())
            except GeneratorError as error:
                outcome = ("error", (error.location, error.message, error.member))
            with os.fdopen(write_end, "wb") as pipe:
                pickle.dump(outcome, pipe, protocol=pickle.HIGHEST_PROTOCOL)
            status = 0
        except BaseException:  # a bug: shown, and the parent stops
            traceback.print_exc()
        finally:
            os._exit(status)  # never the parent's cleanup (atexit, pytest, buffered output)

    def result(self) -> T:
        if not self.pid:
            return self.work()
        data = self.pipe.read()
        self.pipe.close()
        _, status = os.waitpid(self.pid, 0)
        self.pid = 0
        if status != 0 or not data:
            raise RuntimeError("nif_derive: the process rendering the C stopped (see above)")
        kind, value = pickle.loads(data)
        if kind == "error":
            raise GeneratorError(*value)
        return value

    def cancel(self) -> None:
        """Stops the child if its result was never asked for (the parent stopped early)."""
        if self.pid:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
            self.pipe.close()
            self.pid = 0
