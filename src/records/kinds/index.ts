/**
 * The record kinds: for each, the schema of its data, the checks beyond the schema, its search
 * keys and its one-line summary. Pure: no database, no clock beyond "today" for dates.
 */
import { cryptoWallet } from './crypto-wallet.ts';
import { cyberIndicator } from './cyber-indicator.ts';
import { financialAccount } from './financial-account.ts';
import { firearm } from './firearm.ts';
import { person } from './person.ts';
import { travelDocument } from './travel-document.ts';
import type { RecordKind } from './types.ts';
import { vehicle } from './vehicle.ts';
import { vessel } from './vessel.ts';
import { workOfArt } from './work-of-art.ts';

export type { FieldMessage, RecordKind, ValidationContext, ValidationOutcome } from './types.ts';

// biome-ignore lint/suspicious/noExplicitAny: each kind has its own data type; callers validate against kind.schema first.
export const RECORD_KINDS: Record<string, RecordKind<any>> = {
  person,
  'travel-document': travelDocument,
  vehicle,
  vessel,
  firearm,
  'work-of-art': workOfArt,
  'crypto-wallet': cryptoWallet,
  'financial-account': financialAccount,
  'cyber-indicator': cyberIndicator,
};

/** The kind of that name, or undefined (also for names such as "constructor" that only exist on Object.prototype). */
export function recordKind(kind: string): RecordKind<unknown> | undefined {
  return Object.hasOwn(RECORD_KINDS, kind) ? RECORD_KINDS[kind] : undefined;
}
