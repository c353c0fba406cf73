#!/usr/bin/env python3
"""A real SMTP server on loopback for the tests of e-mail notices (aiosmtpd): STARTTLS required,
AUTH required after it, every accepted message saved as <n>.eml in the output folder with its
envelope in <n>.json. A recipient whose address starts with "refuse" is refused (550), to test
failures. Each login attempt appends its outcome ("ok" or "refused") to auth.log in the output folder,
so tests count failed logins. Prints "listening on PORT" once ready, then serves until killed.

    .build-tools/venv/bin/python scripts/smtp-test-server.py --cert C --key K --user U --password P --out DIR
"""
import argparse
import json
import pathlib
import signal
import socket
import ssl
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Saver:
    def __init__(self, folder):
        self.folder = pathlib.Path(folder)
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("refuse"):
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        (self.folder / f"{self.count}.eml").write_bytes(envelope.original_content)
        (self.folder / f"{self.count}.json").write_text(json.dumps(
            {"from": envelope.mail_from, "to": envelope.rcpt_tos, "tls": session.ssl is not None,
             "authenticated": session.authenticated}))
        return f"250 2.0.0 queued as {self.count}"


def main():
    parser = argparse.ArgumentParser()
    for name in ("cert", "key", "user", "password", "out"):
        parser.add_argument(f"--{name}", required=True)
    arguments = parser.parse_args()
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(arguments.cert, arguments.key)

    def authenticator(server, session, envelope, mechanism, data):
        ok = isinstance(data, LoginPassword) and data.login == arguments.user.encode() \
            and data.password == arguments.password.encode()
        with open(pathlib.Path(arguments.out) / "auth.log", "a") as log:
            log.write("ok\n" if ok else "refused\n")
        return AuthResult(success=ok, handled=False)

    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    controller = Controller(Saver(arguments.out), hostname="127.0.0.1", port=port, tls_context=context,
                            require_starttls=True, authenticator=authenticator, auth_required=True)
    controller.start()
    print(f"listening on {port}", flush=True)
    # SIGTERM ends the process at once (its default action): the test is done with it, and nothing
    # is left to flush. A parent may have started it with the signal blocked (a dispatch thread's mask).
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})
    threading.Event().wait()


if __name__ == "__main__":
    main()
