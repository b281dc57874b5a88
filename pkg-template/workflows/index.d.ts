// Types of akamai-iam-wasm/workflows (plain JS over an IamClient; see index.js).
import type { IamClient, Group } from '../web/akamai_iam_wasm.js';

/** The IamClient operations the workflows call (the web and the Node client both fit). */
export type WorkflowClient = Pick<IamClient,
  'listGroups' | 'listUsers' | 'listApiClients' | 'listCredentials' | 'getUser' | 'lockUser'
  | 'unlockUser' | 'resetUserMfa' | 'updateUserAuthGrants'>;

/** How far a workflow has got. */
export interface Progress {
  done: number;
  total: number;
}

/** Options every workflow takes. */
export interface WorkflowOptions<P extends Progress = Progress> {
  /** Stops the workflow: no further request starts; calls in flight are aborted. */
  signal?: AbortSignal;
  /** Called after each step (each request for the reports, each user for bulk actions). */
  onProgress?: (progress: P) => void;
  /** Run from another account. */
  accountSwitchKey?: string;
}

/** A failed call, as plain data. */
export interface ErrorSummary {
  message: string;
  /** The IamError's `kind` (`http`, `network`, `aborted`, `validation`…), else `unknown`. */
  kind: string;
  status: number | null;
}

/** A group, by ID and name. */
export interface GroupRef {
  groupId: number;
  groupName: string;
}

/** One user's effective role on one group. */
export interface AccessRow {
  uiIdentityId: string;
  userName: string;
  email: string;
  name: string;
  groupId: number;
  groupName: string;
  roleId: number;
  roleName: string;
  /** The group whose grant cascades here; `null` for a grant on this group itself. */
  inheritedFrom: GroupRef | null;
}

export interface AccessReport {
  rows: AccessRow[];
  users: number;
  groups: number;
  generatedAt: string;
}

/** Every user's effective role on every group (`listGroups` + `listUsers({ authGrants: true })`). */
export function accessReport(client: WorkflowClient, options?: WorkflowOptions): Promise<AccessReport>;

/** The rows as CSV (header row, CRLF; formula-like cells prefixed with `'`). */
export function accessReportCsv(rows: readonly AccessRow[]): string;

/** A grant a user holds in their own right (not cascaded). */
export interface ExplicitGrant {
  groupId: number;
  groupName?: string;
  roleId: number;
  roleName?: string;
  isBlocked: boolean;
}

/** A user's explicit grants by group, from an `authGrants` tree as IAM returns it. */
export function explicitGrants(authGrants?: readonly unknown[]): Map<number, ExplicitGrant>;

/** The effective grant per group for one user's explicit grants over a `listGroups()` tree. */
export function resolveGrants(tree: readonly Group[], grants: Map<number, ExplicitGrant>,
  roleNames?: Map<number, string>): Omit<AccessRow, 'uiIdentityId' | 'userName' | 'email' | 'name'>[];

export interface ExpiringCredentialsOptions extends WorkflowOptions {
  /** The window, in days from now (default 30). */
  withinDays?: number;
  /** Most `listCredentials` calls at once (default 4). */
  concurrency?: number;
  /** "Now", in milliseconds since the epoch (default `Date.now()`). */
  now?: number;
}

export interface ExpiringCredential {
  clientId: string;
  clientName: string;
  credentialId: number;
  clientToken: string;
  description: string;
  status: string;
  expiresOn: string;
  /** Already expired (yet still active). */
  expired: boolean;
  /** Days left, rounded up (once expired: minus the whole days since).  */
  daysLeft: number;
}

export interface ExpiringCredentials {
  withinDays: number;
  checkedAt: string;
  clients: number;
  items: ExpiringCredential[];
  /** Clients whose credentials could not be listed. */
  failures: { clientId: string; clientName: string; error: ErrorSummary }[];
}

/** Active credentials expiring within the window, or expired, sorted by `expiresOn`. */
export function expiringCredentials(client: WorkflowClient,
  options?: ExpiringCredentialsOptions): Promise<ExpiringCredentials>;

export type BulkActionName = 'lock' | 'unlock' | 'resetMfa' | 'moveToGroup' | 'grantRole' | 'revokeRole';

/** The fields each bulk action needs besides the users. */
export const BULK_ACTIONS: Readonly<Record<BulkActionName, readonly ('groupId' | 'roleId')[]>>;

/** A change request a bulk action sends (or, in a dry run, would send). */
export interface PlannedRequest {
  operation: 'lockUser' | 'unlockUser' | 'resetUserMfa' | 'updateUserAuthGrants';
  method: 'POST' | 'PUT';
  path: string;
  params: { uiIdentityId: string; accountSwitchKey?: string; body?: { groupId: number; roleId: number; isBlocked?: boolean }[] };
  body?: { groupId: number; roleId: number; isBlocked?: boolean }[];
}

export type BulkOutcome = 'planned' | 'done' | 'unchanged' | 'failed' | 'aborted' | 'skipped';

export interface BulkItem {
  uiIdentityId: string;
  outcome: BulkOutcome;
  requests: PlannedRequest[];
  /** Requests sent for this user, retries included. */
  attempts: number;
  error?: ErrorSummary;
}

export interface BulkProgress extends Progress {
  succeeded: number;
  failed: number;
  /** The user just finished. */
  item: BulkItem;
}

export interface BulkActionOptions extends WorkflowOptions<BulkProgress> {
  action: BulkActionName;
  /** The users, by `uiIdentityId` (duplicates are acted on once). */
  users: readonly (string | { uiIdentityId: string })[];
  /** The target group (moveToGroup, grantRole, revokeRole). */
  groupId?: number;
  /** The role (grantRole; moveToGroup, where it defaults to the user's current role). */
  roleId?: number;
  /** Read what is needed and list the requests, send no change. */
  dryRun?: boolean;
  /** Most users in progress at once (default 4). */
  concurrency?: number;
  /** Most sends of one call refused with 429/503 (default 8). */
  maxAttempts?: number;
  /** The first backoff step when the server gives no `Retry-After` (default 250 ms). */
  retryDelayMs?: number;
}

export interface BulkResult {
  action: BulkActionName;
  dryRun: boolean;
  aborted: boolean;
  total: number;
  succeeded: number;
  failed: number;
  skipped: number;
  abortedItems: number;
  /** One per user, in the order given. */
  items: BulkItem[];
}

/** Runs a bulk action; the result lists every user's outcome. */
export function bulkAction(client: WorkflowClient, options: BulkActionOptions): Promise<BulkResult>;
