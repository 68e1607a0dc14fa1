import { entryTypeName } from '#sigillo/ledger';
import { entrySchema, JSON_SCHEMA_DIALECT, ENTRY_DEFINITIONS } from '#sigillo/ledger';

export interface LedgerSchemaIndexItem {
  type: string;
  name: string;
  version: number;
  title: string;
  aboutSubject: boolean;
  personal: readonly string[];
  schema: string;
}

/** GET /v1/ledger/schemas: every entry type and version with the address of its schema. */
export function ledgerSchemaIndex(): { dialect: string; reference: string; entries: LedgerSchemaIndexItem[] } {
  return {
    dialect: JSON_SCHEMA_DIALECT,
    reference: 'docs/ledger-entries.md',
    entries: ENTRY_DEFINITIONS.map((d) => ({
      type: entryTypeName(d.name, d.version),
      name: d.name,
      version: d.version,
      title: d.title,
      aboutSubject: d.aboutSubject,
      personal: d.personal,
      schema: `/v1/ledger/schemas/${d.name}/${d.version}`,
    })),
  };
}

const schemas = new Map(ENTRY_DEFINITIONS.map((d) => [`${d.name}/${d.version}`, entrySchema(d)]));

/** The whole-entry JSON Schema of one type and version (as in docs/schemas/ledger), or null. */
export function ledgerSchema(name: string, version: string): Record<string, unknown> | null {
  if (!/^[1-9][0-9]{0,5}$/.test(version)) return null;
  return schemas.get(`${name}/${Number(version)}`) ?? null;
}
