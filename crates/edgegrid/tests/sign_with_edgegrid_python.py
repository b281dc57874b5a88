"""Signs requests with Akamai's edgegrid-python, for the differential test in differential_python.rs.

Reads a JSON list of requests on stdin; writes a JSON list of {"authorization", "path_url",
"signed_path"} on stdout: the header, the target requests sends and the target edgegrid-python
signs (rebuilt by urlparse, which drops an empty `;` parameter: it signs `/x` for `/x;`).
Each request: method, host, path_and_query, headers [[name, value], ...], body_hex, client_token,
client_secret, access_token, max_body, headers_to_sign, timestamp, nonce. Instead of `host`, a
request may give `base_url` (the configured host, maybe with a trailing `/`), which is joined with
the target by urljoin, as edgegrid-python's README does.
"""
import json
import sys
from urllib.parse import urljoin, urlparse

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
        if "base_url" in case:
            url = urljoin(case["base_url"], case["path_and_query"])
        else:
            url = "https://" + case["host"] + case["path_and_query"]
        prepared = requests.Request(
            case["method"],
            url,
            data=body if body else None,
        ).prepare()
        # Set after prepare(): requests refuses header values with leading whitespace (a quirk of
        # its own, see testcases.json "failsWithMessage"); the signer reads them all the same.
        for name, value in case["headers"]:
            prepared.headers[name] = value
        auth = signer.make_auth_header(prepared, case["timestamp"], case["nonce"])
        parsed = urlparse(prepared.url)
        signed_path = parsed.path + (";" + parsed.params if parsed.params else "") + (
            "?" + parsed.query if parsed.query else "")
        out.append({"authorization": auth, "path_url": prepared.path_url, "signed_path": signed_path})
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
