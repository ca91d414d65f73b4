"""A Standard Webhooks receiver for SupplyCast's delivery tests.

Verifies every request with the `standardwebhooks` library and appends one JSON line per request to --log:
{"id", "verified", "status", "type", "duplicate", "error", "at", "body"} (the body as received, so tests can
check what reached the receiver). Answers 401 to a request that fails
verification; otherwise follows --script, one entry per verified request, then 200:
  503        answer with that status
  429:2      answer 429 with Retry-After: 2
  slow:5     wait 5 seconds, then answer 200
Listens on 127.0.0.1 only, writes its port to --port-file once listening, and exits after --lifetime seconds.
The secret comes from --secret, or from --secret-file, read when the first request arrives (so the receiver can
listen before the subscription that creates the secret exists: `make demo` does that).
`receiver.py summarise LOG` prints what a receiver's log holds.
"""

import argparse
import json
import signal
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from standardwebhooks.webhooks import Webhook, WebhookVerificationError


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--port-file", required=True)
    secrets = parser.add_mutually_exclusive_group(required=True)
    secrets.add_argument("--secret")
    secrets.add_argument("--secret-file")
    parser.add_argument("--log", required=True)
    parser.add_argument("--script", default="")
    parser.add_argument("--lifetime", type=float, default=120)
    options = parser.parse_args()
    # A parent may hand down SIGTERM ignored or blocked; the tests stop the receiver with it.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})

    webhooks: list[Webhook] = [Webhook(options.secret)] if options.secret else []

    def current_webhook() -> Webhook:
        if not webhooks:
            with open(options.secret_file, encoding="utf-8") as file:
                webhooks.append(Webhook(file.read().strip()))
        return webhooks[0]
    script = [entry for entry in options.script.split(",") if entry]
    lock = threading.Lock()
    seen: set[str] = set()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            headers = {key: value for key, value in self.headers.items()}
            record = {"id": headers.get("webhook-id"), "verified": False, "type": None, "error": None,
                      "duplicate": False, "at": time.time(), "body": body.decode("utf-8", "replace")}
            try:
                event = current_webhook().verify(body, headers)
                record["verified"] = True
                record["type"] = event.get("type")
            except (WebhookVerificationError, ValueError, OSError) as error:
                record["error"] = str(error)
            status, retry_after, delay = 401, None, 0.0
            with lock:
                if record["verified"]:
                    record["duplicate"] = record["id"] in seen
                    entry = script.pop(0) if script else "200"
                    if entry.startswith("slow:"):
                        status, delay = 200, float(entry[5:])
                    elif entry.startswith("429:"):
                        status, retry_after = 429, entry[4:]
                    else:
                        status = int(entry)
                    if 200 <= status < 300:
                        seen.add(record["id"])
                record["status"] = status
                with open(options.log, "a", encoding="utf-8") as log:
                    log.write(json.dumps(record) + "\n")
            if delay:
                time.sleep(delay)
            self.send_response(status)
            if retry_after is not None:
                self.send_header("Retry-After", retry_after)
            reply = json.dumps({"ok": 200 <= status < 300, "error": record["error"]}).encode()
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(reply)))
            self.end_headers()
            self.wfile.write(reply)

        def log_message(self, format: str, *args: object) -> None:
            pass

    # The relay sends a pass's messages concurrently; the default listen backlog of 5 would drop connections
    # beyond it, and each dropped SYN costs the sender a one-second retransmission.
    ThreadingHTTPServer.request_queue_size = 128
    server = ThreadingHTTPServer(("127.0.0.1", options.port), Handler)
    server.daemon_threads = True
    with open(options.port_file, "w", encoding="utf-8") as handle:
        handle.write(str(server.server_address[1]))
    threading.Timer(options.lifetime, server.shutdown).start()
    server.serve_forever()


def summarise(log_path: str) -> None:
    """Prints what a receiver's log holds: deliveries by type, how many verified, how many were repeats."""
    try:
        with open(log_path, encoding="utf-8") as log:
            records = [json.loads(line) for line in log if line.strip()]
    except FileNotFoundError:
        records = []
    verified = [record for record in records if record["verified"]]
    print(f"receiver (python standardwebhooks): {len(records)} requests, {len(verified)} verified, "
          f"{sum(1 for record in verified if record['duplicate'])} repeats of an id already received")
    by_type: dict[str, int] = {}
    for record in verified:
        by_type[record["type"]] = by_type.get(record["type"], 0) + 1
    for kind, count in sorted(by_type.items()):
        print(f"  {kind}: {count}")
    if len(verified) != len(records):
        raise SystemExit("some deliveries failed verification")


if __name__ == "__main__" and len(sys.argv) == 3 and sys.argv[1] == "summarise":
    summarise(sys.argv[2])
elif __name__ == "__main__":
    main()
