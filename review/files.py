"""Writing files so that nothing the user has is lost or half-written, whatever the path names.

A regular file is replaced atomically (a temporary file beside it, flushed, renamed over it), the
symlink that names it followed to its target, its permissions and owner kept. A terminal, a
pipe or a device (`/dev/null`, `/dev/stdout`) is written to as it is, never replaced or renamed.
A file that must not be used any more is moved aside under a name no other file has.
"""
from __future__ import annotations

import errno
import os
import re
import stat
import sys
import tempfile
import time
from pathlib import Path

STALE_AFTER = 600.0  # s: a temporary file older than this is left from a save that was killed
_TMP_SUFFIX = ".tmp"


def real(path: Path) -> Path:
    """The file `path` names once every symlink (of the file or its folders) is followed."""
    return Path(os.path.realpath(path))


def stat_or_none(path: Path) -> os.stat_result | None:
    """The file's status (following symlinks), None if there is no such file; other errors raise."""
    try:
        return os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None


def _lstat_or_none(path: Path) -> os.stat_result | None:
    try:
        return os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _temporary_name(name: str) -> re.Pattern[str]:
    """The names `tempfile.mkstemp` gives a save of `name`: `.<name>.<8 characters>.tmp`."""
    return re.compile(re.escape(f".{name}.") + r"[a-z0-9_]{8}" + re.escape(_TMP_SUFFIX))


def clean_stale_temporaries(folder: Path, names: tuple[str, ...], *, older_than: float = STALE_AFTER) -> int:
    """Remove what saves of `names` in `folder` left when they were killed: only files named as
    ours are, owned by this user, untouched for `older_than` seconds (a save under way is
    younger). Returns how many went; errors are ignored (the folder may not be writable)."""
    patterns = [_temporary_name(name) for name in names]
    removed = 0
    now = time.time()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        if not entry.name.endswith(_TMP_SUFFIX) or not any(p.fullmatch(entry.name) for p in patterns):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
            if stat.S_ISREG(info.st_mode) and info.st_uid == os.geteuid() and now - info.st_mtime > older_than:
                os.unlink(entry.path)
                removed += 1
        except OSError:
            continue
    return removed


def write_atomically(path: Path, content: str | bytes, *, make_folders: bool = True,
                     follow_symlinks: bool = True) -> None:
    """Replace the file `path` names (through any symlink, unless `follow_symlinks` is False:
    then a symlink there is replaced itself) with `content`, so that a crash leaves the old
    file or the new, never half. A file there keeps its permissions and owner. Refuses
    (OSError) to replace anything but a regular file. Errors name `path`."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    target = real(path) if follow_symlinks else path
    try:
        before = stat_or_none(target) if follow_symlinks else _lstat_or_none(target)
        if before is not None and stat.S_ISLNK(before.st_mode):
            before = None  # the link itself is replaced
        if before is not None and not stat.S_ISREG(before.st_mode):
            raise OSError(errno.EINVAL, "not a regular file")
        if make_folders:
            target.parent.mkdir(parents=True, exist_ok=True)
        clean_stale_temporaries(target.parent, (target.name,))
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=_TMP_SUFFIX, dir=target.parent)
    except OSError as err:
        raise OSError(err.errno, err.strerror, str(path)) from None
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if before is None:
            os.chmod(tmp, 0o666 & ~_umask())  # as any file the user writes, not mkstemp's 0600
        else:
            os.chmod(tmp, stat.S_IMODE(before.st_mode))
            if (before.st_uid, before.st_gid) != (os.geteuid(), os.getegid()) and os.geteuid() == 0:
                os.chown(tmp, before.st_uid, before.st_gid)  # root saving someone's file leaves it theirs
        os.replace(tmp, target)
    except BaseException as err:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(err, OSError):
            raise OSError(err.errno, err.strerror, str(path)) from None
        raise
    sync_folder(target.parent)


def sync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable (where the system allows it)."""
    try:
        dir_fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def write_output(path: Path, content: str) -> None:
    """Write the command's output where the user asked: standard output if `path` is it
    (`/dev/stdout`, or the file it was redirected to); a terminal, pipe or device written
    through, never replaced (`/dev/null` stays a device, `/dev/full` is an error); otherwise the
    file replaced atomically. OSError (naming `path`) if it cannot be written."""
    data = content.encode("utf-8")
    try:
        info = stat_or_none(path)
        if info is not None and _is_stdout(info):
            sys.stdout.flush()
            _write_all(sys.stdout.fileno(), data)
            return
        if info is not None and stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(errno.EISDIR, "is a folder")
        if info is not None and not stat.S_ISREG(info.st_mode):
            _write_through(path, data)
            return
    except OSError as err:
        raise OSError(err.errno, err.strerror, str(path)) from None
    write_atomically(path, data, make_folders=False)


def _is_stdout(info: os.stat_result) -> bool:
    try:
        return os.path.samestat(os.fstat(sys.stdout.fileno()), info)
    except (OSError, ValueError):
        return False


def _write_through(path: Path, data: bytes) -> None:
    """A device, terminal or pipe: opened as it is (without waiting for a pipe's reader:
    nobody reading is an error) and written to."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK | os.O_CLOEXEC | os.O_NOCTTY)
    except OSError as err:
        if err.errno == errno.ENXIO:
            raise OSError(errno.ENXIO, "nothing is reading from it") from None
        raise
    try:
        os.set_blocking(fd, True)
        _write_all(fd, data)
    finally:
        os.close(fd)


def move_aside(path: Path, why: str) -> Path:
    """Rename `path` to `<name>.<why>-<time>` (with `-2`, `-3`... if that is taken), never over
    another file: two moved aside in one second both stay. Returns the new path."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    for n in range(1, 10_000):
        aside = path.with_name(f"{path.name}.{why}-{stamp}" + (f"-{n}" if n > 1 else ""))
        try:
            os.link(path, aside, follow_symlinks=False)  # fails if the name is taken
        except FileExistsError:
            continue
        except OSError as err:
            if err.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK):
                raise
            if os.path.lexists(aside):  # no hard links here: check, then rename
                continue
            os.rename(path, aside)
            return aside
        os.unlink(path)
        return aside
    raise OSError(errno.EEXIST, "no free name to move it aside", str(path))
