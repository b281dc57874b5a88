// Wrong calls: each line with a trailing "wrong" comment must be a type error (types.test.mjs).
import { IamClient } from 'akamai-iam-wasm';

export async function mistakes(iam: IamClient): Promise<void> {
  await iam.getUser({}); // wrong: uiIdentityId is required
  await iam.getUser({ uiIdentityId: 42 }); // wrong: uiIdentityId is a string
  await iam.listUsers({ authGrants: 'yes' }); // wrong: authGrants is a boolean
  await iam.listUsers({ groupid: 1 }); // wrong: misspelt parameter
  await iam.createGroup({ groupId: 1 }); // wrong: the body is required
  await iam.createGroup({ groupId: '1', body: { groupName: 'x' } }); // wrong: groupId is a number
  await iam.updateMyMfa({ body: { value: 'SMS' } }); // wrong: not an MFA method
  await iam.listTimeZones({ scope: 'everyone' }); // wrong: scope is "admin" | "user"
  await iam.updateCredential({ credentialId: 1, body: { expiresOn: '2027-01-01T00:00:00Z', status: 'ON' } }); // wrong: status union
  await iam.listUsers(undefined, { signal: 'stop' }); // wrong: signal is an AbortSignal
  const n: number = await iam.listUsers(); // wrong: the result is User[]
  await iam.removeGroup({ groupId: 1 }).then((x: string) => x); // wrong: 204 resolves to void
  new IamClient({}); // wrong: baseUrl is required
}
