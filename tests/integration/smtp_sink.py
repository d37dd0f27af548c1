#!/usr/bin/env python3
"""tests/integration/smtp_sink.py — a local SMTP server for the notice test.

  smtp_sink.py sink PORT DIR    accept mail on 127.0.0.1:PORT, each message
                                written whole (as received) to DIR/N.eml
  smtp_sink.py hang PORT        accept connections and never answer (a
                                gateway that hangs)

Prints "ready" once listening. Python 3.11's stdlib smtpd (Debian 12)."""
import os
import socket
import sys
import time
import warnings

warnings.simplefilter("ignore", DeprecationWarning)
import asyncore  # noqa: E402
import smtpd  # noqa: E402

mode, port = sys.argv[1], int(sys.argv[2])
if mode == "hang":
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("127.0.0.1", port))
    s.listen(8)
    print("ready", flush=True)
    held = []
    while True:
        c, _ = s.accept()
        held.append(c)  # kept open, never a greeting

outdir = sys.argv[3]


class Sink(smtpd.SMTPServer):
    n = 0

    def process_message(self, peer, mailfrom, rcpttos, data, **kw):
        Sink.n += 1
        tmp = os.path.join(outdir, ".%d.tmp" % Sink.n)
        with open(tmp, "wb") as f:
            f.write(b"X-Envelope-To: " + ",".join(rcpttos).encode() + b"\r\n")
            f.write(data if isinstance(data, bytes) else data.encode())
        os.rename(tmp, os.path.join(outdir, "%d.eml" % Sink.n))


Sink(("127.0.0.1", port), None, decode_data=False)
print("ready", flush=True)
asyncore.loop(timeout=0.2)
