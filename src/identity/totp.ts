import { generate, generateSecret, generateURI, verify } from 'otplib';

/** TOTP per RFC 6238 with the authenticator apps' defaults (SHA-1, 6 digits, 30 s). */
export function newTotpSecret(): string {
  return generateSecret();
}

export function totpUri(secret: string, account: string, issuer = 'Concord'): string {
  return generateURI({ issuer, label: account, secret });
}

export function totpCode(secret: string, now: Date): Promise<string> {
  return generate({ secret, epoch: Math.floor(now.getTime() / 1000) });
}

/**
 * Returns the RFC 6238 time step the code belongs to, or null when it is wrong.
 * One step of clock drift either way is accepted. Callers reject a step at or before
 * the last one used, so that an overheard code cannot be replayed.
 */
export async function verifyTotp(secret: string, token: string, now: Date): Promise<number | null> {
  const result = await verify({ secret, token, epoch: Math.floor(now.getTime() / 1000), epochTolerance: 30 });
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}
