"""Serves a folder over HTTP on 127.0.0.1 with the right MIME type for .wasm and .mjs.

Usage: python3 scripts/serve.py DIR [PORT]   (PORT 0 picks a free one)
Prints one line `serving http://127.0.0.1:PORT/` once listening.
"""
import functools
import http.server
import sys


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".js": "text/javascript",
        ".mjs": "text/javascript",
    }

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, fmt, *args):
        sys.stderr.write("serve: " + (fmt % args) + "\n")


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: serve.py DIR [PORT]")
    port = int(sys.argv[2]) if len(sys.argv) > 2 else 8080
    handler = functools.partial(Handler, directory=sys.argv[1])
    with http.server.ThreadingHTTPServer(("127.0.0.1", port), handler) as server:
        print(f"serving http://127.0.0.1:{server.server_address[1]}/", flush=True)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
