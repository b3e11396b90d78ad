"""``python -m flows.orphan_guard PARENT_PID MODULE ARGS...``: run ``python -m MODULE ARGS...`` in this process,
ended by SIGTERM when the process PARENT_PID dies, however it dies (Linux's parent-death signal).

The temporary Prefect server is stopped by an exit handler of the command that started it; a command killed
outright (SIGKILL, the OOM killer) runs no handler, and the server stayed up for good. Standard library only:
this process runs the server, not our code.
"""

from __future__ import annotations

import ctypes
import os
import runpy
import signal
import sys

PR_SET_PDEATHSIG = 1


def main() -> None:
    parent, module = int(sys.argv[1]), sys.argv[2]
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):  # not Linux: the exit handler alone stops the server
        pass
    if os.getppid() != parent:  # the parent died before the signal was asked for
        sys.exit(0)
    sys.argv = [module, *sys.argv[3:]]
    runpy.run_module(module, run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main()
