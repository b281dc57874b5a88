// The release artefact itself: what the tarball holds, and the TypeScript a consumer sees.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { consumer, run, requireEnv, tsc, ROOT, PKG_TARBALL } from './lib.mjs';

const cleanups = [];
after(() => { for (const cleanup of cleanups) cleanup(); });

test('tarball holds the web and node builds, and no tests, source maps, local paths or secrets', () => {
  requireEnv('PKG_TARBALL');
  const files = run('tar', ['-tzf', PKG_TARBALL]).stdout.trim().split('\n');
  for (const needed of ['package/package.json', 'package/README.md', 'package/web/index.js',
    'package/web/akamai_iam_wasm_bg.wasm', 'package/node/index.mjs', 'package/node/akamai_iam_wasm.js',
    'package/node/akamai_iam_wasm_bg.wasm', 'package/workflows/index.js', 'package/workflows/index.d.ts']) {
    assert.ok(files.includes(needed), `${needed} is missing from ${files.join(', ')}`);
  }
  const refused = files.filter((f) => /\.map$|\.test\.|\/tests?\/|\.edgerc|\.env|\.rs$|Cargo/.test(f));
  assert.deepEqual(refused, []);
  const dir = run('mktemp', ['-d']).stdout.trim();
  cleanups.push(() => run('rm', ['-rf', dir]));
  run('tar', ['-xzf', PKG_TARBALL, '-C', dir]);
  const simSecret = /client_secret\s*=\s*(\S+)/.exec(readFileSync(join(ROOT, 'dev/sim.edgerc'), 'utf8'))[1];
  for (const file of files) {
    const bytes = readFileSync(join(dir, file)).toString('latin1');
    for (const bad of [ROOT, '/root/', '/home/', simSecret, 'sourceMappingURL', 'BEGIN PRIVATE KEY']) {
      assert.ok(!bytes.includes(bad), `${file} contains ${bad}`);
    }
  }
  // The README's import map and preload links name files the package has.
  const readme = readFileSync(join(dir, 'package/README.md'), 'utf8');
  const named = [...readme.matchAll(/"\/node_modules\/akamai-iam-wasm\/([^"]+)"/g)].map((m) => `package/${m[1]}`);
  assert.deepEqual([...new Set(named)].sort(), ['package/web/akamai_iam_wasm_bg.wasm', 'package/web/index.js']);
  for (const file of named) assert.ok(files.includes(file), `the README names ${file}, which is not in the package`);
  // Every method of each shipped glue starts on the fast path (scripts/finish-glue.mjs).
  for (const glue of ['web/akamai_iam_wasm.js', 'web/index.js', 'node/akamai_iam_wasm.js']) {
    const text = readFileSync(join(dir, 'package', glue), 'utf8');
    const methods = text.match(/^ {4}\w+\(params, options\) \{$/gm) ?? [];
    const fast = text.match(/^ {8}return fastStart\(this, "(\w+)", params, options\) \?\? wasm\.iamclient_\1\(/gm) ?? [];
    assert.equal(methods.length, 76, `${glue}: methods taking params`);
    assert.equal(fast.length, methods.length, `${glue}: methods starting on the fast path`);
  }
});

test('tsc --strict accepts TypeScript consumers in Node (nodenext) and bundler resolution', () => {
  const app = consumer('types');
  cleanups.push(app.cleanup);
  const node = tsc(app.dir, 'node.ts', `
    import { IamClient, isIamError, type User, type IamError } from 'akamai-iam-wasm';
    export async function main(signal: AbortSignal): Promise<string[]> {
      const direct = IamClient.fromEdgerc({ section: 'default', baseUrl: 'http://127.0.0.1:1' });
      const signing = new IamClient({ credentials: { host: 'h', clientToken: 'c', clientSecret: 's', accessToken: 'a' } });
      const proxied = new IamClient({ baseUrl: 'http://127.0.0.1:8600', timeoutMs: 5000, retries: 1 });
      const users: User[] = await proxied.listUsers({ authGrants: true }, { signal });
      try { await signing.getUser({ uiIdentityId: users[0].uiIdentityId }); }
      catch (e: unknown) { if (isIamError(e)) { const err: IamError = e; console.log(err.kind, err.status); } }
      await direct.listGroups();
      return users.map((u) => u.email);
    }
  `, 'nodenext');
  assert.equal(node.status, 0, node.output);
  const web = tsc(app.dir, 'web.ts', `
    import init, { IamClient, initSync, type Group } from 'akamai-iam-wasm';
    export async function main(): Promise<Group[]> {
      await init();
      void initSync;
      return new IamClient({ baseUrl: 'http://127.0.0.1:8600' }).listGroups();
    }
  `, 'bundler');
  assert.equal(web.status, 0, web.output);
  // The browser flavour's types have no direct signing: a credential-holding call does not compile.
  const wrong = tsc(app.dir, 'wrong.ts', `
    import { IamClient } from 'akamai-iam-wasm';
    IamClient.fromEdgerc({});
  `, 'bundler');
  assert.notEqual(wrong.status, 0, 'fromEdgerc must not be in the browser types');
  assert.match(wrong.output, /fromEdgerc/);
});
