// A consumer of the package, calling a method of every docs section with the types a user would
// write. It must compile with `tsc --strict --noEmit` (tests/types/types.test.mjs).
import init, {
  IamClient,
  isIamError,
  type Group,
  type IamError,
  type User,
  type CidrBlock,
  type ApiClient,
  type Credential,
  type RoleListItem,
  type PropertyListItem,
} from 'akamai-iam-wasm';

export async function tour(signal: AbortSignal): Promise<string[]> {
  await init();
  const iam = new IamClient({ baseUrl: 'http://127.0.0.1:8600', retries: 3, timeoutMs: 10_000 });
  const seen: string[] = [];

  // groups
  const groups: Group[] = await iam.listGroups({ actions: true }, { signal });
  const root = groups[0];
  const child: Group = await iam.createGroup({ groupId: root.groupId, body: { groupName: 'Web team' } });
  await iam.moveGroup({ body: { sourceGroupId: child.groupId, destinationGroupId: root.groupId } });
  seen.push(child.groupName);

  // properties
  const properties: PropertyListItem[] = await iam.listProperties({ groupId: root.groupId });
  seen.push(String(properties.length));

  // roles
  const roles: RoleListItem[] = await iam.listRoles({ actions: true });
  const grantable = await iam.listGrantableRoles();
  await iam.createRole({
    body: { roleName: 'Auditors', roleDescription: 'Read only', grantedRoles: [{ grantedRoleId: grantable[0].grantedRoleId }] },
  });
  seen.push(roles[0].roleName);

  // users
  const users: User[] = await iam.listUsers({ groupId: root.groupId, authGrants: true });
  const user: User = await iam.getUser({ uiIdentityId: users[0].uiIdentityId, notifications: true });
  await iam.lockUser({ uiIdentityId: user.uiIdentityId });
  const reset = await iam.resetUserPassword({ uiIdentityId: user.uiIdentityId, sendEmail: false });
  if (reset !== undefined) seen.push(reset.newPassword ?? '');
  seen.push(user.email, user.additionalAuthentication);

  // user profile
  const me: User = await iam.getMyProfile();
  await iam.updateMyMfa({ body: { value: 'MFA' } });
  seen.push(me.uiIdentityId);

  // common resources, for admins and for users
  const states: string[] = await iam.listStates({ country: 'Canada' });
  const zones = await iam.listTimeZones({ scope: 'user' });
  seen.push(states[0], zones[0].timezone);

  // IP allowlist
  await iam.validateCidrBlock({ cidrblock: '192.0.2.0/24' });
  const block: CidrBlock = await iam.createCidrBlock({ body: { cidrBlock: '192.0.2.0/24', enabled: true } });
  const status = await iam.getIpAllowlistStatus();
  seen.push(block.cidrBlock, String(status.enabled));

  // API clients and credentials (self without clientId, another client with it)
  const clients: ApiClient[] = await iam.listApiClients();
  const mine = await iam.getApiClient();
  const creds: Credential[] = await iam.listCredentials({ clientId: clients[0].clientId });
  await iam.updateCredential({
    credentialId: creds[0].credentialId,
    body: { expiresOn: '2027-01-01T00:00:00Z', status: 'INACTIVE' },
  });
  await iam.deactivateCredentials({ clientId: clients[0].clientId });
  seen.push(mine.clientName);

  try {
    await iam.removeGroup({ groupId: child.groupId });
  } catch (err: unknown) {
    if (isIamError(err)) {
      const e: IamError = err;
      const kind: 'http' | 'validation' | 'network' | 'decode' | 'aborted' = e.kind;
      seen.push(kind, String(e.status ?? ''), e.problem?.title ?? '', e.problem?.detail ?? '');
    }
  }
  return seen;
}
