"""Atomic file writes for the Python-side writers (as libbranch/io/atomic_file.hpp in C++): a
temporary ``.NAME.tmp-XXXXXXXX`` in the target's directory, fsynced and renamed over the target
only when everything was written. A failure removes the temporary and leaves the previous file
intact; a killed process can leave a stale temporary behind, never a half-written target."""
import os
import tempfile

from . import _convert


def write_atomically(path, data):
    """Writes ``data`` (bytes, or str written as UTF-8 unchanged) to ``path`` atomically."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    path = os.path.abspath(_convert.fspath(path))
    directory, name = os.path.split(path)
    fd, temp = tempfile.mkstemp(prefix="." + name + ".tmp-", dir=directory)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(temp, 0o666 & ~_umask())  # mkstemp creates 0600; a new file is 0666 minus the umask
        os.replace(temp, path)
    except BaseException:
        try:
            os.unlink(temp)
        except FileNotFoundError:
            pass
        raise
    _sync_directory(directory)


def _umask():
    try:  # Linux: read it without changing it (os.umask would, for a moment, for every thread)
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _sync_directory(directory):
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return  # best effort: the rename has happened
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
