"""Whether another process on this computer still runs, for the sweeps of what killed
writers left behind (the evidence store's partial files, delivery packages' partial
folders)."""

from __future__ import annotations

import os

# POSIX answers "does process N exist" with signal 0, which is only a question there:
# on Windows os.kill(pid, 0) ends the process. Elsewhere nothing is asked and the
# callers judge by age.
CAN_ASK = os.name == "posix"


def process_alive(pid: int) -> bool | None:
    """Whether process ``pid`` runs on this computer; None when that cannot be told
    (not POSIX, or the answer is neither yes nor no)."""
    if pid == os.getpid():
        return True
    if not CAN_ASK or pid <= 0:
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    except OSError:
        return None
    return True
