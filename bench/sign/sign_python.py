"""Signing rate of edgegrid-python 2.0.9 over the bench's request set; prints one JSON line like
sign-native. Each request is prepared once with `requests` (outside the timing, as the library is
driven without network); the timed part is `EdgeGridAuthHeaders.make_auth_header(prepared,
timestamp, nonce)` with the fixed timestamp and nonce.

usage: python3 bench/sign/sign_python.py REQUESTS.json [SECS]
"""
import hashlib
import json
import sys
import time

import requests
from akamai.edgegrid.edgegrid import EdgeGridAuthHeaders


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        s = json.load(f)
    secs = float(sys.argv[2]) if len(sys.argv) > 2 else 2.0
    auth = EdgeGridAuthHeaders(s["clientToken"], s["clientSecret"], s["accessToken"])
    prepared = [
        requests.Request(r["method"], "https://" + s["host"] + r["path"],
                         data=r["body"].encode() if r["body"] else None).prepare()
        for r in s["requests"]
    ]
    ts, nonce = s["timestamp"], s["nonce"]

    def round_():
        return [auth.make_auth_header(p, ts, nonce) for p in prepared]

    headers = round_()
    digest = hashlib.sha256("".join(h + "\n" for h in headers).encode()).hexdigest()
    rates = []
    start = time.perf_counter()
    while time.perf_counter() - start < secs or len(rates) < 5:
        t = time.perf_counter()
        round_()
        rates.append(len(prepared) / (time.perf_counter() - t))
    rates.sort()
    print(json.dumps({"signer": "python", "perSec": round(rates[len(rates) // 2]),
                      "rounds": len(rates), "digest": digest, "first": headers[0]}))


if __name__ == "__main__":
    main()
