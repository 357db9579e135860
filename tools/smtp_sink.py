#!/usr/bin/python3
"""A local SMTP server that keeps every message it accepts as a file.

For ./tools/run (so a user of the demo sees the e-mails) and for the tests
(a real SMTP server on a free port, whose replies can be scripted):

  /usr/bin/python3 tools/smtp_sink.py --port 2525 --dir .data/mail

Each accepted message is saved as NNNN.eml (exactly the bytes received) and
NNNN.json (envelope and decoded headers and parts, parsed by Python's email
package: an independent check of the MIME the service builds). Both are
written atomically; the .json appears last.

--script scripts the replies to the DATA commands, in order, one token each;
after the script every message is accepted:
  451, 550, …     answer with that code (4xx: try later, 5xx: refused)
  hang            never answer and do not keep the message (the client is
                  cut off in the middle of DATA)
  accept-hang     keep the message, then never answer (the one window in
                  which a sender cannot know the message arrived)
  ok              accept
Every DATA is logged in .attempts.log ("<n> <token>"), and a hanging DATA
creates .hanging-<n>, so a test can wait for the moment to act.

--auth USER:PASSWORD requires that login (over plain SMTP: for tests only).

Needs Debian's python3-aiosmtpd: run it with /usr/bin/python3.
"""

import argparse
import asyncio
import email
import email.policy
import itertools
import json
import os
import signal
import sys
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

TEXTS = {
    "4": "4.3.0 Temporary failure, try again later",
    "5": "5.1.1 Mailbox unavailable",
}


def write_atomically(path, data):
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def describe(envelope, raw):
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    out = {
        "mail_from": envelope.mail_from,
        "rcpt_tos": list(envelope.rcpt_tos),
        "from": str(msg.get("From", "")),
        "to": str(msg.get("To", "")),
        "reply_to": str(msg.get("Reply-To", "")),
        "subject": str(msg.get("Subject", "")),
        "message_id": str(msg.get("Message-ID", "")),
        "references": str(msg.get("References", "")),
        "date": str(msg.get("Date", "")),
        "content_type": msg.get_content_type(),
        "text": "",
        "html": "",
        "defects": [type(d).__name__ for d in msg.defects],
    }
    for kind in ("plain", "html"):
        part = msg.get_body(preferencelist=(kind,))
        if part is not None:
            out["text" if kind == "plain" else "html"] = part.get_content().replace("\r\n", "\n")
    return out


class Sink:
    def __init__(self, folder, script, quiet):
        self.folder = folder
        self.script = list(script)
        self.quiet = quiet
        self.lock = threading.Lock()
        self.data_count = itertools.count(1)
        existing = [int(n[:4]) for n in os.listdir(folder) if n.endswith(".eml") and n[:4].isdigit()]
        self.saved = itertools.count(max(existing, default=0) + 1)

    def next_action(self):
        with self.lock:
            n = next(self.data_count)
            action = self.script.pop(0) if self.script else "ok"
            with open(os.path.join(self.folder, ".attempts.log"), "a") as log:
                log.write(f"{n} {action}\n")
        return n, action

    def save(self, envelope):
        raw = envelope.original_content or envelope.content
        with self.lock:
            n = next(self.saved)
        base = os.path.join(self.folder, f"{n:04d}")
        write_atomically(base + ".eml", raw)
        info = describe(envelope, raw)
        write_atomically(base + ".json", json.dumps(info, ensure_ascii=False, indent=1).encode())
        if not self.quiet:
            print(f"mail {base}.eml to {', '.join(envelope.rcpt_tos)}: {info['subject']}", flush=True)
        return n

    async def hang(self, n):
        open(os.path.join(self.folder, f".hanging-{n}"), "w").close()
        await asyncio.sleep(24 * 3600)  # cancelled when the client goes away

    async def handle_DATA(self, server, session, envelope):
        n, action = self.next_action()
        if action == "hang":
            await self.hang(n)
            return "451 4.3.0 Gave up waiting"
        if action == "accept-hang":
            self.save(envelope)
            await self.hang(n)
            return "250 OK"
        if action[:1] in ("4", "5") and action[:3].isdigit():
            return f"{action[:3]} {action[3:].strip() or TEXTS[action[0]]}"
        saved = self.save(envelope)
        return f"250 OK: queued as {saved}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=2525)
    parser.add_argument("--dir", required=True, help="where messages are saved")
    parser.add_argument("--script", default="", help="comma-separated DATA replies (see above)")
    parser.add_argument("--auth", default="", help="USER:PASSWORD to require (tests only)")
    parser.add_argument("--ready-file", default="", help="created once the server listens")
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args()

    os.makedirs(args.dir, exist_ok=True)
    script = [t.strip() for t in args.script.split(",") if t.strip()]
    sink = Sink(args.dir, script, args.quiet)
    kwargs = {"server_hostname": "helpdesk-smtp-sink", "ready_timeout": 10}
    if args.auth:
        user, _, password = args.auth.partition(":")

        def authenticator(server, session, envelope, mechanism, data):
            ok = isinstance(data, LoginPassword) and data.login.decode() == user and \
                data.password.decode() == password
            return AuthResult(success=ok)

        kwargs.update(auth_required=True, auth_require_tls=False, authenticator=authenticator)
    controller = Controller(sink, hostname=args.host, port=args.port, **kwargs)
    controller.start()
    if args.ready_file:
        write_atomically(args.ready_file, str(args.port).encode())
    if not args.quiet:
        print(f"SMTP sink on {args.host}:{args.port}, mails saved in {os.path.abspath(args.dir)}",
              flush=True)

    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    stop.wait()
    controller.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
