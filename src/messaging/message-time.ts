import { firstIdAt } from '../platform/ids.ts';

/**
 * A message's id is a UUIDv7 whose time is within this of its `sent_at`: the server makes a
 * server-held message's id at the instant it records as sent, and refuses a self-held
 * sender's id whose time is further than this from the server's clock (send.ts). Mailboxes
 * are indexed by message id, so a window of sending times is also a range of ids.
 */
export const MESSAGE_ID_SKEW_MS = 10 * 60_000;

/**
 * The ids a window of sending times can hold, widened by the skew: a filter on `sent_at` alone
 * made a mailbox read walk its copies newest first until it had a page (a window long ago,
 * or one with nothing in it, read every copy of the mailbox).
 */
export function idBoundsOf(since: string | undefined, until: string | undefined) {
  // The schema checked both as date-times; an instant Date cannot hold bounds nothing.
  const from = since ? Date.parse(since) : Number.NaN;
  const to = until ? Date.parse(until) : Number.NaN;
  return {
    ...(Number.isFinite(from) ? { lowest: firstIdAt(from - MESSAGE_ID_SKEW_MS) } : {}),
    ...(Number.isFinite(to) ? { below: firstIdAt(to + MESSAGE_ID_SKEW_MS) } : {}),
  };
}
