"""Signs requests with Akamai's edgegrid-python, for the differential test in differential_python.rs.

Reads a JSON list of requests on stdin; writes a JSON list of {"authorization", "path_url"} on stdout.
Each request: method, host, path_and_query, headers [[name, value], ...], body_hex, client_token,
client_secret, access_token, max_body, headers_to_sign, timestamp, nonce.
"""
import json
import sys

import requests
from akamai.edgegrid.edgegrid import EdgeGridAuthHeaders


def main():
    out = []
    for case in json.load(sys.stdin):
        signer = EdgeGridAuthHeaders(
            case["client_token"],
            case["client_secret"],
            case["access_token"],
            headers_to_sign=case["headers_to_sign"],
            max_body=case["max_body"],
        )
        body = bytes.fromhex(case["body_hex"])
        prepared = requests.Request(
            case["method"],
            "https://" + case["host"] + case["path_and_query"],
            data=body if body else None,
        ).prepare()
        # Set after prepare(): requests refuses header values with leading whitespace (a quirk of
        # its own, see testcases.json "failsWithMessage"); the signer reads them all the same.
        for name, value in case["headers"]:
            prepared.headers[name] = value
        auth = signer.make_auth_header(prepared, case["timestamp"], case["nonce"])
        out.append({"authorization": auth, "path_url": prepared.path_url})
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
