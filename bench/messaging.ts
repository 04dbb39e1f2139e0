/**
 * Secure messaging, end to end, against a real server over HTTP:
 *
 *   npx tsx bench/messaging.ts                          # embedded PGlite (on disk)
 *   BENCH_DATABASE_URL=postgres://… npx tsx bench/messaging.ts   # a PostgreSQL server (own database, dropped after)
 *
 * 1. Throughput: a self-held sender system encrypts (JWE, the recipient's entry and its own
 *    copy), signs (JWS) and POSTs messages with BENCH_CONCURRENCY requests in flight; the server
 *    checks the envelope against the key directory, stores it, audits it and announces it; the
 *    connected recipient system hears of it by server-sent events, takes it from the delivery
 *    queue, verifies and decrypts it, and acknowledges it. Messages per second from the first
 *    send to the last message decrypted, and each message's latency from composing to decrypted.
 *    Baseline in the same run: the same crypto with no server in between.
 * 2. Broadcast: one message to BENCH_BROADCAST bureaus (196), each a connected system: the
 *    time from composing to the last recipient having verified and decrypted it.
 *
 * Everything runs in this one process (server, sender and recipients share the cores), as on
 * a single machine. BENCH_MESSAGES (3000), BENCH_CONCURRENCY (32), BENCH_BODY_BYTES (1000).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { agencySystemPrincipal, systemPrincipal } from '../src/access/principal.ts';
import { agencyRef, findAgency } from '../src/identity/agencies.ts';
import { createApiKey } from '../src/identity/api-keys.ts';
import { firstStart } from '../src/identity/seed.ts';
import { buildApp } from '../src/main.ts';
import {
  type AgencyPrivateKeys,
  composeEnvelope,
  type DirectoryKey,
  openEnvelope,
  type Prepared,
  type ReceivedEnvelope,
} from '../src/messaging/client.ts';
import { generateAgencyKeys, importPrivate } from '../src/messaging/envelope.ts';
import { publishKeys } from '../src/messaging/keys.ts';
import { closeContext, createContext } from '../src/platform/bootstrap.ts';
import { loadConfig } from '../src/platform/config.ts';
import type { Context } from '../src/platform/context.ts';

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 3000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const BROADCAST = Number(process.env.BENCH_BROADCAST ?? 196);
const BODY_BYTES = Number(process.env.BENCH_BODY_BYTES ?? 1000);
const BROADCAST_ROUNDS = 5;
const body = 'x'.repeat(BODY_BYTES);

interface System {
  agency: string;
  apiKey: string;
  keys: AgencyPrivateKeys;
}

/** An agency's system: an API key and self-held keys published in the directory. */
async function system(ctx: Context, code: string): Promise<System> {
  const agency = (await findAgency(ctx.db, code))!;
  const key = await createApiKey(ctx, systemPrincipal(), {
    agency: code,
    name: `${code} system`,
    permissions: ['messages:read', 'messages:send'],
  });
  const made = await generateAgencyKeys();
  await publishKeys(ctx, agencySystemPrincipal(agencyRef(agency)), {
    custody: 'self',
    signing: made.signing.publicJwk as Record<string, unknown>,
    encryption: made.encryption.publicJwk as Record<string, unknown>,
  });
  return {
    agency: code,
    apiKey: key.key,
    keys: { agency: code, signing: made.signing.privateJwk, encryption: made.encryption.privateJwk },
  };
}

