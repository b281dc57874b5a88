// The call-overhead bench's servers, both on 127.0.0.1 with free ports:
//   static  the bench page and the optimised --target web package (no-store)
//   api     canned IAM bodies, no signatures: /n/{N}/identity-management/v3/user-admin/ui-identities
//           answers N generated users, .../ui-identities/{id} one user (tests/common/fixtures'
//           getUser body); CORS for the static origin. Bodies are built once, at start.
// Prints `bench server http://127.0.0.1:STATIC api=http://127.0.0.1:API` once both listen.
// usage: node bench/browser/server.mjs PKG_DIR FIXTURES_DIR
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const [pkgDir, fixtures] = process.argv.slice(2);
const here = fileURLToPath(new URL('.', import.meta.url));
const listUser = JSON.parse(readFileSync(join(fixtures, 'list_users_200.json'), 'utf8'))[0];
const getUser = readFileSync(join(fixtures, 'get_user_200.json'));

// N users shaped like the listUsers fixture (authGrants and actions included), each distinct.
const users = (n) => Buffer.from(JSON.stringify(Array.from({ length: n }, (_, i) => ({
  ...listUser,
  uiIdentityId: `B-C-${1000000 + i}`,
  uiUserName: `user${i}`,
  firstName: `First${i}`,
  lastName: `Last${i}`,
  email: `user${i}@example.com`,
  authGrants: listUser.authGrants.map((g, j) => ({ ...g, roleId: g.roleId + i + j })),
}))));
const lists = new Map([1, 100, 10000].map((n) => [n, users(n)]));

const types = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm' };
const listen = (server) => new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server.address().port)));

// The bench page; with ?preload=1 it has the <link> preloads of the package README for its mode's
// files (the client: its module and its .wasm; the thin client: its module).
const page = (query) => {
  const html = readFileSync(join(here, 'page.html'), 'utf8');
  if (query.get('preload') !== '1') return html;
  const links = query.get('mode') === 'thin' ? '<link rel="modulepreload" href="/thin.mjs">\n'
    : '<link rel="modulepreload" href="/pkg/index.js">\n'
      + '<link rel="preload" href="/pkg/akamai_iam_wasm_bg.wasm" as="fetch" crossorigin>\n';
  return html.replace('<script', `${links}<script`);
};

const staticServer = createServer((req, res) => {
  const path = new URL(req.url, 'http://x').pathname;
  const file = path === '/' ? join(here, 'page.html')
    : path.startsWith('/pkg/') ? join(pkgDir, normalize(path.slice(5)).replace(/^(\.\.[/\\])+/, ''))
    : join(here, normalize(path).replace(/^(\.\.[/\\])+/, ''));
  try {
    const body = path === '/' ? page(new URL(req.url, 'http://x').searchParams) : readFileSync(file);
    // Cross-origin isolated, so that performance.now() has 5 µs resolution instead of 100 µs.
    res.writeHead(200, {
      'Content-Type': types[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-store',
      'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp',
    });
    res.end(body);
  } catch {
    res.writeHead(404).end();
  }
});
const staticPort = await listen(staticServer);
const origin = `http://127.0.0.1:${staticPort}`;

const apiServer = createServer((req, res) => {
  const m = new URL(req.url, 'http://x').pathname
    .match(/^\/n\/(\d+)\/identity-management\/v3\/user-admin\/ui-identities(\/[^/]+)?$/);
  const cors = { 'Access-Control-Allow-Origin': origin, 'Vary': 'Origin' };
  if (req.method === 'OPTIONS') {
    res.writeHead(204, { ...cors, 'Access-Control-Allow-Headers': '*', 'Access-Control-Allow-Methods': 'GET' }).end();
    return;
  }
  const body = m && (m[2] ? getUser : lists.get(Number(m[1])));
  if (!body) { res.writeHead(404, cors).end(); return; }
  res.writeHead(200, { ...cors, 'Content-Type': 'application/json', 'Content-Length': body.length, 'Cache-Control': 'no-store' });
  res.end(body);
});
const apiPort = await listen(apiServer);
console.log(`bench server ${origin} api=http://127.0.0.1:${apiPort}`);
for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => process.exit(0));
