"""A Standard Webhooks receiver for SupplyCast's delivery tests.

Verifies every request with the `standardwebhooks` library and appends one JSON line per request to --log:
{"id", "verified", "status", "type", "duplicate", "error", "at"}. Answers 401 to a request that fails
verification; otherwise follows --script, one entry per verified request, then 200:
  503        answer with that status
  429:2      answer 429 with Retry-After: 2
  slow:5     wait 5 seconds, then answer 200
Listens on 127.0.0.1 only, writes its port to --port-file once listening, and exits after --lifetime seconds.
"""

import argparse
import json
import signal
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from standardwebhooks.webhooks import Webhook, WebhookVerificationError


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--port-file", required=True)
    parser.add_argument("--secret", required=True)
    parser.add_argument("--log", required=True)
    parser.add_argument("--script", default="")
    parser.add_argument("--lifetime", type=float, default=120)
    options = parser.parse_args()
    # A parent may hand down SIGTERM ignored or blocked; the tests stop the receiver with it.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})

    webhook = Webhook(options.secret)
    script = [entry for entry in options.script.split(",") if entry]
    lock = threading.Lock()
    seen: set[str] = set()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            headers = {key: value for key, value in self.headers.items()}
            record = {"id": headers.get("webhook-id"), "verified": False, "type": None, "error": None,
                      "duplicate": False, "at": time.time()}
            try:
                event = webhook.verify(body, headers)
                record["verified"] = True
                record["type"] = event.get("type")
            except (WebhookVerificationError, ValueError) as error:
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

    server = ThreadingHTTPServer(("127.0.0.1", options.port), Handler)
    server.daemon_threads = True
    with open(options.port_file, "w", encoding="utf-8") as handle:
        handle.write(str(server.server_address[1]))
    threading.Timer(options.lifetime, server.shutdown).start()
    server.serve_forever()


if __name__ == "__main__":
    main()
