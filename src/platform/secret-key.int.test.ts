import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testDatabaseUrl } from '../../test/helpers.ts';
import { closeContext, createContext } from './bootstrap.ts';
import { ConfigError, loadConfig } from './config.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-secret-key-'));
const database = await testDatabaseUrl();
afterAll(async () => {
  await database.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const configWith = (secretKey: string) =>
  loadConfig({
    LOG_LEVEL: 'silent',
    CONCORD_DATA_DIR: path.join(dir, 'data'),
    CONCORD_SECRET_KEY: secretKey,
    ...(database.url ? { DATABASE_URL: database.url } : {}),
  });

describe('the secret key', () => {
  it('is the same for every process of a deployment: one with another key does not start', async () => {
    const key = randomBytes(32).toString('base64');
    // A command run first, with a key of its own, does not tie the database to it.
    await closeContext(await createContext(configWith(randomBytes(32).toString('base64'))));
    // The server records the deployment's key; the same key starts again, as often as needed.
    await closeContext(await createContext(configWith(key), { secretKeyCheck: 'record' }));
    await closeContext(await createContext(configWith(key), { secretKeyCheck: 'record' }));
    await closeContext(await createContext(configWith(key)));
    // A command that opens no secret (audit verify) runs without it.
    await closeContext(
      await createContext(configWith(randomBytes(32).toString('base64')), { secretKeyCheck: 'skip' }),
    );
    const other = createContext(configWith(randomBytes(32).toString('base64')));
    await expect(other).rejects.toBeInstanceOf(ConfigError);
    await expect(other).rejects.toMatchObject({ variable: 'CONCORD_SECRET_KEY' });
  });
});
