#!/usr/bin/env python3
"""Writes the committed seed corpus of each fuzz target (fuzz/seeds/<target>/), from:
  - the spec (spec/iam-v3/openapi.json): one request per operation, with the parameter and body
    examples, path parameters replaced by ids the simulator's built-in seed has (sim_request,
    proxy_target);
  - the client's operation table (src/api/*.rs): one input per operation for client_params, whose
    input is structured (its first byte picks the operation, in the order of registry::all(); the
    bytes after it, none here, build the params: none left gives each field its plain value);
  - the EdgeGrid vectors (tests/fixtures/edgegrid): the .edgerc files (edgerc) and every signing
    test case (sign);
  - the request targets and headers of the proxy's hostile suite (crates/proxy/tests/common/cases.rs),
    copied below (proxy_target).
Usage: python3 fuzz/make_seeds.py   (rewrites the seeds; run from anywhere)
"""
import hashlib
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "fuzz" / "seeds"
BASE = "/identity-management/v3"
# Ids the simulator's built-in seed has (crates/iam-sim/src/seed).
SIM_IDS = {
    "groupId": "18001", "sourceGroupId": "18004", "destinationGroupId": "18002",
    "roleId": "3", "uiIdentityId": "F-CO-3917000", "clientId": "nnb3ahxnhs6ehesp",
    "credentialId": "70001", "cidrBlockId": "1201", "assetId": "1", "country": "USA",
    "username": "jdoe",
}

WRITTEN = set()

# The proxy's hostile suite: (method, target, extra headers).
GROUPS = BASE + "/user-admin/groups"
HOSTILE = [
    ("GET", BASE + "/" + "../" * 2 + "papi/v1/groups", []),
    ("GET", BASE + "/./user-admin/groups", []),
    ("GET", BASE + "/..;/papi/v1", []),
    ("GET", BASE + "/user-admin/..", []),
    ("GET", BASE + "/%2e%2e/%2e%2e/papi/v1/groups", []),
    ("GET", BASE + "/%2E%2E/papi", []),
    ("GET", BASE + "/.%2e/papi", []),
    ("GET", BASE + "/%252e%252e/papi", []),
    ("GET", BASE + "/%25%32%65%25%32%65/papi", []),
    ("GET", BASE + "/a%2f..%2fb", []),
    ("GET", BASE + "/a%5C..%5Cb", []),
    ("GET", BASE + "/a\\..\\..\\papi", []),
    ("GET", "/papi/v1/groups", []),
    ("GET", "/identity-management/v2/users", []),
    ("GET", BASE, []),
    ("GET", "/identity-management/v3x/groups", []),
    ("GET", "//identity-management/v3/user-admin", []),
    ("GET", BASE + "//user-admin", []),
    ("GET", BASE + "/a%00b", []),
    ("GET", BASE + "/a%0d%0aSet-Cookie:x", []),
    ("GET", "http://evil.example" + GROUPS, []),
    ("GET", "evil.example:443", []),
    ("GET", "*", []),
    ("PATCH", GROUPS, ["Content-Length: 0"]),
    ("FOO", GROUPS, []),
    ("get", GROUPS, []),
    ("POST", GROUPS, ["X-HTTP-Method-Override: DELETE", "Content-Length: 0"]),
    ("GET", GROUPS, ["Host: evil.example"]),
    ("GET", GROUPS, ["X-Forwarded-Host: evil.example"]),
    ("GET", GROUPS, ["Forwarded: host=evil.example;proto=http"]),
    ("GET", GROUPS, ["X-Original-URL: /papi/v1/groups"]),
    ("POST", GROUPS, ["Content-Length: 2097152"]),
    ("GET", GROUPS, ["Origin: https://evil.example"]),
    ("GET", GROUPS, ["Origin: null"]),
    ("GET", GROUPS, ["Origin: http://127.0.0.1.evil.example:80"]),
    ("GET", GROUPS, ["Origin: http://127.0.0.1:5173"]),
    ("OPTIONS", GROUPS, ["Origin: http://127.0.0.1:5173", "Access-Control-Request-Method: DELETE"]),
    ("GET", GROUPS, ["Authorization: Bearer tok-wrong"]),
    ("GET", GROUPS, ["Authorization: Bearer tok-fuzz"]),
    ("GET", GROUPS + "?accountSwitchKey=OTHER", ["Authorization: Bearer tok-fuzz"]),
    ("GET", GROUPS + "?account%53witchKey=OTHER&a=1", ["Authorization: bearer tok-fuzz"]),
    ("GET", "/papi/v1/groups", ["Authorization: Bearer tok-fuzz"]),
    # Controls that must reach the upstream.
    ("GET", GROUPS, ["Accept: application/json"]),
    ("GET", BASE + "/user-admin/ui-identities/F-CO-123?actions=true&authGrants=true", []),
    ("GET", BASE + "/x?q=a%2Fb&e=user%40example.com&x=%7b'\"|^`[]&y=a+b", []),
    ("PUT", BASE + "/a;b=c/d:e@f!$&'()*+,/x/", ["Content-Type: application/json"]),
    ("DELETE", BASE + "/a%c3%a9?", []),
]


