// The cold-start anchor: a thin plain-JS IAM client (fetch + json(), no validation, no retries),
// the size of what an OpenAPI generator's runtime does for one call. Kept under 1 KB.
export class ThinClient {
  constructor(baseUrl) { this.base = `${baseUrl}/identity-management/v3`; }
  async getUser({ uiIdentityId }) {
    const url = `${this.base}/user-admin/ui-identities/${encodeURIComponent(uiIdentityId)}`;
    const response = await fetch(url, { headers: { Accept: 'application/json' } });
    if (!response.ok) throw new Error(`getUser: ${response.status}`);
    return response.json();
  }
}
