#!/usr/bin/env python3
"""tests/integration/http_sink.py PORT DIR STATUS — a local HTTP endpoint for
the notice test's SMS gateway: each POST's body (as received) written to
DIR/N.json, answered with STATUS (200, or 503 for a gateway refusing).
Prints "ready" once listening. Python's stdlib http.server."""
import http.server
import os
import sys

port, outdir, status = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
count = [0]


class Sink(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        count[0] += 1
        tmp = os.path.join(outdir, ".%d.tmp" % count[0])
        with open(tmp, "wb") as f:
            f.write(body)
        os.rename(tmp, os.path.join(outdir, "%d.json" % count[0]))
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


server = http.server.HTTPServer(("127.0.0.1", port), Sink)
print("ready", flush=True)
server.serve_forever()
