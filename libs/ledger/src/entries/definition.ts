import type { JSONSchema } from 'json-schema-to-ts';
import type { JsonObject } from '../entry.js';
import type { NewLedgerEntry } from '../ledger-records.js';

/**
 * What one entry type means, for producers, readers and auditors alike. A type's meaning never
 * changes once entries of it exist: a new meaning is a new version, written with its own `type`
 * (see entryTypeName), while the entries already in the log keep verifying against their own.
 */
export interface EntryDefinition {
  /** The type's name, e.g. `message.submitted`. */
  name: string;
  version: number;
  /** One line: what the entry records. */
  title: string;
  /** JSON Schema (draft 2020-12) of the entry's body; the envelope is the same for every type. */
  body: JSONSchema & object;
  /**
   * An entry about one person (it carries a subject reference): erasure crypto-shreds it whole,
   * salt and body, leaving only its leaf hash in the tree.
   */
  aboutSubject: boolean;
  /** JSON Pointers (into the body) of the fields that are personal data. */
  personal: readonly string[];
  /** What an auditor may conclude from the entry being in the log. */
  proves: string;
  /** What it does not show, however tempting the reading. */
  doesNotProve: string;
  /** A body as the service writes it. */
  example: JsonObject;
  /**
   * The non-personal facts of a conforming body for a one-line timeline (template, decision,
   * status, Meta's error code, wamid): never a phone number or a name.
   */
  facts(body: never): string[];
}

/**
 * The `type` an entry carries. Version 1 of every type is written with the bare name, as every
 * entry has been since the log began: no entry's canonical form, leaf or anchor changes. A later
 * version N is written `<name>/v<N>`, so an entry always names the meaning it was written with.
 */
export function entryTypeName(name: string, version: number): string {
  return version === 1 ? name : `${name}/v${version}`;
}

/** The inverse of entryTypeName; null for text that is not a type name. */
export function parseEntryTypeName(type: string): { name: string; version: number } | null {
  const m = /^([a-z][a-z_]*(?:\.[a-z][a-z_]*)+)(?:\/v([2-9]|[1-9][0-9]+))?$/.exec(type);
  return m ? { name: m[1], version: m[2] === undefined ? 1 : Number(m[2]) } : null;
}

/** Wraps a typed body as an entry to append. */
export function newEntry(
  def: EntryDefinition,
  body: object,
  where: { tenantId: string | null; occurredAt: Date; subjectPhone?: string | null },
): NewLedgerEntry {
  if (def.aboutSubject && !where.subjectPhone) throw new TypeError(`a ${def.name} entry is about a person: its subject's number is required`);
  return {
    type: entryTypeName(def.name, def.version) as NewLedgerEntry['type'],
    tenantId: where.tenantId,
    subjectPhone: def.aboutSubject ? where.subjectPhone : null,
    occurredAt: where.occurredAt,
    body: body as JsonObject,
  };
}