async function api<T>(base: string, s: System, method: string, route: string, payload?: unknown): Promise<T> {
  const response = await fetch(`${base}/api/v1${route}`, {
    method,
    headers: {
      authorization: `Bearer ${s.apiKey}`,
      ...(payload ? { 'content-type': 'application/json' } : {}),
    },
    ...(payload ? { body: JSON.stringify(payload) } : {}),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

/**
 * A connected recipient system: listens to its event stream; each event drains the delivery
 * queue (coalesced), verifying and decrypting every envelope, then acknowledges the batch.
 */
class Recipient {
  private controller = new AbortController();
  private draining: Promise<void> | null = null;
  private again = false;
  private signers = new Map<string, DirectoryKey>();
  private encryptionKey: Awaited<ReturnType<typeof importPrivate>> | undefined;
  readonly done = new Map<string, number>();
  invalid = 0;
  onMessage: ((id: string) => void) | undefined;

  constructor(
    private readonly base: string,
    readonly s: System,
  ) {}

  async connect(): Promise<void> {
    this.encryptionKey = await importPrivate(this.s.keys.encryption, 'enc');
    const response = await fetch(`${this.base}/api/v1/messages/events`, {
      headers: { authorization: `Bearer ${this.s.apiKey}` },
      signal: this.controller.signal,
    });
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    void (async () => {
      let buffer = '';
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          buffer += decoder.decode(value, { stream: true });
          const blocks = buffer.split('\n\n');
          buffer = blocks.pop() ?? '';
          if (blocks.some((b) => b.includes('event: message.received'))) this.drain();
        }
      } catch {
        // closed
      }
    })();
  }

  private drain(): void {
    if (this.draining) {
      this.again = true;
      return;
    }
    this.draining = (async () => {
      do {
        this.again = false;
        for (;;) {
          const queue = await api<{ items: (ReceivedEnvelope & { id: string; sentAt: string })[] }>(
            this.base,
            this.s,
            'GET',
            '/deliveries?limit=500',
          );
          if (queue.items.length === 0) break;
          await Promise.all(
            queue.items.map(async (envelope) => {
              const opened = await openEnvelope(
                envelope,
                this.encryptionKey!,
                await this.signer(envelope.header.from),
              );
              if (!opened.valid) this.invalid++;
              this.done.set(envelope.id, performance.now());
              this.onMessage?.(envelope.id);
            }),
          );
          await api(this.base, this.s, 'POST', '/deliveries/ack', { ids: queue.items.map((e) => e.id) });
        }
      } while (this.again);
    })()
      .catch((error) => {
        if (!this.controller.signal.aborted) console.error(`recipient ${this.s.agency}:`, error);
      })
      .finally(() => {
        this.draining = null;
      });
  }

  private async signer(agency: string): Promise<DirectoryKey | undefined> {
    let key = this.signers.get(agency);
    if (!key) {
      const entry = await api<{ keys: DirectoryKey[] }>(this.base, this.s, 'GET', `/agencies/${agency}/keys`);
      key = entry.keys.find((k) => k.use === 'sig' && k.status === 'active');
      if (key) this.signers.set(agency, key);
    }
    return key;
  }

  close(): void {
    this.controller.abort();
  }
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function cryptoBaseline(sender: System, recipient: System, prepared: Prepared): Promise<number> {
  const signingKey = await importPrivate(sender.keys.signing, 'sig');
  const encryptionKey = await importPrivate(recipient.keys.encryption, 'enc');
  const signer: DirectoryKey = {
    kid: sender.keys.signing.kid!,
    agency: sender.agency,
    use: 'sig',
    jwk: { kty: 'OKP', crv: 'Ed25519', x: sender.keys.signing.x },
    status: 'active',
    revokedAt: null,
  };
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next++ < MESSAGES) {
        const envelope = await composeEnvelope(
          sender.keys,
          prepared,
          { subject: 'Benchmark', body },
          { signingKey },
        );
        const entry = envelope.jwe.recipients.find((r) => r.header.kid === prepared.recipients[0]!.kid)!;
        const opened = await openEnvelope(
          {
            header: envelope.header,
            signature: envelope.signature,
            jwe: {
              ...envelope.jwe,
              recipients: undefined,
              header: entry.header,
              encrypted_key: entry.encrypted_key,
            } as never,
          },
          encryptionKey,
          signer,
        );
        if (!opened.valid) throw new Error(`baseline: ${opened.problems.join('; ')}`);
      }
    }),
  );
  return MESSAGES / ((performance.now() - started) / 1000);
}

async function throughput(base: string, sender: System, recipient: Recipient) {
  const prepared = await api<Prepared>(base, sender, 'POST', '/messages/recipients', {
    to: [recipient.s.agency],
  });
  const signingKey = await importPrivate(sender.keys.signing, 'sig');
  const started = new Map<string, number>();
  let next = 0;
  const allDone = new Promise<void>((resolve) => {
    recipient.onMessage = () => {
      if (recipient.done.size >= MESSAGES) resolve();
    };
  });
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next++ < MESSAGES) {
        const t = performance.now();
        const envelope = await composeEnvelope(
          sender.keys,
          prepared,
          { subject: 'Benchmark', body, priority: 'urgent' },
          { signingKey },
        );
        started.set(envelope.header.id, t);
        await api(base, sender, 'POST', '/messages', { envelope });
      }
    }),
  );
  const sentAt = performance.now();
  await Promise.race([allDone, new Promise((r) => setTimeout(r, 120_000))]);
  const t1 = performance.now();
  const latencies = [...recipient.done]
    .filter(([id]) => started.has(id))
    .map(([id, at]) => at - started.get(id)!);
  return {
    delivered: latencies.length,
    perSecond: latencies.length / ((t1 - t0) / 1000),
    sendPerSecond: MESSAGES / ((sentAt - t0) / 1000),
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    invalid: recipient.invalid,
    prepared,
  };
}

