import { type Static, Type } from '@sinclair/typebox';
import { StringEnum } from '../../platform/schema.ts';
import { displayKey, Findings, joined, keysOf, ShortText } from './common.ts';
import type { RecordKind } from './types.ts';

export const FIREARM_TYPES = [
  'pistol',
  'revolver',
  'rifle',
  'shotgun',
  'submachine-gun',
  'machine-gun',
  'launcher',
  'other',
] as const;

export const FirearmData = Type.Object(
  {
    serialNumber: ShortText(
      'Serial number as engraved; case, spaces, dashes and dots are ignored when searching, leading zeros are not',
      60,
    ),
    make: ShortText('Manufacturer, e.g. Glock'),
    model: Type.Optional(ShortText('Model, e.g. 17')),
    calibre: Type.Optional(ShortText('Calibre, e.g. 9×19mm or 12 gauge', 50)),
    type: Type.Optional(StringEnum(FIREARM_TYPES, { description: 'Type of firearm' })),
  },
  {
    additionalProperties: false,
    title: 'RecordDataFirearm',
    description: 'A lost, stolen or trafficked firearm',
  },
);
export type FirearmData = Static<typeof FirearmData>;

export const firearm: RecordKind<FirearmData> = {
  kind: 'firearm',
  title: 'Firearm',
  schema: FirearmData,
  defaultReviewYears: 5,

  validate(data) {
    const findings = new Findings();
    findings.identifier('/serialNumber', 'firearm-serial', data.serialNumber);
    findings.notBlank('/make', data.make);
    findings.notBlank('/model', data.model);
    findings.notBlank('/calibre', data.calibre);
    return findings.result();
  },

  /**
   * The serial alone: serials are unique only per manufacturer, but makes are spelt in too many
   * ways to be part of the key; a hit shows the make for the searcher to compare.
   */
  identifiers(data) {
    return keysOf('firearm-serial', data.serialNumber);
  },

  summary(data) {
    const description = joined([data.make.trim(), data.model, data.calibre && `(${data.calibre})`], ' ');
    return joined([
      `Firearm ${description}`,
      data.type,
      `serial ${displayKey('firearm-serial', data.serialNumber)}`,
    ]);
  },
};
