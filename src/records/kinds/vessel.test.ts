import { describe, expect, it } from 'vitest';
import { check, errorFields, schemaProblems } from './test-support.ts';
import { vessel } from './vessel.ts';

describe('vessel', () => {
  it('accepts a vessel with an IMO number, a hull id or both', () => {
    expect(check(vessel, { imo: 'IMO 9074729', name: 'Ocean Pearl', flag: 'PA' })).toEqual({
      schema: [],
      errors: [],
      warnings: [],
    });
    expect(errorFields(vessel, { hullId: 'FR-ABC12345D404' })).toEqual([]);
    expect(errorFields(vessel, { imo: '9074729', hullId: 'ABC12345D404' })).toEqual([]);
  });

  it('requires an IMO number or a hull id: a name is not an identifier', () => {
    expect(errorFields(vessel, { name: 'Ocean Pearl', flag: 'PA' })).toEqual(['/imo']);
  });

  it('is found by IMO number and hull id', () => {
    expect(vessel.identifiers({ imo: 'imo 907-4729', hullId: 'FR-ABC12345D404' })).toEqual([
      { scheme: 'imo', value: '9074729' },
      { scheme: 'hull', value: 'ABC12345D404' },
    ]);
  });

  it('summarises name, IMO number, hull id and flag', () => {
    expect(vessel.summary({ imo: 'IMO 9074729', name: 'Ocean Pearl', flag: 'PA' })).toBe(
      'Vessel "Ocean Pearl", IMO 9074729, flag PA',
    );
    expect(vessel.summary({ hullId: 'abc12345d404' })).toBe('Vessel, hull ABC12345D404');
  });

  it('rejects a wrong IMO check digit, bad hull ids and flags, unknown fields', () => {
    expect(errorFields(vessel, { imo: 'IMO 9074728' })).toEqual(['/imo']);
    expect(errorFields(vessel, { hullId: 'A#' })).toEqual(['/hullId']);
    expect(errorFields(vessel, { imo: '9074729', flag: 'XX' })).toEqual(['/flag']);
    expect(schemaProblems(vessel, { imo: 9074729 })).not.toEqual([]);
    expect(schemaProblems(vessel, { imo: '9074729', tonnage: 5 })).not.toEqual([]);
  });

  it('reviews vessels after five years', () => {
    expect(vessel.defaultReviewYears).toBe(5);
  });
});
