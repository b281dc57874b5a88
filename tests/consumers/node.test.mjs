// Node consumers of the packed package: ESM and CommonJS through the proxy, direct EdgeGrid
// signing (constructor credentials and fromEdgerc) against the simulator, which verifies every
// signature.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { consumer, run, requireEnv, ROOT, SIM_URL, SIM_EDGERC } from './lib.mjs';

let app;
before(() => {
  requireEnv('PKG_TARBALL', 'SIM_URL', 'IAM_PROXY_URL');
  app = consumer('node');
});
after(() => app?.cleanup());

/** Writes `file` into the consumer folder, runs it with node and returns its JSON output. */
function script(file, text, env = {}) {
  writeFileSync(join(app.dir, file), text);
  const { stdout } = run(process.execPath, [file], { cwd: app.dir, env: { ...process.env, ...env } });
  return JSON.parse(stdout.trim().split('\n').pop());
}

test('node ESM consumer lists users and gets one through the proxy', () => {
  const out = script('esm.mjs', `
    import { IamClient, isIamError } from 'akamai-iam-wasm';
    const iam = new IamClient({ baseUrl: process.env.IAM_PROXY_URL });
    const users = await iam.listUsers();
    const user = await iam.getUser({ uiIdentityId: users[0].uiIdentityId });
    let kind;
    try { await iam.getUser({ uiIdentityId: 'no-such-user' }); } catch (e) { kind = isIamError(e) && e.kind + ' ' + e.status; }
    console.log(JSON.stringify({ count: users.length, email: user.email, kind }));
  `);
  assert.ok(out.count >= 50, `expected the seed's users, got ${out.count}`);
  assert.match(out.email, /@/);
  assert.equal(out.kind, 'http 404');
});

