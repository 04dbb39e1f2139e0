import { type Static, Type } from '@sinclair/typebox';
import { Country, displayKey, Findings, joined, keysOf, ShortText } from './common.ts';
import type { RecordKind } from './types.ts';

export const VesselData = Type.Object(
  {
    imo: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 20,
        description: 'IMO ship identification number, e.g. "IMO 9074729" or "9074729"',
      }),
    ),
    hullId: Type.Optional(
      ShortText(
        'Hull identification number (ISO 10087 HIN/CIN, e.g. "FR-ABC12345D404") or the shipyard hull number',
        30,
      ),
    ),
    name: Type.Optional(ShortText('Name of the vessel')),
    flag: Type.Optional(Country('Flag state, ISO 3166-1 alpha-2')),
  },
  {
    additionalProperties: false,
    title: 'RecordDataVessel',
    description: 'A stolen or wanted vessel; at least one of imo and hullId is required',
  },
);
export type VesselData = Static<typeof VesselData>;

export const vessel: RecordKind<VesselData> = {
  kind: 'vessel',
  title: 'Vessel',
  schema: VesselData,
  defaultReviewYears: 5,

  validate(data) {
    const findings = new Findings();
    // A name alone is not an identifier: many vessels share one, and they are renamed.
    if (data.imo === undefined && data.hullId === undefined) {
      findings.error('/imo', 'give the IMO number or the hull identification number (hullId)');
    }
    if (data.imo !== undefined) findings.identifier('/imo', 'imo', data.imo);
    if (data.hullId !== undefined) findings.identifier('/hullId', 'hull', data.hullId);
    findings.country('/flag', data.flag);
    findings.notBlank('/name', data.name);
    return findings.result();
  },

  identifiers(data) {
    return [...keysOf('imo', data.imo), ...keysOf('hull', data.hullId)];
  },

  summary(data) {
    return joined([
      `Vessel${data.name ? ` "${data.name.trim()}"` : ''}`,
      data.imo && `IMO ${displayKey('imo', data.imo)}`,
      data.hullId && `hull ${displayKey('hull', data.hullId)}`,
      data.flag && `flag ${data.flag}`,
    ]);
  },
};
