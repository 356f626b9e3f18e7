"""A real webhook receiver on 127.0.0.1 for the task-queue and worker fault tests."""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Receiver:
    """Records every POST (headers, body, when it started and ended); holds requests open while `hold` is set.

    ``hold_limit`` bounds how long a held request waits, so a test never hangs for good.
    """

    def __init__(self, hold_limit=60.0):
        self.requests = []
        self.hold = threading.Event()
        self.release = threading.Event()
        self.hold_limit = hold_limit
        self.lock = threading.Lock()
        self.in_flight = 0
        self.max_in_flight = 0
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                entry = {"headers": dict(self.headers), "body": body, "started": time.monotonic(), "ended": None}
                with receiver.lock:
                    receiver.requests.append(entry)
                    receiver.in_flight += 1
                    receiver.max_in_flight = max(receiver.max_in_flight, receiver.in_flight)
                try:
                    if receiver.hold.is_set():
                        receiver.release.wait(receiver.hold_limit)
                    self.send_response(200)
                    self.send_header("Content-Type", "text/plain")
                    self.end_headers()
                    self.wfile.write(b"ok")
                except OSError:
                    pass  # the sender went away while we held its request
                finally:
                    with receiver.lock:
                        receiver.in_flight -= 1
                        entry["ended"] = time.monotonic()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_port}/hooks"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.release.set()
        self.server.shutdown()
        self.server.server_close()

    def wait_for(self, count, timeout=30.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if len(self.requests) >= count:
                return True
            time.sleep(0.05)
        return False
