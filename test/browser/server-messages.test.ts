/**
 * The server's English field messages said in the reader's language (web/src/i18n/server-messages.ts),
 * checked against the sentences the server writes.
 */
import { describe, expect, it } from 'vitest';
import { localiseServerMessage } from '../../web/src/i18n/server-messages.ts';

describe('server messages in the reader’s language', () => {
  const partner =
    'PARTNER-SENTINEL is a private partner, not a police member: it will read this person record in full — share personal data with a company only where your law allows it';

  it('says the warning about sharing with a private partner in French, Spanish and Arabic', () => {
    expect(localiseServerMessage(partner, 'fr')).toMatch(
      /^PARTNER-SENTINEL est un partenaire privé.*\(person\)/,
    );
    expect(localiseServerMessage(partner, 'es')).toMatch(/^PARTNER-SENTINEL es un socio privado/);
    expect(localiseServerMessage(partner, 'ar')).toMatch(/^PARTNER-SENTINEL شريك خاص/);
    expect(localiseServerMessage(partner, 'en')).toBe(partner);
  });

  it('leaves a message it does not know as the server wrote it', () => {
    expect(localiseServerMessage('a rule of one kind of record', 'fr')).toBe('a rule of one kind of record');
  });
});