test('the shipped glue: plain calls start in JS (fast path) and send what the Rust path sends', () => {
  // A call with options `{}` always takes the Rust path (params read and checked in wasm, URL
  // built there); the same call without options, once its operation's plan is known, is built by
  // JS in the method itself. Both are recorded by a stub fetch and must be the same request.
  const out = script('fast.mjs', `
    import { IamClient, isIamError } from 'akamai-iam-wasm';
    const sent = [];
    globalThis.fetch = async (url, init) => {
      sent.push({ url: String(url), method: init.method, headers: JSON.stringify(init.headers) });
      const body = /ui-identities$|groups$|roles$|api-clients$/.test(new URL(url).pathname) ? '[]' : '{}';
      return init.method === 'POST' ? new Response(null, { status: 204 }) : new Response(body, { status: 200 });
    };
    const calls = [
      ['getUser', { uiIdentityId: "A b/c?d#e%f!'()*~ü" }],
      ['getUser', { uiIdentityId: 'A-B-1', authGrants: true, notifications: false }],
      ['listUsers', undefined],
      ['listUsers', { groupId: 12345, authGrants: true, accountSwitchKey: '1-A:2 B&c=d~e' }],
      ['getApiClient', {}],
      ['getApiClient', { clientId: 'x y', actions: true }],
      ['listGroups', { actions: false }],
      ['lockUser', { uiIdentityId: 'U-1' }],
    ];
    const result = {};
    for (const switchKey of [undefined, 'K-1:2 3']) {
      const client = new IamClient({ baseUrl: 'http://proxy.test:8080/p', retries: 0, accountSwitchKey: switchKey });
      for (const [name, params] of calls) {
        await client[name](params, {});      // the Rust path
        await client[name](params);          // learns the plan (first call) or takes the fast path
        await client[name](params);          // the fast path
      }
      const refused = await client.getUser({ uiIdentityId: 7 }).catch((e) => isIamError(e) && e.field);
      client.free();
      let freed;
      try { await client.getUser({ uiIdentityId: 'A' }); } catch (e) { freed = String(e); }
      result[String(switchKey)] = { refused, freed };
    }
    const fastSource = String(IamClient.prototype.getUser);
    console.log(JSON.stringify({ sent, result, fastSource }));
  `);
  assert.equal(out.sent.length, 2 * 8 * 3);
  for (let i = 0; i < out.sent.length; i += 3) {
    assert.deepEqual(out.sent[i + 1], out.sent[i], `call ${i / 3}: first call without options`);
    assert.deepEqual(out.sent[i + 2], out.sent[i], `call ${i / 3}: fast path`);
  }
  assert.match(out.sent[0].url, /^http:\/\/proxy\.test:8080\/p\/identity-management\/v3\/user-admin\/ui-identities\/A%20b%2Fc%3Fd%23e%25f%21%27%28%29%2A~%C3%BC$/);
  assert.ok(out.sent.some((s) => s.url.endsWith('/api-clients/self')), 'an absent apiClientId is self');
  assert.ok(out.sent.some((s) => s.url.includes('accountSwitchKey=K-1%3A2+3')), 'the client default key');
  for (const r of Object.values(out.result)) {
    assert.equal(r.refused, 'uiIdentityId');
    assert.match(r.freed, /null pointer passed to rust/);
  }
  assert.match(out.fastSource, /return fastStart\(this, "getUser", params, options\) \?\? wasm\.iamclient_getUser\(/);
});

test('node CommonJS consumer lists users through the proxy', () => {
  const out = script('cjs.cjs', `
    const { IamClient, isIamError } = require('akamai-iam-wasm');
    new IamClient({ baseUrl: process.env.IAM_PROXY_URL }).listUsers({ authGrants: true })
      .then((users) => console.log(JSON.stringify({ count: users.length, grants: users[0].authGrants.length,
        guard: typeof isIamError })));
  `);
  assert.ok(out.count >= 50);
  assert.ok(out.grants >= 1, 'authGrants: true returns grants');
  assert.equal(out.guard, 'function');
});

test('node signs directly: listUsers, getUser, a createGroup POST and odd percent-encoded paths and queries are accepted by the simulator', () => {
  const out = script('direct.mjs', `
    import { IamClient } from 'akamai-iam-wasm';
    const iam = new IamClient({
      baseUrl: process.env.SIM_URL,
      credentials: {
        host: 'akab-sim0local0000000-devonly000000000.luna.akamaiapis.net',
        clientToken: 'akab-simclient0000000-devonly000000000',
        clientSecret: 'c2ltdWxhdG9yLW9ubHktc2VjcmV0LWRvLW5vdC11c2U=',
        accessToken: 'akab-simaccess0000000-devonly000000000',
      },
    });
    const users = await iam.listUsers({ authGrants: true });
    const user = await iam.getUser({ uiIdentityId: users[1].uiIdentityId, actions: true });
    const name = 'Direct signing ' + Date.now() + ' ü/&?';
    const group = await iam.createGroup({ groupId: 18000, body: { groupName: name } });
    const again = await iam.getGroup({ groupId: group.groupId });
    // Percent-encoded path and query: the signature covers exactly what fetch sends, so the
    // simulator answers 404 (no such user), never 401 (bad signature).
    let odd;
    try { await iam.getUser({ uiIdentityId: 'no such/user ü%?#[]', accountSwitchKey: 'a b&c=d:é+~*' }); }
    catch (e) { odd = e.kind + ' ' + e.status; }
    const switched = new IamClient({ baseUrl: process.env.SIM_URL, accountSwitchKey: "1-AB:C D'(x)!",
      credentials: { host: 'akab-sim0local0000000-devonly000000000.luna.akamaiapis.net',
        clientToken: 'akab-simclient0000000-devonly000000000',
        clientSecret: 'c2ltdWxhdG9yLW9ubHktc2VjcmV0LWRvLW5vdC11c2U=',
        accessToken: 'akab-simaccess0000000-devonly000000000' } });
    const viaKey = await switched.listUsers({ groupId: 18000 });
    console.log(JSON.stringify({ count: users.length, id: user.uiIdentityId === users[1].uiIdentityId,
      created: group.groupName === name, fetched: again.groupName === name, odd, viaKey: Array.isArray(viaKey) }));
  `, { SIM_URL });
  assert.deepEqual(out, { count: out.count, id: true, created: true, fetched: true, odd: 'http 404', viaKey: true });
  assert.ok(out.count >= 50);
});

test('node signs directly with fromEdgerc; wrong secrets are refused by the simulator as 401', () => {
  const out = script('edgerc.mjs', `
    import { IamClient, isIamError } from 'akamai-iam-wasm';
    import { writeFileSync } from 'node:fs';
    const iam = IamClient.fromEdgerc({ path: process.env.SIM_EDGERC, baseUrl: process.env.SIM_URL });
    const users = await iam.listUsers();
    writeFileSync('wrong.edgerc', '[other]\\nhost = akab-sim0local0000000-devonly000000000.luna.akamaiapis.net\\n' +
      'client_token = akab-simclient0000000-devonly000000000\\nclient_secret = TOPSECRET-wrong\\n' +
      'access_token = akab-simaccess0000000-devonly000000000\\n');
    const wrong = IamClient.fromEdgerc({ path: 'wrong.edgerc', section: 'other', baseUrl: process.env.SIM_URL, retries: 0 });
    let denied;
    try { await wrong.listUsers(); } catch (e) { denied = { kind: e.kind, status: e.status, leaks: JSON.stringify(e).includes('TOPSECRET') || String(e.message).includes('TOPSECRET') }; }
    let missing;
    try { IamClient.fromEdgerc({ path: 'wrong.edgerc', section: 'nope' }); } catch (e) { missing = { kind: e.kind, message: e.message }; }
    // Complete AKAMAI_* variables win over the file.
    process.env.AKAMAI_ENVSECTION_HOST = 'akab-sim0local0000000-devonly000000000.luna.akamaiapis.net';
    process.env.AKAMAI_ENVSECTION_CLIENT_TOKEN = 'akab-simclient0000000-devonly000000000';
    process.env.AKAMAI_ENVSECTION_CLIENT_SECRET = 'c2ltdWxhdG9yLW9ubHktc2VjcmV0LWRvLW5vdC11c2U=';
    process.env.AKAMAI_ENVSECTION_ACCESS_TOKEN = 'akab-simaccess0000000-devonly000000000';
    const fromEnv = await IamClient.fromEdgerc({ path: 'no-such-file', section: 'envsection', baseUrl: process.env.SIM_URL }).listUsers();
    console.log(JSON.stringify({ count: users.length, denied, missing, env: fromEnv.length }));
  `, { SIM_URL, SIM_EDGERC });
  assert.ok(out.count >= 50);
  assert.deepEqual(out.denied, { kind: 'http', status: 401, leaks: false });
  assert.equal(out.missing.kind, 'validation');
  assert.match(out.missing.message, /no section \[nope\]/);
  assert.equal(out.env, out.count);
});

test('wasm signer gives the native signer\'s headers on the 15 EdgeGrid test vectors', async () => {
  const out = script('vectors.cjs', `
    // __testSignEdgeGrid is a test hook of the Node build (not in the types).
    const { __testSignEdgeGrid } = require('akamai-iam-wasm');
    const data = require(process.env.VECTORS + '/testdata.json');
    const cases = require(process.env.VECTORS + '/testcases.json');
    const credentials = { host: data.base_url, clientToken: data.client_token, clientSecret: data.client_secret,
      accessToken: data.access_token, maxBody: data.max_body, headersToSign: data.headers_to_sign };
    const results = cases.map((c) => {
      const headers = (c.request.headers || []).flatMap((h) => Object.entries(h));
      const got = __testSignEdgeGrid(credentials, { method: c.request.method, path: c.request.path, headers,
        body: c.request.data || '' }, data.timestamp, data.nonce);
      return { name: c.testName, ok: got === c.expectedAuthorization };
    });
    console.log(JSON.stringify(results));
  `, { VECTORS: join(ROOT, 'tests', 'fixtures', 'edgegrid') });
  assert.equal(out.length, 15);
  assert.deepEqual(out.filter((r) => !r.ok), []);
});

test('node build: credentials are checked and never echoed', () => {
  const out = script('refuse.mjs', `
    import { IamClient } from 'akamai-iam-wasm';
    const tries = [
      { credentials: { host: 'h.example/path', clientToken: 'c', clientSecret: 'TOPSECRET', accessToken: 'a' } },
      { credentials: { host: 'h.example', clientToken: 'c', clientSecret: ' ', accessToken: 'TOPSECRET' } },
      {},
    ];
    console.log(JSON.stringify(tries.map((options) => {
      try { new IamClient(options); return null; }
      catch (e) { return { kind: e.kind, field: e.field, leaks: (e.message + JSON.stringify(e)).includes('TOPSECRET') }; }
    })));
  `);
  assert.deepEqual(out, [
    { kind: 'validation', field: 'credentials.host', leaks: false },
    { kind: 'validation', field: 'credentials.clientSecret', leaks: false },
    { kind: 'validation', field: 'baseUrl', leaks: false },
  ]);
});
