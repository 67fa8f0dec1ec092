"""The shipped systemd units and firewall rule, checked by the tools that will read them on a server:
`systemd-analyze verify` on every unit and timer of deploy/systemd (paths put where this checkout is), and the
nftables rule of deploy/nftables loaded into a network namespace of the test's own, where only root and nginx's
account (www-data) reach the app servers' ports. Each is skipped where its tool is missing (CI installs them:
SYSTEMD_REQUIRED, NFT_REQUIRED)."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent
UNITS = sorted((BASE_DIR / "deploy" / "systemd").iterdir())
RULES = BASE_DIR / "deploy" / "nftables" / "strategy-tracker.nft"
INSTALLED_AT = "/srv/strategy-tracker"  # where docs/operations.md installs the code


def _required(tool: str, variable: str) -> str:
    found = shutil.which(tool) or shutil.which(tool, path="/usr/sbin:/sbin")
    if found is None:
        if os.environ.get(variable):
            pytest.fail(f"{tool} is not installed, and {variable} is set")
        pytest.skip(f"{tool} is not installed")
    return found


def test_every_systemd_unit_and_timer_is_read_by_systemd_without_a_complaint(tmp_path):
    analyze = _required("systemd-analyze", "SYSTEMD_REQUIRED")
    assert {unit.suffix for unit in UNITS} == {".service", ".timer"}
    for unit in UNITS:
        text = unit.read_text()
        assert INSTALLED_AT in text or unit.suffix == ".timer", unit.name
        # The checkout stands where the server's code would: its .venv holds the gunicorn and python ExecStart names.
        (tmp_path / unit.name).write_text(text.replace(INSTALLED_AT, str(BASE_DIR)))
    every = [str(tmp_path / unit.name) for unit in UNITS]
    result = subprocess.run([analyze, "verify", "--man=no", *every], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stdout + result.stderr == "", result.stdout + result.stderr
    # A timer names the service it starts by its own name: each has one.
    for timer in (unit for unit in UNITS if unit.suffix == ".timer"):
        assert (timer.parent / f"{timer.stem}.service").exists()


def test_a_broken_unit_is_refused_by_the_same_check(tmp_path):
    """The check above can fail: a timer whose calendar systemd cannot read is refused."""
    analyze = _required("systemd-analyze", "SYSTEMD_REQUIRED")
    timer = next(unit for unit in UNITS if unit.suffix == ".timer")
    text = timer.read_text()
    assert "OnCalendar=" in text
    broken = "\n".join(
        "OnCalendar=every night" if line.startswith("OnCalendar=") else line for line in text.split("\n")
    )
    (tmp_path / timer.name).write_text(broken)
    service = timer.parent / f"{timer.stem}.service"
    (tmp_path / service.name).write_text(service.read_text().replace(INSTALLED_AT, str(BASE_DIR)))
    result = subprocess.run(
        [analyze, "verify", "--man=no", str(tmp_path / timer.name)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode != 0


# In a network namespace of its own (loopback only): load the rule, listen on the app servers' ports and on one
# outside the rule, then connect to each as root, as www-data (uid 33, nginx's workers on Debian) and as nobody.
NAMESPACE_SCRIPT = r"""
set -e
ip link set lo up
nft -f "$RULES"
"$PYTHON" -c '
import socket, threading
def serve(port):
    server = socket.socket(); server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", port)); server.listen(16)
    while True:
        server.accept()[0].close()
for port in (8001, 8002, 8003):
    threading.Thread(target=serve, args=(port,), daemon=True).start()
threading.Event().wait(30)
' &
for _ in $(seq 1 100); do (exec 3<>/dev/tcp/127.0.0.1/8003) 2>/dev/null && break; sleep 0.1; done
for uid in 0 33 65534; do
  for port in 8001 8002 8003; do
    if setpriv --reuid=$uid --regid=$uid --clear-groups bash -c "exec 3<>/dev/tcp/127.0.0.1/$port" 2>/dev/null
    then echo "$uid $port accepted"; else echo "$uid $port refused"; fi
  done
done
kill %1
"""


def test_the_firewall_rule_lets_only_root_and_nginx_reach_the_app_servers():
    _required("nft", "NFT_REQUIRED")
    unshare = _required("unshare", "NFT_REQUIRED")
    probe = subprocess.run([unshare, "--net", "true"], capture_output=True, timeout=30)
    if probe.returncode != 0:
        if os.environ.get("NFT_REQUIRED"):
            pytest.fail(f"no network namespace can be made here: {probe.stderr.decode().strip()}")
        pytest.skip("no network namespace can be made here (needs root)")
    result = subprocess.run(
        [unshare, "--net", "bash", "-c", NAMESPACE_SCRIPT],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "RULES": str(RULES), "PYTHON": sys.executable},
    )
    assert result.returncode == 0, result.stderr
    outcomes = dict(((line.split()[0], line.split()[1]), line.split()[2]) for line in result.stdout.split("\n") if line)
    assert outcomes == {
        ("0", "8001"): "accepted",
        ("0", "8002"): "accepted",
        ("0", "8003"): "accepted",
        ("33", "8001"): "accepted",
        ("33", "8002"): "accepted",
        ("33", "8003"): "accepted",
        ("65534", "8001"): "refused",
        ("65534", "8002"): "refused",
        ("65534", "8003"): "accepted",  # the rule names the app servers' ports, nothing else
    }
