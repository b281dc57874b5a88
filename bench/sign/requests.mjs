// Writes the signing bench's request set: 1,000 IAM requests (70% GET with queries, 20% POST with
// JSON bodies of 0.2-2 KB, 10% PUT/DELETE), the .edgerc credentials of the simulator, and one fixed
// timestamp and nonce, so every signer signs exactly the same data.
// usage: node bench/sign/requests.mjs EDGERC OUT.json
import { readFileSync, writeFileSync } from 'node:fs';

const [edgercFile, out] = process.argv.slice(2);
const edgerc = Object.fromEntries(
  readFileSync(edgercFile, 'utf8').split('\n')
    .map((line) => line.match(/^\s*([a-z_]+)\s*=\s*(.*?)\s*$/))
    .filter(Boolean)
    .map((m) => [m[1], m[2]]),
);

let seed = 42; // a fixed LCG: the same set on every run
const rand = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
const id = () => `A-B-${100000 + rand(900000)}`;
const requests = [];
for (let i = 0; i < 1000; i++) {
  const kind = rand(10);
  if (kind < 7) {
    const paths = [
      '/identity-management/v3/user-admin/ui-identities',
      `/identity-management/v3/user-admin/ui-identities/${id()}`,
      '/identity-management/v3/user-admin/groups',
      `/identity-management/v3/user-admin/groups/${rand(99999)}`,
      '/identity-management/v3/user-admin/roles',
      `/identity-management/v3/api-clients/self/credentials`,
    ];
    const flags = ['authGrants=true', 'actions=true', 'notifications=true', `groupId=${rand(99999)}`];
    const query = flags.filter(() => rand(2)).join('&');
    requests.push({ method: 'GET', path: paths[rand(paths.length)] + (query ? `?${query}` : ''), body: '' });
  } else if (kind < 9) {
    const grants = Array.from({ length: 1 + rand(12) }, () => ({ groupId: rand(99999), roleId: rand(999) }));
    const body = JSON.stringify({
      firstName: `First${i}`, lastName: `Last${i}`, email: `user${i}@example.com`, country: 'USA',
      phone: '3456788765', additionalAuthentication: 'TFA', authGrants: grants,
    });
    requests.push({ method: 'POST', path: '/identity-management/v3/user-admin/ui-identities?sendEmail=true', body });
  } else {
    const method = rand(2) ? 'PUT' : 'DELETE';
    const body = method === 'PUT' ? JSON.stringify({ groupName: `Group ${i}` }) : '';
    requests.push({ method, path: `/identity-management/v3/user-admin/groups/${rand(99999)}`, body });
  }
}
writeFileSync(out, JSON.stringify({
  host: edgerc.host,
  clientToken: edgerc.client_token,
  clientSecret: edgerc.client_secret,
  accessToken: edgerc.access_token,
  timestamp: '20240601T12:00:00+0000',
  nonce: 'c0ffee00-1234-4abc-8def-0123456789ab',
  requests,
}));
