#!/usr/bin/env python3
"""A real RFC 3161 time-stamping authority on loopback for tests and the demo: each POSTed
application/timestamp-query is answered by `openssl ts -reply` with the configuration that
scripts/tsa-test-ca.sh wrote. Prints "listening on PORT" once ready, then serves until killed.

    python3 scripts/tsa-test-server.py --config DIR/tsa.cnf
"""
import argparse
import http.server
import os
import signal
import subprocess
import tempfile


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--config", required=True)
    arguments = parser.parse_args()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            query = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            if self.headers.get("Content-Type") != "application/timestamp-query":
                self.send_error(415, "application/timestamp-query expected")
                return
            with tempfile.TemporaryDirectory() as folder:
                request = os.path.join(folder, "request.tsq")
                reply = os.path.join(folder, "reply.tsr")
                with open(request, "wb") as f:
                    f.write(query)
                done = subprocess.run(["openssl", "ts", "-reply", "-config", arguments.config, "-section", "tsa_config",
                                       "-queryfile", request, "-out", reply], capture_output=True)
                if done.returncode != 0:
                    self.send_error(500, "openssl ts -reply failed")
                    return
                with open(reply, "rb") as f:
                    body = f.read()
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    print(f"listening on {server.server_address[1]}", flush=True)
    # SIGTERM ends the process at once; a parent may have started it with the signal blocked.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})
    server.serve_forever()


if __name__ == "__main__":
    main()
