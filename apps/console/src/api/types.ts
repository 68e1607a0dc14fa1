// The JSON of /console/api (the console contract, issue 16): what the pages read and send.

export type StaffRole = 'admin' | 'support' | 'auditor';

export interface Account {
  id: string;
  email: string;
  displayName: string;
  role: StaffRole;
  tenantId: string | null;
}

export interface Session {
  account: Account;
  csrfToken: string;
  /** Present when the api sends them (libs/auth permissionsOf); otherwise derived from the role. */
  permissions?: string[];
}

export type Outcome = 'sent' | 'delivered' | 'read' | 'failed' | 'refused' | 'pending';

export interface MessageItem {
  notificationId: string;
  eventId: string;
  eventType: string;
  reference: string | null;
  phoneMasked: string | null;
  template: string | null;
  language: string | null;
  outcome: Outcome;
  reason: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Explanation {
  code: string;
  params?: Record<string, string | number | null | undefined>;
}

export interface StoryStep {
  seq: number | null;
  type: string;
  version: number;
  at: string;
  body: Record<string, unknown>;
  explanation: Explanation;
}

export interface Anchoring {
  anchoredSize: number;
  txHash: string;
  blockNumber: number;
  chainId: number;
  contract: string;
}

export interface MessageStory extends MessageItem {
  story: StoryStep[];
  anchoring: Anchoring | null;
  proofUrl: string;
  verifyUrl?: string;
  chain?: { rpcUrl: string | null; verifierKey: string | null };
}

export interface ConsentChange {
  state: 'opt_in' | 'opt_out';
  at: string;
  source: string;
  seq: number | null;
}

export interface ConsentState {
  category: string;
  state: 'opt_in' | 'opt_out' | 'none';
  since: string | null;
  history: ConsentChange[];
}

export interface Contact {
  window: { open: boolean; until: string | null };
  consents: ConsentState[];
  recentMessages: MessageItem[];
  erasure: { keeps: string[] };
}

export interface TemplateRow {
  name: string;
  language: string;
  status: string;
  category: string | null;
  quality: string | null;
  parameterFormat?: string;
  components?: unknown[];
}

export interface Binding {
  eventType: string;
  templates: { name: string; language: string }[];
  variables: Record<string, string>;
  condition?: { newStatus?: string[] };
  userGroups?: string[];
  media?: { link: string; filename?: string };
}

export interface RenderedMessage {
  template?: { name: string; language: string };
  header?: { type: 'text'; text: string } | { type: 'image' | 'video' | 'document'; link: string };
  body: string;
  footer?: string;
  buttons: { type: string; text: string; url?: string }[];
}

export interface Preview {
  rendered: RenderedMessage;
  sampleEvent: Record<string, unknown>;
}

export interface OverviewDay {
  day: string;
  sent: number;
  delivered: number;
  read: number;
  failed: number;
  /** Absent from older answers. */
  pending?: number;
  refused: Record<string, number>;
}

export interface Overview {
  perDay: OverviewDay[];
  perPricingCategory: { day: string; category: string; n: number }[];
  anchoring: { latestAnchoredSize: number | null; latestBlock: number | null; ledgerSize: number; lagEntries: number; lagSeconds: number | null };
}

export interface HistoryEntry {
  seq: number | null;
  at: string;
  type: string;
  actor: { kind: string; id: string; label: string | null } | null;
  summary?: Record<string, string | number | boolean | null>;
  explanation?: Explanation;
}

export interface StaffRow {
  id: string;
  email: string;
  displayName: string;
  role: StaffRole;
  disabledAt: string | null;
  createdAt: string;
}

export interface ApiKeyRow {
  id: string;
  role: string;
  label?: string | null;
  prefix?: string | null;
  createdAt: string;
  revokedAt: string | null;
}

export interface FieldError {
  field: string;
  message: string;
}
