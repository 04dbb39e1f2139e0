import { describe, expect, it } from 'vitest';
import { check, errorFields, schemaProblems } from './test-support.ts';
import { vehicle } from './vehicle.ts';

const car = {
  vin: '1M8GDM9AXKP042788',
  plate: 'AB-123-CD',
  registrationCountry: 'FR',
  make: 'Toyota',
  model: 'Hilux',
  colour: 'white',
  year: 2019,
};

describe('vehicle', () => {
  it('accepts a vehicle with and without a plate', () => {
    expect(check(vehicle, car)).toEqual({ schema: [], errors: [], warnings: [] });
    expect(check(vehicle, { vin: '1M8GDM9AXKP042788' })).toEqual({ schema: [], errors: [], warnings: [] });
  });

  it('is found by VIN and by plate in its country', () => {
    expect(vehicle.identifiers({ ...car, vin: '1m8 gdm9ax kp042788' })).toEqual([
      { scheme: 'vin', value: '1M8GDM9AXKP042788' },
      { scheme: 'plate', value: 'AB123CD', country: 'FR' },
    ]);
    expect(vehicle.identifiers({ vin: '1M8GDM9AXKP042788' })).toEqual([
      { scheme: 'vin', value: '1M8GDM9AXKP042788' },
    ]);
  });

  it('summarises make, model, year, colour, VIN and plate', () => {
    expect(vehicle.summary(car)).toBe(
      'Vehicle Toyota Hilux 2019, white, VIN 1M8GDM9AXKP042788, plate AB123CD (FR)',
    );
    expect(vehicle.summary({ vin: '1M8GDM9AXKP042788' })).toBe('Vehicle, VIN 1M8GDM9AXKP042788');
  });

  it('only warns about a VIN check digit that does not match', () => {
    const result = check(vehicle, { ...car, vin: 'WVWZZZ1JZXW000001' });
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([{ field: '/vin', message: expect.stringMatching(/check digit/) }]);
  });

  it('rejects invalid VINs', () => {
    expect(errorFields(vehicle, { ...car, vin: '1M8GDM9AXKP0427888' })).toEqual(['/vin']);
    expect(errorFields(vehicle, { ...car, vin: 'X12' })).toEqual(['/vin']);
    expect(errorFields(vehicle, { ...car, vin: '1M8GDM9AXKPO42788' })).toEqual(['/vin']);
    expect(schemaProblems(vehicle, { plate: 'AB123CD', registrationCountry: 'FR' })).not.toEqual([]);
  });

  it('requires the registration country with a plate, and a real one', () => {
    const { registrationCountry: _country, ...plateOnly } = car;
    expect(errorFields(vehicle, plateOnly)).toEqual(['/registrationCountry']);
    expect(errorFields(vehicle, { ...car, registrationCountry: 'XX' })).toEqual([
      '/registrationCountry',
      '/plate',
    ]);
    expect(schemaProblems(vehicle, { ...car, registrationCountry: 'fr' })).not.toEqual([]);
    expect(errorFields(vehicle, { ...car, plate: 'AB*12' })).toEqual(['/plate']);
  });

  it('checks the model year and rejects unknown fields', () => {
    expect(errorFields(vehicle, { ...car, year: new Date().getUTCFullYear() + 1 })).toEqual([]);
    expect(errorFields(vehicle, { ...car, year: new Date().getUTCFullYear() + 2 })).toEqual(['/year']);
    expect(schemaProblems(vehicle, { ...car, year: 1800 })).not.toEqual([]);
    expect(schemaProblems(vehicle, { ...car, year: '2019' })).not.toEqual([]);
    expect(schemaProblems(vehicle, { ...car, owner: 'x' })).not.toEqual([]);
    expect(errorFields(vehicle, { ...car, make: '  ' })).toEqual(['/make']);
  });

  it('reviews vehicles after five years', () => {
    expect(vehicle.defaultReviewYears).toBe(5);
  });
});