def write(target, name, data):
    folder = SEEDS / target
    folder.mkdir(parents=True, exist_ok=True)
    if target not in WRITTEN:
        WRITTEN.add(target)
        for old in folder.iterdir():
            old.unlink()
    if isinstance(data, str):
        data = data.encode()
    (folder / name).write_bytes(data)


def operations(spec):
    for path, item in spec["paths"].items():
        for method in ("get", "post", "put", "delete"):
            if method in item:
                yield path, method, item[method], item.get("parameters", [])


def example(param):
    for value in (param.get("schema", {}).get("example"), param.get("example")):
        if value is not None and not (isinstance(value, str) and value.startswith("{{")):
            return value
    return None


def body_example(op):
    content = op.get("requestBody", {}).get("content", {}).get("application/json", {})
    return content.get("example")


def spec_seeds():
    spec = json.loads((ROOT / "spec/iam-v3/openapi.json").read_text())
    for path, method, op, shared in operations(spec):
        params = shared + op.get("parameters", [])
        name = op["operationId"]
        concrete = re.sub(r"\{(\w+)\}", lambda m: SIM_IDS.get(m.group(1), "1"), path)
        query = []
        for p in params:
            value = example(p)
            if p["in"] == "query" and p["name"] != "accountSwitchKey" and value is not None:
                text = json.dumps(value) if not isinstance(value, str) else value
                text = text.lower() if isinstance(value, bool) else text
                query.append(f"{p['name']}={text}")
        target = BASE + concrete + ("?" + "&".join(query) if query else "")
        body = body_example(op)
        raw = json.dumps(body).encode() if body is not None else b""
        write("sim_request", name, f"{method.upper()} {target}\n\n".encode() + raw)
        write("proxy_target", name, f"{method.upper()} {target} HTTP/1.1\nContent-Type: application/json\n")


def edgegrid_seeds():
    fixtures = ROOT / "tests/fixtures/edgegrid"
    for f in ("sample.edgerc", "broken.edgerc"):
        write("edgerc", f, (fixtures / f).read_bytes())
    write("edgerc", "quotes-comments", "; c\n# c\n[a]\nhost = 'h.example/' ; x\nclient-token = ct # n\n"
          "client_secret = s=;x\naccess_token=\"at ; not\"\nmax-body = 2048\nheaders_to_sign = A, B\n")
    cases = json.loads((fixtures / "testcases.json").read_text())
    for case in cases:
        req = case["request"]
        headers = []
        for h in req.get("headers", []):
            for k, v in h.items():
                if k.lower() != "host":
                    headers.append(f"{k}: {v}")
        names = ",".join(h.split(":")[0] for h in headers if not h.startswith("X-Extra"))
        text = "\n".join([req["method"], req["path"], "akaa-baseurl-xxxxxxxxxxx.luna.akamaiapis.net/",
                          "2048", names]
                         + headers + ["", req.get("data", "")])
        slug = re.sub(r"[^a-z0-9]+", "-", case["testName"].lower()).strip("-")
        write("sign", slug, text)
    # A body whose multi-byte characters straddle max_body.
    write("sign", "utf8-straddles-max-body", "POST\n/a;b/%C3%A9?x=1\nh.example/\n5\n\n\nab\u00e9\u20ac\u00e9z")


def client_seeds():
    # registry::all() lists the sections in this order, each in its table's order.
    sections = ["groups", "properties", "roles", "users", "user_profile", "common", "ip_allowlist",
                "api_clients", "credentials"]
    names = []
    for section in sections:
        text = (ROOT / "src/api" / f"{section}.rs").read_text()
        names += re.findall(r'^\s*[A-Z_]+ = "(\w+)", fn ', text, re.M)
    assert len(names) < 256, "one byte picks the operation"
    for index, name in enumerate(names):
        write("client_params", f"{index:02}-{name}", bytes([index]))


def hostile_seeds():
    for n, (method, target, headers) in enumerate(HOSTILE):
        text = "\n".join([f"{method} {target} HTTP/1.1"] + headers) + "\n"
        digest = hashlib.sha1(text.encode()).hexdigest()[:8]
        write("proxy_target", f"hostile-{n:02}-{digest}", text)


if __name__ == "__main__":
    spec_seeds()
    edgegrid_seeds()
    hostile_seeds()
    client_seeds()
    for t in sorted(SEEDS.iterdir()):
        print(f"{t.name}: {len(list(t.iterdir()))} seeds")
