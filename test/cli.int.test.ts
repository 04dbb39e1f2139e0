import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/platform/db.ts';
import { testDatabaseUrl } from './helpers.ts';

const BIN = path.resolve('bin/concord.js');
const dirs: string[] = [];

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-cli-'));
  dirs.push(dir);
  return dir;
}

/** Runs the CLI on the embedded database in `dataDir` (never on a server). */
function concord(dataDir: string, args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      CONCORD_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      ...env,
    },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The same, without blocking: for commands that may run side by side. */
function concordAsync(dataDir: string, args: string[]): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, CONCORD_DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
      timeout: 60_000,
    });
    let stdout = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout }));
  });
}

afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('concord CLI', () => {
  it('refuses a bad configuration with exit code 2, naming the variable', () => {
    const result = concord(tempDir(), ['migrate'], { PORT: 'eighty' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('PORT');
    // Well formed, but no address of this machine: known only when listening.
    const host = concord(tempDir(), ['serve'], { HOST: '192.0.2.77', PORT: '0', CONCORD_DEMO: 'off' });
    expect(host.code, host.stderr).toBe(2);
    expect(host.stderr).toContain('HOST: cannot listen on 192.0.2.77');
  });

  it('refuses a Node.js that cannot require() ES modules, before touching the database', () => {
    // As Node.js before 20.19 is: the server migrated, then stopped on ERR_REQUIRE_ESM.
    const dir = tempDir();
    const old = spawnSync(process.execPath, ['--no-experimental-require-module', BIN, 'serve'], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, CONCORD_DATA_DIR: dir, PORT: '0' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(old.status).toBe(1);
    expect(old.stderr).toContain('Concord needs Node.js 20.19 or newer');
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('says what went wrong in a line, without a stack trace', () => {
    const missing = concord(tempDir(), ['message', 'verify', '/nonexistent/envelope.json']);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toBe('No such file or folder: /nonexistent/envelope.json');
    // An argument a command itself refuses is said too, not only its exit code.
    const badFormat = concord(tempDir(), ['import', '/dev/null', '--agency', 'KE', '--format', 'xml']);
    expect(badFormat.code).toBe(2);
    expect(badFormat.stderr.trim()).toBe('--format must be ndjson or csv');
  });

  it('prints help for every command', { timeout: 120_000 }, async () => {
    // Help opens no database: the commands run side by side.
    const commands = [
      [],
      ['serve'],
      ['migrate'],
      ['import'],
      ['user', 'create'],
      ['user', 'reset-password'],
      ['apikey', 'create'],
      ['audit', 'verify'],
      ['demo', 'seed'],
    ];
    const results = await Promise.all(
      commands.map((command) => concordAsync(tempDir(), [...command, '--help'])),
    );
    results.forEach((result, i) => {
      expect(result.code, commands[i]!.join(' ')).toBe(0);
      expect(result.stdout).toContain('Usage: concord');
    });
  });

  it('migrates, creates users and keys, verifies the audit chain and detects tampering', async () => {
    const dir = tempDir();
    // Before anything set it up, a maintenance command finds no database, and makes none.
    const empty = concord(dir, ['audit', 'verify']);
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain('No Concord database here');
    // A server it cannot reach is not an empty database: it says what failed.
    const unreachable = concord(dir, ['audit', 'verify'], {
      DATABASE_URL: 'postgres://concord:wrong@127.0.0.1:1/concord',
    });
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toContain('ECONNREFUSED');
    expect(unreachable.stderr).not.toContain('No Concord database here');
    const migrated = concord(dir, ['migrate']);
    expect(migrated.code, migrated.stderr).toBe(0);
    expect(migrated.stdout).toContain('0001_foundation');
    expect(concord(dir, ['migrate']).stdout).toContain('up to date');

    // A fresh database has no agencies until first start; seed demo data to have some.
    const seeded = concord(dir, ['demo', 'seed'], { CONCORD_DEMO_PASSWORD: 'demo-password-cli-test' });
    expect(seeded.code, seeded.stderr).toBe(0);
    expect(seeded.stdout).toMatch(/Demo users: \d+ created, 0 already there/);
    // Again: nothing made, and no password printed that would not be theirs.
    const again = concord(dir, ['demo', 'seed']);
    expect(again.stdout).toMatch(/Demo users: 0 created, \d+ already there/);
    expect(again.stdout).not.toContain('Password');

    const created = concord(dir, [
      'user',
      'create',
      '--username',
      'ke.cli',
      '--agency',
      'KE-CYBER',
      '--roles',
      'officer,analyst',
    ]);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toMatch(/Password \(shown once\): \S{20,}/);
    const badRole = concord(dir, [
      'user',
      'create',
      '--username',
      'ke.cli2',
      '--agency',
      'KE',
      '--roles',
      'emperor',
    ]);
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toContain('unknown role: emperor');
    const weak = concord(dir, [
      'user',
      'create',
      '--username',
      'ke.cli3',
      '--agency',
      'KE',
      '--roles',
      'officer',
      '--password',
      'password1234',
    ]);
    expect(weak.code).toBe(1);
    // Named as the operator gave it, not as the request field it became, and said once.
    expect(weak.stderr).toContain('\n  --password: ');
    expect(weak.stderr).not.toContain('/body/password');
    const weakVariable = concord(dir, ['user', 'reset-password', 'ke.cli'], {
      CONCORD_NEW_PASSWORD: 'short',
    });
    expect(weakVariable.code).toBe(1);
    expect(weakVariable.stderr).toContain('\n  CONCORD_NEW_PASSWORD: ');
    expect(weakVariable.stderr.match(/CONCORD_NEW_PASSWORD/g)).toHaveLength(1);

    const reset = concord(dir, ['user', 'reset-password', 'ke.cli'], {
      CONCORD_NEW_PASSWORD: 'a fresh passphrase here',
    });
    expect(reset.code, reset.stderr).toBe(0);
    expect(reset.stdout).not.toContain('a fresh passphrase here');

    const key = concord(dir, [
      'apikey',
      'create',
      '--agency',
      'KE',
      '--name',
      'border gateway',
      '--permissions',
      'self,agencies:read',
    ]);
    expect(key.code, key.stderr).toBe(0);
    expect(key.stdout).toMatch(/Key \(shown once\): concord_\S+/);

    const demoRecords = concord(dir, ['demo', 'seed', '--records', '45'], {
      CONCORD_DEMO_PASSWORD: 'demo-password-cli-test',
    });
    expect(demoRecords.code, demoRecords.stderr).toBe(0);
    expect(demoRecords.stdout).toContain('45 demo records generated');

    const file = path.join(dir, 'records.ndjson');
    const good = JSON.stringify({
      kind: 'travel-document',
      data: { number: 'CLI1234', type: 'passport', issuingCountry: 'KE', status: 'stolen' },
    });
    fs.writeFileSync(file, `${good}\n{"kind":"vehicle","data":{"vin":"x"}}\n`);
    const refused = concord(dir, ['import', file, '--agency', 'KE']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('line 2: /data/vin');
    expect(refused.stdout).toContain('0 of 2 records imported for KE');
    expect(refused.stdout).toContain('nothing written');
    const skipped = concord(dir, ['import', file, '--agency', 'KE', '--skip-invalid']);
    expect(skipped.stdout).toContain('1 of 2 records imported for KE');

    const verified = concord(dir, ['audit', 'verify']);
    expect(verified.code, verified.stderr).toBe(0);
    expect(verified.stdout).toMatch(/Audit chains intact: \d+ entries in \d+ chains/);

    const db = await openDatabase({ dataDir: dir });
    await sql`UPDATE audit_log SET principal_name = 'someone-else' WHERE seq = 2`.execute(db.kysely);

    // While this process holds the embedded database, the CLI says so clearly.
    const locked = concord(dir, ['audit', 'verify']);
    expect(locked.code).toBe(3);
    expect(locked.stderr).toContain('in use by another Concord process');
    await db.close();

    const broken = concord(dir, ['audit', 'verify']);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('BROKEN at entry #2');
  }, 180_000);
});

describe('npm start on a new data folder', () => {
  function startServer(
    dir: string,
    env: Record<string, string> = {},
  ): Promise<{ child: ChildProcess; output: () => string }> {
    const child = spawn(process.execPath, [BIN, 'serve'], {
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        CONCORD_DATA_DIR: dir,
        PORT: '0',
        LOG_LEVEL: 'warn',
        ...env,
      },
    });
    let output = '';
    child.stdout!.on('data', (d) => {
      output += d;
    });
    child.stderr!.on('data', (d) => {
      output += d;
    });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000);
      const poll = setInterval(() => {
        if (output.includes('Concord is running at')) {
          clearInterval(poll);
          clearTimeout(timer);
          resolve({ child, output: () => output });
        }
      }, 100);
      child.on('exit', (code) => {
        clearInterval(poll);
        clearTimeout(timer);
        reject(new Error(`server exited with ${code}:\n${output}`));
      });
    });
  }

  function stop(child: ChildProcess): Promise<number | string | null> {
    return new Promise((resolve) => {
      child.removeAllListeners('exit');
      // A signal name instead of a code says the process was killed rather than exiting.
      child.on('exit', (code, signal) => resolve(code ?? signal));
      child.kill('SIGTERM');
    });
  }

  it('seeds, prints working credentials once, and stops cleanly on SIGTERM', async () => {
    const dir = tempDir();
    const first = await startServer(dir);
    const text = first.output();
    const url = /Concord is running at (\S+)/.exec(text)![1]!;
    const adminPassword = /admin \/ (\S+)/.exec(text)![1]!;
    const demoPassword = /Demo password: (\S+)/.exec(text)![1]!;
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const demo = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'ke.officer', password: demoPassword }),
    });
    expect(demo.status).toBe(200);
    // Every demo user the README names is in the banner: the partner's too.
    for (const user of ['ke.officer', 'secretariat.auditor', 'sentinel.partner', 'sentinel.admin'])
      expect(text).toContain(user);
    const admin = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: adminPassword }),
    });
    expect(admin.status).toBe(200);
    expect((await admin.json()).mfaEnrolmentRequired).toBe(true);
    expect(await stop(first.child)).toBe(0);

    const second = await startServer(dir);
    expect(second.output()).not.toContain(adminPassword);
    expect(second.output()).not.toContain(demoPassword);
    expect(second.output()).toContain('credentials printed at first start');
    expect(await stop(second.child)).toBe(0);

    // Everything the first run did is in an intact audit chain.
    const verified = concord(dir, ['audit', 'verify']);
    expect(verified.code, verified.stderr).toBe(0);
  }, 180_000);

  it.skipIf(!process.env.TEST_DATABASE_URL)(
    'migrates a PostgreSQL server and exits',
    async () => {
      const database = await testDatabaseUrl();
      try {
        // spawnSync's timeout would stop a command that never lets go of its connections.
        const migrated = concord(tempDir(), ['migrate'], { DATABASE_URL: database.url! });
        expect(migrated.code, migrated.stderr).toBe(0);
        expect(migrated.stdout).toContain('0001_foundation');
        expect(concord(tempDir(), ['migrate'], { DATABASE_URL: database.url! }).stdout).toContain(
          'up to date',
        );
      } finally {
        await database.drop();
      }
    },
    150_000,
  );

  it.skipIf(!process.env.TEST_DATABASE_URL)(
    'runs several server processes on PostgreSQL that share the port, the sessions, the metrics and the shutdown',
    async () => {
      const database = await testDatabaseUrl();
      try {
        const server = await startServer(tempDir(), {
          DATABASE_URL: database.url!,
          CONCORD_WORKERS: '2',
          CONCORD_DEMO: 'on',
          CONCORD_DEMO_PASSWORD: 'cluster-demo-password',
        });
        expect(server.output()).toContain('Server processes: 2');
        const url = /Concord is running at (\S+)/.exec(server.output())![1]!;
        const login = await fetch(`${url}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'ke.officer', password: 'cluster-demo-password' }),
        });
        expect(login.status).toBe(200);
        const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
        // Whichever process answers knows the session: it lives in the database.
        const answers = await Promise.all(
          Array.from({ length: 20 }, () => fetch(`${url}/api/v1/me`, { headers: { cookie } })),
        );
        expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
        // A scrape, whichever process takes it, counts every process's requests.
        for (let scrape = 0; scrape < 4; scrape++) {
          const metrics = await fetch(`${url}/metrics`);
          expect(metrics.status).toBe(200);
          const text = await metrics.text();
          expect(text).toMatch(/^concord_server_processes 2$/m);
          expect(text).toMatch(
            /^concord_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/me",status="200"\} 20$/m,
          );
        }
        expect(await stop(server.child)).toBe(0);
      } finally {
        await database.drop();
      }
    },
    120_000,
  );
});
