#!/usr/bin/env python3
"""bench/clientstart.py CONGVU XDG_CONFIG XDG_STATE [RUNS] — the client on a
thin terminal: congvu is started on a pseudo-terminal of 80x24 with
TERM=linux and NO_COLOR, and timed from launch to its first output and to a
drawn login screen (the "Mật khẩu" field on screen, which needs the server's
answer to "am I logged in?"); its peak RSS (VmHWM) is read at that moment.
Prints the median and the worst of RUNS launches (default 10)."""
import fcntl
import os
import pty
import select
import signal
import statistics
import struct
import sys
import termios
import time

MARKER = "Mật khẩu".encode()


def vm(pid, key):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1])  # kB
    except OSError:
        pass
    return 0


def launch(congvu, env):
    t0 = time.monotonic()
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(congvu, [congvu], env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    seen, first, drawn, hwm = b"", None, None, 0
    while time.monotonic() - t0 < 10:
        r, _, _ = select.select([fd], [], [], 0.5)
        if not r:
            continue
        try:
            data = os.read(fd, 65536)
        except OSError:
            break
        if first is None:
            first = time.monotonic() - t0
        seen += data
        if MARKER in seen:
            drawn = time.monotonic() - t0
            hwm = vm(pid, "VmHWM")
            break
    os.kill(pid, signal.SIGTERM)
    os.waitpid(pid, 0)
    os.close(fd)
    return first, drawn, hwm


def main():
    congvu, cfg, state = sys.argv[1:4]
    runs = int(sys.argv[4]) if len(sys.argv) > 4 else 10
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "TERM": "linux", "NO_COLOR": "1",
           "LANG": "C.UTF-8", "XDG_CONFIG_HOME": cfg, "XDG_STATE_HOME": state}
    firsts, drawns, hwms = [], [], []
    for _ in range(runs):
        first, drawn, hwm = launch(congvu, env)
        if drawn is None:
            print("clientstart: the login screen never appeared", file=sys.stderr)
            sys.exit(1)
        firsts.append(first * 1000)
        drawns.append(drawn * 1000)
        hwms.append(hwm / 1024)
    print(f"client start, {runs} launches on an 80x24 TERM=linux pty:")
    print(f"  first output      median {statistics.median(firsts):6.1f} ms, worst {max(firsts):6.1f} ms")
    print(f"  login screen      median {statistics.median(drawns):6.1f} ms, worst {max(drawns):6.1f} ms")
    print(f"  peak RSS (VmHWM)  median {statistics.median(hwms):6.1f} MB, worst {max(hwms):6.1f} MB")


if __name__ == "__main__":
    main()
