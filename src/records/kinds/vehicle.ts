import { type Static, Type } from '@sinclair/typebox';
import { Country, displayKey, Findings, joined, keysOf, ShortText, today } from './common.ts';
import type { RecordKind } from './types.ts';

/** Karl Benz's Patent-Motorwagen. */
const FIRST_MOTOR_VEHICLE_YEAR = 1886;

export const VehicleData = Type.Object(
  {
    vin: Type.String({
      minLength: 1,
      maxLength: 40,
      description:
        'Vehicle identification number (ISO 3779), 17 characters; spaces and dashes are ignored. A check digit that does not match is a warning, not an error; a shorter chassis number (5–16 letters and digits: vehicles before 1981) is kept with a warning',
    }),
    plate: Type.Optional(ShortText('Registration plate as shown; requires registrationCountry', 30)),
    registrationCountry: Type.Optional(Country('Country of registration of the plate, ISO 3166-1 alpha-2')),
    make: Type.Optional(ShortText('Manufacturer, e.g. Toyota')),
    model: Type.Optional(ShortText('Model, e.g. Hilux')),
    colour: Type.Optional(ShortText('Main colour', 50)),
    year: Type.Optional(
      Type.Integer({ minimum: FIRST_MOTOR_VEHICLE_YEAR, maximum: 2200, description: 'Model year' }),
    ),
  },
  {
    additionalProperties: false,
    title: 'RecordDataVehicle',
    description: 'A stolen or wanted motor vehicle',
  },
);
export type VehicleData = Static<typeof VehicleData>;

export const vehicle: RecordKind<VehicleData> = {
  kind: 'vehicle',
  title: 'Vehicle',
  schema: VehicleData,
  defaultReviewYears: 5,

  validate(data) {
    const findings = new Findings();
    findings.identifier('/vin', 'vin', data.vin);
    findings.country('/registrationCountry', data.registrationCountry);
    if (data.plate !== undefined) {
      // A plate means nothing without its country: the same plate is issued in many.
      if (data.registrationCountry === undefined)
        findings.error('/registrationCountry', 'is required when a plate is given');
      else findings.identifier('/plate', 'plate', data.plate, { country: data.registrationCountry });
    }
    // Model years run at most one year ahead of the calendar.
    const latestModelYear = Number(today().slice(0, 4)) + 1;
    if (data.year !== undefined && data.year > latestModelYear)
      findings.error('/year', `cannot be later than ${latestModelYear}`);
    for (const field of ['make', 'model', 'colour'] as const) findings.notBlank(`/${field}`, data[field]);
    return findings.result();
  },

  identifiers(data) {
    const plate = data.plate !== undefined && data.registrationCountry !== undefined;
    return [
      ...keysOf('vin', data.vin),
      ...(plate ? keysOf('plate', data.plate, { country: data.registrationCountry }) : []),
    ];
  },

  summary(data) {
    const description = joined(
      [data.make, data.model, data.year === undefined ? undefined : String(data.year)],
      ' ',
    );
    const plate =
      data.plate &&
      `plate ${displayKey('plate', data.plate)}${data.registrationCountry ? ` (${data.registrationCountry})` : ''}`;
    return joined([
      `Vehicle${description ? ` ${description}` : ''}`,
      data.colour,
      `VIN ${displayKey('vin', data.vin)}`,
      plate,
    ]);
  },
};
