"""Parallax over SSH, as a reviewer on a remote box uses it: a private sshd on 127.0.0.1, an
ssh client in tmux, the seeds on screen, two facts walked, and a clean quit."""
from __future__ import annotations

import getpass
import os
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, require
from test_e2e_tmux import TMUX, Tmux, walk_two_facts_and_quit

SSHD = "/usr/sbin/sshd"
SSH = shutil.which("ssh")
SSH_KEYGEN = shutil.which("ssh-keygen")



@pytest.fixture(autouse=True)
def _tools() -> None:
    require(sshd=SSHD if os.access(SSHD, os.X_OK) else None, ssh=SSH, ssh_keygen=SSH_KEYGEN, tmux=TMUX)


def remote_command() -> str:
    """The program to run on the far side. A non-interactive ssh session may not have the pip
    script directory on PATH, so name the executable absolutely."""
    beside_python = Path(sys.executable).parent / "parallax"
    if beside_python.exists():
        program = shlex.quote(str(beside_python))
    elif shutil.which("parallax"):
        program = shlex.quote(shutil.which("parallax"))
    else:
        program = f"{shlex.quote(sys.executable)} -m cli"
    return f"cd {shlex.quote(str(ROOT))} && TERM=xterm-256color {program}"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def keygen(path: Path) -> Path:
    subprocess.run([SSH_KEYGEN, "-q", "-t", "ed25519", "-N", "", "-f", str(path)], check=True, timeout=30)
    return path


def wait_for_port(port: int, sshd: subprocess.Popen, log: Path, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if sshd.poll() is not None:
            raise AssertionError(f"sshd exited with {sshd.returncode}:\n{log.read_text()}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise AssertionError(f"sshd did not listen on {port}:\n{log.read_text()}")


@pytest.fixture
def sshd(tmp_path):
    """A throwaway sshd accepting one generated key; yields (port, user key)."""
    os.makedirs("/run/sshd", exist_ok=True)  # its privilege-separation directory
    host_key = keygen(tmp_path / "host_ed25519")
    user_key = keygen(tmp_path / "user_ed25519")
    authorized = tmp_path / "authorized_keys"
    authorized.write_text((tmp_path / "user_ed25519.pub").read_text())
    authorized.chmod(0o600)
    port = free_port()
    config = tmp_path / "sshd_config"
    config.write_text(
        "\n".join(
            [
                "ListenAddress 127.0.0.1",
                f"Port {port}",
                f"HostKey {host_key}",
                f"AuthorizedKeysFile {authorized}",
                f"PidFile {tmp_path / 'sshd.pid'}",
                "UsePAM no",
                "StrictModes no",
                "PermitRootLogin yes",
                "PubkeyAuthentication yes",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "PrintMotd no",
                "PrintLastLog no",
                "",
            ]
        )
    )
    log = tmp_path / "sshd.log"
    with log.open("w") as log_file:
        server = subprocess.Popen([SSHD, "-f", str(config), "-D", "-e"], stdout=log_file, stderr=subprocess.STDOUT)
    try:
        wait_for_port(port, server, log)
        yield port, user_key
    finally:
        os.kill(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=5)
        except subprocess.TimeoutExpired:
            os.kill(server.pid, signal.SIGKILL)
            server.wait(timeout=5)


def test_parallax_over_ssh_walks_facts_and_quits(sshd):
    port, user_key = sshd
    ssh = [
        SSH, "-tt",
        "-i", str(user_key),
        "-o", "StrictHostKeyChecking=no",
        "-o", "UserKnownHostsFile=/dev/null",
        "-o", "LogLevel=ERROR",
        "-o", "BatchMode=yes",
        "-p", str(port),
        f"{getpass.getuser()}@127.0.0.1",
        remote_command(),
    ]
    tmux = Tmux()
    try:
        tmux.start(shlex.join(ssh))
        walk_two_facts_and_quit(tmux)
    finally:
        tmux.kill()
