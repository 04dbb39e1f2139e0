import { describe, expect, it } from 'vitest';
import { type FirearmData, firearm } from './firearm.ts';
import { check, errorFields, schemaProblems } from './test-support.ts';

const pistol: FirearmData = {
  serialNumber: 'ABC-00123',
  make: 'Glock',
  model: '17',
  calibre: '9×19mm',
  type: 'pistol',
};

describe('firearm', () => {
  it('accepts a firearm with a serial number and a make', () => {
    expect(check(firearm, pistol)).toEqual({ schema: [], errors: [], warnings: [] });
    expect(errorFields(firearm, { serialNumber: '00123', make: 'Beretta' })).toEqual([]);
  });

  it('is found by its serial number, leading zeros kept', () => {
    expect(firearm.identifiers(pistol)).toEqual([{ scheme: 'firearm-serial', value: 'ABC00123' }]);
    expect(firearm.identifiers({ serialNumber: '00123', make: 'Beretta' })).toEqual([
      { scheme: 'firearm-serial', value: '00123' },
    ]);
  });

  it('summarises make, model, calibre, type and serial', () => {
    expect(firearm.summary(pistol)).toBe('Firearm Glock 17 (9×19mm), pistol, serial ABC00123');
    expect(firearm.summary({ serialNumber: '1', make: 'Beretta' })).toBe('Firearm Beretta, serial 1');
  });

  it('requires serial number and make, and checks the rest', () => {
    expect(schemaProblems(firearm, { make: 'Glock' })).not.toEqual([]);
    expect(schemaProblems(firearm, { serialNumber: '1' })).not.toEqual([]);
    expect(errorFields(firearm, { ...pistol, serialNumber: 'AB#1' })).toEqual(['/serialNumber']);
    expect(errorFields(firearm, { ...pistol, make: ' ' })).toEqual(['/make']);
    expect(schemaProblems(firearm, { ...pistol, type: 'cannon' })).not.toEqual([]);
    expect(schemaProblems(firearm, { ...pistol, owner: 'x' })).not.toEqual([]);
  });

  it('reviews firearms after five years', () => {
    expect(firearm.defaultReviewYears).toBe(5);
  });
});
