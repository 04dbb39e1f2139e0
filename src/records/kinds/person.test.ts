import { describe, expect, it } from 'vitest';
import { type PersonData, person } from './person.ts';
import { check, errorFields, schemaProblems } from './test-support.ts';

const minimal: PersonData = { names: [{ full: 'Anna Maria Eriksson' }], status: 'wanted' };
const full: PersonData = {
  names: [
    { full: 'Анна Эрикссон', script: 'Cyrl', type: 'original-script', given: 'Анна', family: 'Эрикссон' },
    { full: 'Anna Eriksson', script: 'Latn', type: 'birth', given: 'Anna', family: 'Eriksson' },
    { full: 'The Swede', type: 'alias' },
  ],
  sex: 'F',
  dateOfBirth: '1974-08-12',
  placeOfBirth: 'Uppsala',
  countryOfBirth: 'SE',
  nationalities: ['SE', 'FI'],
  documents: [{ number: 'L898 902 C3', type: 'passport', issuingCountry: 'SE' }],
  marks: ['scar on the left hand'],
  photos: ['0190a6c4-8f5e-7000-8000-000000000001'],
  status: 'missing',
};

describe('person', () => {
  it('accepts a minimal and a full person', () => {
    expect(check(person, minimal)).toEqual({ schema: [], errors: [], warnings: [] });
    expect(check(person, full)).toEqual({ schema: [], errors: [], warnings: [] });
  });

  it('is found by the numbers of its documents, scoped by issuing country', () => {
    expect(person.identifiers(full)).toEqual([{ scheme: 'document', value: 'L898902C3', country: 'SE' }]);
    expect(person.identifiers(minimal)).toEqual([]);
  });

  it('summarises status, main name, date of birth and nationalities', () => {
    expect(person.summary(full)).toBe('Missing: Анна Эрикссон (born 1974-08-12, SE/FI)');
    expect(person.summary(minimal)).toBe('Wanted: Anna Maria Eriksson');
    expect(person.summary({ ...minimal, status: 'known-offender' })).toBe(
      'Known offender: Anna Maria Eriksson',
    );
  });

  it('accepts partial dates of birth', () => {
    for (const dateOfBirth of ['1974', '1974-08', '1974-08-12', '2000-02-29']) {
      expect(errorFields(person, { ...minimal, dateOfBirth })).toEqual([]);
    }
  });

  it('rejects dates of birth that are not real or in the future', () => {
    for (const dateOfBirth of [
      '1974-13',
      '1974-00',
      '1974-02-30',
      '1900-02-29',
      '3000',
      '3000-01-01',
      '0000',
      '1849-12-31',
    ]) {
      expect(errorFields(person, { ...minimal, dateOfBirth })).toEqual(['/dateOfBirth']);
    }
    const nextYear = String(new Date().getUTCFullYear() + 1);
    expect(errorFields(person, { ...minimal, dateOfBirth: nextYear })).toEqual(['/dateOfBirth']);
    for (const badShape of ['12/08/1974', '74-08-12', '1974-8-12', '']) {
      expect(schemaProblems(person, { ...minimal, dateOfBirth: badShape })).not.toEqual([]);
    }
  });

  it('warns about an implausibly early date of birth', () => {
    expect(check(person, { ...minimal, dateOfBirth: '1850' }).warnings).toEqual([
      { field: '/dateOfBirth', message: expect.stringMatching(/more than 120 years/) },
    ]);
  });

  it('requires at least one name, and names that are not blank', () => {
    expect(schemaProblems(person, { ...minimal, names: [] })).not.toEqual([]);
    expect(schemaProblems(person, { status: 'wanted' })).not.toEqual([]);
    expect(errorFields(person, { ...minimal, names: [{ full: '   ' }] })).toEqual(['/names/0/full']);
  });

  it('checks codes: countries, scripts, statuses, sexes and name types', () => {
    expect(errorFields(person, { ...minimal, nationalities: ['SE', 'XX'] })).toEqual(['/nationalities/1']);
    expect(errorFields(person, { ...minimal, countryOfBirth: 'QQ' })).toEqual(['/countryOfBirth']);
    expect(schemaProblems(person, { ...minimal, nationalities: ['se'] })).not.toEqual([]);
    expect(schemaProblems(person, { ...minimal, nationalities: ['SE', 'SE'] })).not.toEqual([]);
    expect(schemaProblems(person, { ...minimal, names: [{ full: 'A', script: 'latin' }] })).not.toEqual([]);
    expect(schemaProblems(person, { ...minimal, names: [{ full: 'A', type: 'nickname' }] })).not.toEqual([]);
    expect(schemaProblems(person, { ...minimal, status: 'dangerous' })).not.toEqual([]);
    expect(schemaProblems(person, { ...minimal, sex: 'f' })).not.toEqual([]);
    expect(schemaProblems(person, { ...minimal, sex: 'female' })).not.toEqual([]);
  });

  it('checks the numbers and countries of its documents', () => {
    const withDocument = (document: object) => ({ ...minimal, documents: [document] });
    expect(
      errorFields(person, withDocument({ number: 'AB#1', type: 'passport', issuingCountry: 'SE' })),
    ).toEqual(['/documents/0/number']);
    expect(
      errorFields(person, withDocument({ number: 'AB1', type: 'passport', issuingCountry: 'XX' })),
    ).toEqual(['/documents/0/issuingCountry']);
    expect(schemaProblems(person, withDocument({ number: 'AB1', type: 'passport' }))).not.toEqual([]);
  });

  it('rejects unknown fields', () => {
    expect(schemaProblems(person, { ...minimal, height: 180 })).not.toEqual([]);
    expect(schemaProblems(person, { ...minimal, names: [{ full: 'A', middle: 'B' }] })).not.toEqual([]);
  });

  it('reviews persons after five years', () => {
    expect(person.defaultReviewYears).toBe(5);
  });
});