async function broadcast(base: string, sender: System, recipients: Recipient[]) {
  const prepared = await api<Prepared>(base, sender, 'POST', '/messages/recipients', {
    to: recipients.map((r) => r.s.agency),
  });
  const signingKey = await importPrivate(sender.keys.signing, 'sig');
  const rounds: { total: number; encrypt: number; post: number }[] = [];
  for (let round = 0; round < BROADCAST_ROUNDS; round++) {
    const t0 = performance.now();
    const envelope = await composeEnvelope(
      sender.keys,
      prepared,
      { subject: 'To every bureau', body, priority: 'flash' },
      { signingKey },
    );
    const id = envelope.header.id;
    const everyone = Promise.all(
      recipients.map(
        (r) =>
          new Promise<void>((resolve) => {
            if (r.done.has(id)) resolve();
            const previous = r.onMessage;
            r.onMessage = (got) => {
              previous?.(got);
              if (got === id) resolve();
            };
          }),
      ),
    );
    const t1 = performance.now();
    await api(base, sender, 'POST', '/messages', { envelope });
    const t2 = performance.now();
    await Promise.race([everyone, new Promise((r) => setTimeout(r, 30_000))]);
    const last = Math.max(...recipients.map((r) => r.done.get(id) ?? Number.POSITIVE_INFINITY));
    rounds.push({ total: last - t0, encrypt: t1 - t0, post: t2 - t1 });
    for (const r of recipients) r.onMessage = undefined;
  }
  return rounds;
}

async function run(label: string, databaseUrl: string | undefined) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-bench-messaging-'));
  const ctx = await createContext(
    loadConfig({
      LOG_LEVEL: 'silent',
      CONCORD_DATA_DIR: dir,
      CONCORD_SECRET_KEY: randomBytes(32).toString('base64'),
      CONCORD_ADMIN_PASSWORD: 'bench-admin-password',
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    }),
  );
  const recipients: Recipient[] = [];
  try {
    await firstStart(ctx, { demo: false });
    const app = await buildApp(ctx);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const bureaus = (
      await ctx.db
        .selectFrom('agencies')
        .select('code')
        .where('kind', '=', 'bureau')
        .orderBy('code')
        .execute()
    )
      .map((a) => a.code)
      .filter((c) => c !== 'KE');
    const sender = await system(ctx, 'KE');
    const fr = new Recipient(base, await system(ctx, 'FR'));
    await fr.connect();

    const result = await throughput(base, sender, fr);
    const baseline = await cryptoBaseline(sender, fr.s, result.prepared);
    console.log(
      `${label}: ${MESSAGES} messages of ${BODY_BYTES} bytes, ${CONCURRENCY} in flight\n` +
        `  end to end   ${result.perSecond.toFixed(0).padStart(6)} messages/s delivered and decrypted (${result.delivered}/${MESSAGES}, ${result.invalid} failed verification)` +
        ` | sending ${result.sendPerSecond.toFixed(0)}/s | latency p50 ${result.p50.toFixed(0)} ms, p95 ${result.p95.toFixed(0)} ms, p99 ${result.p99.toFixed(0)} ms\n` +
        `  baseline     ${baseline.toFixed(0).padStart(6)} messages/s: the same encryption, signing, verification and decryption, no server`,
    );

    const others = bureaus.filter((c) => c !== 'FR').slice(0, BROADCAST - 1);
    recipients.push(fr);
    for (const code of others) recipients.push(new Recipient(base, await system(ctx, code)));
    await Promise.all(recipients.slice(1).map((r) => r.connect()));
    const rounds = await broadcast(base, sender, recipients);
    const totals = rounds.map((r) => r.total);
    console.log(
      `  broadcast    to ${recipients.length} bureaus, each a connected system: all verified and decrypted in ` +
        `${totals.map((t) => t.toFixed(0)).join(', ')} ms (worst ${Math.max(...totals).toFixed(0)} ms; ` +
        `encrypting for ${recipients.length + 1} entries ${percentile(
          rounds.map((r) => r.encrypt),
          50,
        ).toFixed(0)} ms, ` +
        `POST ${percentile(
          rounds.map((r) => r.post),
          50,
        ).toFixed(0)} ms)`,
    );
    for (const r of recipients) r.close();
    await app.close();
  } finally {
    await closeContext(ctx);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

console.log(
  `Messaging benchmark. Machine: ${os.cpus().length} × ${os.cpus()[0]?.model}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ` +
    `Node ${process.version}, load ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
);
await run('PGlite (embedded, on disk)', undefined);
const adminUrl = process.env.BENCH_DATABASE_URL;
if (adminUrl) {
  const name = `concord_bench_messaging_${randomBytes(4).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  try {
    await run('PostgreSQL server', url.toString());
  } finally {
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}
