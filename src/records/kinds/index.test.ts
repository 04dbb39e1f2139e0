import { describe, expect, it } from 'vitest';
import { RECORD_KINDS, recordKind } from './index.ts';
import { schemaProblems } from './test-support.ts';

/** A valid example of every kind, as another system would send it. */
const EXAMPLES: Record<string, unknown> = {
  person: { names: [{ full: 'Anna Eriksson' }], status: 'wanted' },
  'travel-document': { number: 'P1234567', type: 'passport', issuingCountry: 'FR', status: 'stolen' },
  vehicle: { vin: '1M8GDM9AXKP042788', plate: 'AB-123-CD', registrationCountry: 'FR' },
  vessel: { imo: '9074729' },
  firearm: { serialNumber: 'ABC123', make: 'Glock' },
  'work-of-art': { title: 'Landscape', objectType: 'painting' },
  'crypto-wallet': { chain: 'ethereum', address: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed' },
  'financial-account': { iban: 'DE89370400440532013000' },
  'cyber-indicator': { type: 'domain', value: 'evil.example' },
};

interface JsonSchemaNode {
  type?: string;
  properties?: Record<string, JsonSchemaNode>;
  items?: JsonSchemaNode;
  additionalProperties?: boolean;
  description?: string;
}

/** Every object in a schema, with its path. */
function objects(node: JsonSchemaNode, path = ''): [string, JsonSchemaNode][] {
  const here: [string, JsonSchemaNode][] = node.type === 'object' ? [[path || '/', node]] : [];
  const children = Object.entries(node.properties ?? {}).flatMap(([name, child]) =>
    objects(child, `${path}/${name}`),
  );
  return [...here, ...children, ...(node.items ? objects(node.items, `${path}/*`) : [])];
}

describe('record kinds', () => {
  it('has the nine kinds of the issue', () => {
    expect(Object.keys(RECORD_KINDS).sort()).toEqual(
      [
        'crypto-wallet',
        'cyber-indicator',
        'financial-account',
        'firearm',
        'person',
        'travel-document',
        'vehicle',
        'vessel',
        'work-of-art',
      ].sort(),
    );
    for (const [name, kind] of Object.entries(RECORD_KINDS)) {
      expect(kind.kind).toBe(name);
      expect(kind.title.length).toBeGreaterThan(0);
    }
  });

  it('looks kinds up by name, and only kinds', () => {
    expect(recordKind('vehicle')?.kind).toBe('vehicle');
    expect(recordKind('spaceship')).toBeUndefined();
    expect(recordKind('constructor')).toBeUndefined();
    expect(recordKind('toString')).toBeUndefined();
  });

  it('reviews persons after 5 years, travel documents after 10, the rest after 5', () => {
    const years = Object.fromEntries(
      Object.entries(RECORD_KINDS).map(([name, kind]) => [name, kind.defaultReviewYears]),
    );
    expect(years).toEqual({
      person: 5,
      'travel-document': 10,
      vehicle: 5,
      vessel: 5,
      firearm: 5,
      'work-of-art': 5,
      'crypto-wallet': 5,
      'financial-account': 5,
      'cyber-indicator': 5,
    });
  });

  it('closes every object in every schema and describes every field (for OpenAPI)', () => {
    for (const [name, kind] of Object.entries(RECORD_KINDS)) {
      for (const [path, node] of objects(kind.schema as JsonSchemaNode)) {
        expect(node.additionalProperties, `${name} ${path}`).toBe(false);
        for (const [field, child] of Object.entries(node.properties ?? {})) {
          const described = child.description ?? child.items?.description;
          expect(
            described ?? (child.type === 'object' || child.items ? 'nested' : undefined),
            `${name} ${path}/${field}`,
          ).toBeDefined();
        }
      }
    }
  });

  it('accepts a valid example of every kind and gives it a summary', () => {
    for (const [name, kind] of Object.entries(RECORD_KINDS)) {
      const data = EXAMPLES[name];
      expect(schemaProblems(kind, data), name).toEqual([]);
      expect(kind.validate(data, { ownerCountry: 'FR', ownerKind: 'bureau' }).errors, name).toEqual([]);
      expect(kind.summary(data).length, name).toBeGreaterThan(0);
      expect(kind.summary(data).length, name).toBeLessThanOrEqual(300);
    }
  });

  it('rejects data that is not an object', () => {
    for (const kind of Object.values(RECORD_KINDS)) {
      for (const data of [null, 'x', 42, []]) expect(schemaProblems(kind, data)).not.toEqual([]);
    }
  });
});
