import type { EventVariableName, PasswebEventType } from '#sigillo/passweb';
import type { PlaceholderSlot } from '#sigillo/whatsapp';

/** Which template answers an event type, and how its placeholders are filled. */
export interface Binding {
  eventType: PasswebEventType;
  /** One per language; the recipient's language picks it, else the tenant's default. */
  templates: { name: string; language: string }[];
  /** Placeholder slot → event variable; at most 5 mapped variables (Passweb's limit). */
  variables: Partial<Record<PlaceholderSlot, EventVariableName>>;
  /** Only events whose data match, e.g. `{ newStatus: ['shipped', 'delivered'] }`. */
  condition?: { newStatus?: string[] };
  /** Only recipients in one of these Passweb user groups. */
  userGroups?: string[];
  /** Link (and file name) for a media header (IMAGE, VIDEO, DOCUMENT). */
  media?: { link: string; filename?: string };
}

export const MAX_MAPPED_VARIABLES = 5;
