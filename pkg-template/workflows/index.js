// akamai-iam-wasm/workflows: an IAM administrator's daily work over an IamClient's existing
// operations (access review, expiring credentials, bulk actions). Plain JS, a separate entry point:
// a page that never imports it pays nothing for it, and the core WebAssembly module has none of it.
export { accessReport, accessReportCsv, expiringCredentials, explicitGrants, resolveGrants } from './report.js';
export { bulkAction, BULK_ACTIONS } from './bulk.js';
