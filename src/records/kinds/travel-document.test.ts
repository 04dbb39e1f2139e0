import { describe, expect, it } from 'vitest';
import { check, errorFields, FRENCH_BUREAU, schemaProblems } from './test-support.ts';
import { type TravelDocumentData, travelDocument } from './travel-document.ts';

const passport: TravelDocumentData = {
  number: '19FF12345',
  type: 'passport',
  issuingCountry: 'FR',
  status: 'stolen',
};

// The ICAO TD3 specimen with Utopia replaced by France and the check digits recomputed where needed.
const FRENCH_MRZ =
  'P<FRAERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36FRA7408122F1204159ZE184226B<<<<<10';

describe('travel document', () => {
  it('accepts a document recorded by the issuing country’s bureau or one of its units', () => {
    expect(check(travelDocument, passport)).toEqual({ schema: [], errors: [], warnings: [] });
    expect(errorFields(travelDocument, passport, { ownerCountry: 'FR', ownerKind: 'unit' })).toEqual([]);
  });

  it('refuses a document issued by another country', () => {
    const result = check(travelDocument, { ...passport, issuingCountry: 'DE' });
    expect(result.errors).toEqual([
      { field: '/issuingCountry', message: expect.stringMatching(/only a bureau \(or unit\) of DE/) },
    ]);
  });

  it('refuses the secretariat, international organisations and partners', () => {
    for (const ownerKind of ['secretariat', 'international-organisation', 'partner']) {
      expect(errorFields(travelDocument, passport, { ownerCountry: null, ownerKind })).toEqual([
        '/issuingCountry',
      ]);
    }
    expect(errorFields(travelDocument, passport, { ownerCountry: 'FR', ownerKind: 'partner' })).toEqual([
      '/issuingCountry',
    ]);
  });

  it('is found by its number, scoped by the issuing country', () => {
    expect(travelDocument.identifiers({ ...passport, number: '19ff-12345' })).toEqual([
      { scheme: 'document', value: '19FF12345', country: 'FR' },
    ]);
  });

  it('summarises type, number, country and status', () => {
    expect(travelDocument.summary(passport)).toBe('Passport 19FF12345 (FR), stolen');
    expect(travelDocument.summary({ ...passport, type: 'id-card', status: 'lost', number: 'x 12' })).toBe(
      'Identity card X12 (FR), lost',
    );
    expect(travelDocument.summary({ ...passport, type: 'blank-document' })).toBe(
      'Blank document 19FF12345 (FR), stolen',
    );
  });

  it('checks its fields', () => {
    expect(errorFields(travelDocument, { ...passport, number: '#1' })).toEqual(['/number']);
    expect(schemaProblems(travelDocument, { ...passport, type: 'driving-licence' })).not.toEqual([]);
    expect(schemaProblems(travelDocument, { ...passport, status: 'found' })).not.toEqual([]);
    expect(schemaProblems(travelDocument, { ...passport, issuingCountry: 'FRA' })).not.toEqual([]);
    expect(schemaProblems(travelDocument, { ...passport, expiryDate: '2030-02-30' })).not.toEqual([]);
    expect(schemaProblems(travelDocument, { ...passport, colour: 'red' })).not.toEqual([]);
    const { status: _status, ...withoutStatus } = passport;
    expect(schemaProblems(travelDocument, withoutStatus)).not.toEqual([]);
    expect(
      errorFields(
        travelDocument,
        { ...passport, issuingCountry: 'XX' },
        { ownerCountry: 'XX', ownerKind: 'bureau' },
      ),
    ).toEqual(['/issuingCountry']);
  });

  it('rejects an expiry before the issue date', () => {
    expect(
      errorFields(travelDocument, { ...passport, issueDate: '2020-01-01', expiryDate: '2030-01-01' }),
    ).toEqual([]);
    expect(
      errorFields(travelDocument, { ...passport, issueDate: '2020-01-01', expiryDate: '2019-12-31' }),
    ).toEqual(['/expiryDate']);
  });

  describe('with an MRZ', () => {
    const fromMrz = {
      number: 'L898902C3',
      type: 'passport',
      issuingCountry: 'FR',
      status: 'stolen',
      mrz: FRENCH_MRZ,
    };

    it('accepts an MRZ that agrees with number and country', () => {
      expect(check(travelDocument, fromMrz)).toEqual({ schema: [], errors: [], warnings: [] });
      expect(errorFields(travelDocument, { ...fromMrz, number: 'l898-902-c3' })).toEqual([]);
    });

    it('rejects an MRZ with another number or country, or that is not an MRZ', () => {
      expect(errorFields(travelDocument, { ...fromMrz, number: 'L898902C4' })).toEqual(['/mrz']);
      const german = FRENCH_MRZ.replaceAll('FRA', 'D<<');
      expect(check(travelDocument, { ...fromMrz, mrz: german }).errors).toEqual([
        { field: '/mrz', message: expect.stringMatching(/issuing country DE is not FR/) },
      ]);
      expect(errorFields(travelDocument, { ...fromMrz, mrz: 'not an mrz' })).toEqual(['/mrz']);
    });

    it('warns about failing check digits, a different type and a different expiry', () => {
      const badDigit = FRENCH_MRZ.replace('7408122', '7408123');
      expect(check(travelDocument, { ...fromMrz, mrz: badDigit }).warnings).toEqual([
        { field: '/mrz', message: expect.stringMatching(/check digits do not match \(date of birth/) },
      ]);
      expect(check(travelDocument, { ...fromMrz, type: 'id-card' }).warnings).toEqual([
        { field: '/type', message: 'the MRZ says passport' },
      ]);
      expect(check(travelDocument, { ...fromMrz, expiryDate: '2013-04-15' }).warnings).toEqual([
        { field: '/expiryDate', message: 'the MRZ says the document expires on 2012-04-15' },
      ]);
    });
  });

  it('reviews travel documents after ten years', () => {
    expect(travelDocument.defaultReviewYears).toBe(10);
    expect(FRENCH_BUREAU.ownerCountry).toBe('FR');
  });
});
