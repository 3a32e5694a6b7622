"""gen/forked.py: work in a forked child, its result or its GeneratorError back in the parent."""

import os
import select
import time

import pytest

from nif_derive.errors import GeneratorError, Location
from nif_derive.forked import Forked


def test_the_result_comes_from_the_child():
    parent = os.getpid()
    job = Forked(lambda: (os.getpid(), ["text"] * 3))
    pid, value = job.result()
    assert value == ["text"] * 3
    assert pid != parent  # rendered beside the parent, not in it


def test_a_generator_error_is_raised_again_in_the_parent():
    def fails():
        raise GeneratorError(Location("h.h", 3, 9), "no term", member="data.tag")

    with pytest.raises(GeneratorError) as raised:
        Forked(fails).result()
    assert str(raised.value) == "h.h:3:9: error: no term"
    assert raised.value.member == "data.tag"


def test_a_bug_in_the_child_stops_the_parent(capfd):
    def bug():
        raise KeyError("oops")

    with pytest.raises(RuntimeError, match="stopped"):
        Forked(bug).result()
    assert "KeyError: 'oops'" in capfd.readouterr().err


def test_the_child_closes_the_descriptors_it_is_given():
    read_end, write_end = os.pipe()
    job = Forked(lambda: time.sleep(30), close=(write_end,))
    os.close(write_end)
    # End of file while the child still runs: it does not hold the write end open.
    ready, _, _ = select.select([read_end], [], [], 10)
    job.cancel()
    assert ready and os.read(read_end, 1) == b""
    os.close(read_end)


def test_cancel_stops_a_child_never_asked():
    job = Forked(lambda: os.pause())
    pid = job.pid
    job.cancel()
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, 0)  # already reaped
