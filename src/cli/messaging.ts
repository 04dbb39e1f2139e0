import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { base64url, type JWK } from 'jose';
import {
  type AgencyPrivateKeys,
  composeEnvelope,
  type DirectoryKey,
  openEnvelope,
  type Prepared,
  type ReceivedEnvelope,
} from '../messaging/client.ts';
import {
  type ContentAttachment,
  decryptChunk,
  encryptChunk,
  generateAgencyKeys,
  importPrivate,
  newAttachmentKey,
  sha256b64,
  signatureKid,
  signReceipt,
} from '../messaging/envelope.ts';
import { DEFAULT_CHUNK, HANDLING_CODES, PRIORITIES, TLP_LEVELS } from '../messaging/schema.ts';
import {
  formSummary,
  TYPE_TITLE,
  URGENT_FORMS,
  URGENT_TYPES,
  type UrgentType,
} from '../messaging/urgent/schema.ts';
import { schemaErrors } from '../platform/validation.ts';
import { KnownKeys } from './known-keys.ts';
import { withContext } from './maintenance.ts';

/**
 * The `concord` commands a self-held agency's system uses instead of the web UI: make keys,
 * publish them, send, receive, decrypt and verify. They talk to a Concord server over its
 * HTTP API with an API key (CONCORD_API_KEY — never an argument, which process lists show),
 * and keep the agency's private keys in a folder of their own.
 */

export class CliError extends Error {}

interface Connection {
  server: string;
  apiKey: string;
}

function connection(opts: { server?: string }): Connection {
  const server = (opts.server ?? process.env.CONCORD_URL ?? 'http://127.0.0.1:8080').replace(/\/+$/, '');
  const apiKey = process.env.CONCORD_API_KEY;
  if (!apiKey)
    throw new CliError('Set CONCORD_API_KEY to an API key of your agency (concord apikey create).');
  return { server, apiKey };
}

async function call<T>(
  c: Connection,
  method: string,
  route: string,
  body?: unknown,
  contentType = 'application/json',
): Promise<T> {
  const response = await fetch(`${c.server}/api/v1${route}`, {
    method,
    headers: {
      authorization: `Bearer ${c.apiKey}`,
      ...(body !== undefined ? { 'content-type': contentType } : {}),
    },
    ...(body !== undefined
      ? { body: contentType === 'application/json' ? JSON.stringify(body) : (body as string) }
      : {}),
  });
  const text = await response.text();
  if (!response.ok) {
    let detail = text;
    try {
      const problem = JSON.parse(text) as {
        title?: string;
        detail?: string;
        errors?: { field: string; message: string }[];
      };
      detail = `${problem.title ?? response.status}: ${problem.detail ?? ''}${(problem.errors ?? [])
        .map((e) => `\n  ${e.field}: ${e.message}`)
        .join('')}`;
    } catch {
      // not a problem document
    }
    throw new CliError(`${method} ${route} failed (${response.status}). ${detail}`);
  }
  const type = response.headers.get('content-type') ?? '';
  return (type.includes('json') ? JSON.parse(text) : text) as T;
}

// ---- the key folder -------------------------------------------------------------------

const FILES = {
  agency: 'agency.json',
  signing: 'signing.private.jwk.json',
  encryption: 'encryption.private.jwk.json',
};

function keysDir(opts: { keys?: string }): string {
  const dir = opts.keys ?? process.env.CONCORD_KEYS_DIR;
  if (!dir) throw new CliError('Name the key folder: --keys DIR (or CONCORD_KEYS_DIR).');
  return dir;
}

function readKeys(dir: string): AgencyPrivateKeys {
  const read = (file: string) => {
    const full = path.join(dir, file);
    if (!fs.existsSync(full)) throw new CliError(`No ${full}: make keys with concord keys generate.`);
    return JSON.parse(fs.readFileSync(full, 'utf8'));
  };
  return {
    agency: read(FILES.agency).agency,
    signing: read(FILES.signing) as JWK,
    encryption: read(FILES.encryption) as JWK,
  };
}

const PREVIOUS_KEYS_FLAG = '--previous-keys <dirs>';
const PREVIOUS_KEYS_HELP =
  'folders of this agency’s earlier keys (comma-separated): a message encrypted to a key since rotated is opened with the one it names';

/**
 * The keys an envelope was encrypted to: the current folder's, or an earlier one that the
 * header names for this agency (messages sent just before a rotation, or waiting in the
 * queue across it). The current keys when none matches: opening then says what is wrong.
 */
function keysFor(envelope: ReceivedEnvelope, current: AgencyPrivateKeys, previous: AgencyPrivateKeys[]) {
  const addressed = envelope.header.recipients[current.agency];
  return [current, ...previous].find((k) => k.encryption.kid === addressed) ?? current;
}

function previousKeys(dirs: string[] | undefined, agency: string): AgencyPrivateKeys[] {
  return (dirs ?? []).map((dir) => {
    const k = readKeys(dir);
    if (k.agency !== agency) throw new CliError(`${dir} holds keys of ${k.agency}, not ${agency}.`);
    return k;
  });
}

const ACCEPT_KEYS_FLAG = '--accept-keys <agencies>';
const ACCEPT_KEYS_HELP =
  'accept new keys of these agencies (comma-separated) after checking their fingerprints with them out of band';

function accepted(value: string | undefined): Set<string> {
  return new Set(value ? list(value) : []);
}

/**
 * The keys the server gave to encrypt to: each must be the key its id names and one this
 * system knows for its agency (known-keys.ts); our own copy's key must be our own.
 */
async function checkRecipientKeys(k: AgencyPrivateKeys, prepared: Prepared, known: KnownKeys): Promise<void> {
  const problems: string[] = [];
  if (prepared.sender.encryption && prepared.sender.encryption.kid !== k.encryption.kid)
    problems.push(
      `the server gave ${prepared.sender.encryption.kid} as your own encryption key; yours is ${k.encryption.kid}`,
    );
  for (const r of prepared.recipients) {
    const checked = await known.check(r.agency, r.kid, r.jwk, 'enc');
    if (!checked.ok) problems.push(checked.problem);
    else if (checked.firstUse)
      process.stderr.write(`First use: ${r.agency}'s encryption key ${r.kid} is now known to this system.\n`);
  }
  if (problems.length > 0) throw new CliError(`Not sent: ${problems.join('; ')}.`);
  known.save();
}

/** The sender's signing key from the directory, held to the keys this system knows. */
async function checkSigner(
  known: KnownKeys,
  envelope: ReceivedEnvelope,
  signer: DirectoryKey | undefined,
  opened: { valid: boolean; problems: string[] },
): Promise<void> {
  if (!signer) return;
  const checked = await known.check(envelope.header.from, signer.kid, signer.jwk, 'sig');
  if (checked.ok) {
    if (checked.firstUse)
      process.stderr.write(
        `First use: ${envelope.header.from}'s signing key ${signer.kid} is now known to this system.\n`,
      );
    return;
  }
  opened.problems.push(checked.problem);
  opened.valid = false;
}

function publicOf(jwk: JWK): JWK {
  return { kty: jwk.kty, crv: jwk.crv, x: jwk.x, kid: jwk.kid, use: jwk.use, alg: jwk.alg } as JWK;
}

/** Folder names, comma-separated, as written. */
function folders(value: string): string[] {
  return value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
}

function list(value: string): string[] {
  return value
    .split(',')
    .map((v) => v.trim().toUpperCase())
    .filter(Boolean);
}

function choice<T extends string>(values: readonly T[]) {
  return (value: string): T => {
    if (!values.includes(value as T)) throw new InvalidArgumentError(`one of ${values.join(', ')}`);
    return value as T;
  };
}

const directoryCache = new Map<string, DirectoryKey[]>();
async function signerKey(c: Connection, envelope: ReceivedEnvelope): Promise<DirectoryKey | undefined> {
  const agency = envelope.header.from;
  let keys = directoryCache.get(agency);
  if (!keys) {
    keys = (await call<{ keys: DirectoryKey[] }>(c, 'GET', `/agencies/${encodeURIComponent(agency)}/keys`))
      .keys;
    directoryCache.set(agency, keys);
  }
  return keys.find((k) => k.kid === signatureKid(envelope.signature));
}

function readEnvelopeFile(file: string): ReceivedEnvelope & { sentAt?: string; id?: string } {
  const raw = JSON.parse(fs.readFileSync(file === '-' ? 0 : file, 'utf8'));
  // Accept an envelope as received, a webhook delivery, or a file written by `receive`.
  const envelope = raw.envelope ?? raw.data?.envelope ?? raw;
  if (!envelope.header || !envelope.signature || !envelope.jwe)
    throw new CliError(`${file} is not a message envelope.`);
  return envelope;
}

/** Encrypts a file chunk by chunk as it is read (never whole in memory) and uploads it. */
async function uploadFile(c: Connection, file: string): Promise<ContentAttachment> {
  const size = fs.statSync(file).size;
  const chunkSize = DEFAULT_CHUNK;
  const upload = await call<{ id: string; chunks: number }>(c, 'POST', '/attachments', { size, chunkSize });
  const key = newAttachmentKey();
  const hash = createHash('sha256');
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(chunkSize);
    for (let index = 0; index < upload.chunks; index++) {
      const read = fs.readSync(fd, buffer, 0, chunkSize, index * chunkSize);
      const data = buffer.subarray(0, read);
      hash.update(data);
      const compact = await encryptChunk(key, upload.id, index, data);
      await call(c, 'PUT', `/attachments/${upload.id}/chunks/${index}`, compact, 'application/jose');
    }
  } finally {
    fs.closeSync(fd);
  }
  return {
    id: upload.id,
    name: path.basename(file),
    contentType: 'application/octet-stream',
    size,
    chunks: upload.chunks,
    chunkSize,
    key: base64url.encode(key),
    sha256: hash.digest('hex'),
  };
}

async function downloadAttachment(
  c: Connection,
  messageId: string,
  attachment: ContentAttachment,
  dir: string,
) {
  const key = base64url.decode(attachment.key);
  const target = path.join(dir, `${messageId}-${path.basename(attachment.name)}`);
  const out = fs.openSync(target, 'w', 0o600);
  const hash = createHash('sha256');
  try {
    for (let index = 0; index < attachment.chunks; index++) {
      const compact = await call<string>(
        c,
        'GET',
        `/messages/${messageId}/attachments/${attachment.id}/chunks/${index}`,
      );
      const plain = await decryptChunk(key, compact, attachment.id, index);
      hash.update(plain);
      fs.writeSync(out, plain);
    }
  } finally {
    fs.closeSync(out);
  }
  const digest = hash.digest('hex');
  if (attachment.sha256 && attachment.sha256 !== digest)
    throw new CliError(
      `${attachment.name}: SHA-256 ${digest} differs from the sender's ${attachment.sha256}`,
    );
  return target;
}

async function signedReceipt(
  keys: AgencyPrivateKeys,
  envelope: { id: string; signature: string },
  kind: 'delivered' | 'read' | 'answered',
) {
  return signReceipt(
    {
      v: 1,
      message: envelope.id,
      agency: keys.agency,
      kind,
      at: new Date().toISOString(),
      signature: sha256b64(envelope.signature),
    },
    await importPrivate(keys.signing, 'sig'),
    keys.signing.kid!,
  );
}

function report(error: unknown): never {
  if (error instanceof CliError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  throw error;
}

/**
 * The sender's keys saved for an offline check (`verify --jwks`): the answer of
 * GET /agencies/{code}/keys, or of GET /keys (the whole directory). A bare JWK Set — the
 * answer's `jwks` — names neither each key's agency nor whether it was revoked, so it is
 * refused with what to save instead (it failed with "Unsupported kty", and a directory
 * with a TypeError).
 */
export function savedDirectory(raw: unknown, file: string): DirectoryKey[] {
  const saved = raw as { keys?: unknown; items?: unknown } | null;
  const list = Array.isArray(saved?.keys) ? saved.keys : Array.isArray(saved?.items) ? saved.items : null;
  const isDirectoryKey = (k: unknown): k is DirectoryKey => {
    const d = k as Partial<DirectoryKey> | null;
    return (
      typeof d?.kid === 'string' &&
      typeof d.agency === 'string' &&
      typeof d.status === 'string' &&
      typeof d.jwk === 'object' &&
      d.jwk !== null
    );
  };
  if (list?.every(isDirectoryKey)) return list;
  throw new CliError(
    `${file} is not a saved key directory: save the whole answer of GET /api/v1/agencies/{code}/keys (or GET /api/v1/keys) — ${
      list
        ? 'a JWK Set alone does not say whose each key is nor whether it was revoked'
        : 'it has no keys or items list'
    }.`,
  );
}

const serverOption = () =>
  new Option('--server <url>', 'Concord server (default CONCORD_URL, else http://127.0.0.1:8080)');

/**
 * What a reply takes from the message it answers when the command leaves it out: its thread
 * and markings (metadata), its subject (decrypted here: the server cannot read it), and whom
 * to answer — its sender, or, answering one's own message, its recipients.
 */
async function replyParent(c: Connection, k: AgencyPrivateKeys, id: string) {
  const parent = await call<
    ReceivedEnvelope & {
      threadId: string;
      from: string;
      to: string[];
      handling: string;
      handlingNote: string | null;
      tlp: string;
      box: 'inbox' | 'sent';
      envelope: ReceivedEnvelope;
    }
  >(c, 'GET', `/messages/${id}?envelope=true`);
  const opened = await openEnvelope(parent.envelope, k.encryption, undefined).catch(() => undefined);
  const subject = opened?.content?.subject;
  return {
    threadId: parent.threadId,
    handling: parent.handling,
    handlingNote: parent.handlingNote,
    tlp: parent.tlp,
    to: parent.box === 'sent' ? parent.to : [parent.from],
    subject:
      subject === undefined ? undefined : (/^re:/i.test(subject) ? subject : `Re: ${subject}`).slice(0, 300),
  };
}

export function registerMessagingCommands(program: Command): void {
  const keys = program.command('keys').description('Agency keys for secure messaging');

  keys
    .command('generate')
    .description('Make a self-held key pair (Ed25519 signing, X25519 encryption) in a new folder')
    .requiredOption('--agency <code>', 'the agency the keys are for, e.g. KE-CYBER')
    .requiredOption('--out <dir>', 'folder to create for the private keys (mode 0700)')
    .action(async (opts: { agency: string; out: string }) => {
      try {
        if (fs.existsSync(opts.out) && fs.readdirSync(opts.out).length > 0)
          throw new CliError(`${opts.out} exists and is not empty: keys are never overwritten.`);
        fs.mkdirSync(opts.out, { recursive: true, mode: 0o700 });
        const made = await generateAgencyKeys();
        const write = (file: string, value: unknown) =>
          fs.writeFileSync(path.join(opts.out, file), `${JSON.stringify(value, null, 2)}\n`, {
            mode: 0o600,
            flag: 'wx',
          });
        write(FILES.agency, { agency: opts.agency.toUpperCase() });
        write(FILES.signing, made.signing.privateJwk);
        write(FILES.encryption, made.encryption.privateJwk);
        process.stdout.write(
          `Keys for ${opts.agency.toUpperCase()} written to ${opts.out} (keep them safe: the server never sees them).\n` +
            `Signing key    ${made.signing.kid}\nEncryption key ${made.encryption.kid}\n` +
            'Publish them with: concord keys publish --keys <dir>\n',
        );
      } catch (error) {
        report(error);
      }
    });

  keys
    .command('publish')
    .description('Publish the public halves of the keys in a folder: the agency becomes self-held')
    .option('--keys <dir>', 'key folder (default CONCORD_KEYS_DIR)')
    .option(
      '--destroy-server-keys',
      'erase the agency’s earlier server-held private keys (their messages become unreadable on the server)',
    )
    .addOption(serverOption())
    .action(async (opts: { keys?: string; destroyServerKeys?: boolean; server?: string }) => {
      try {
        const k = readKeys(keysDir(opts));
        const result = await call<{ custody: string; keys: { kid: string; status: string }[] }>(
          connection(opts),
          'POST',
          '/keys',
          {
            agency: k.agency,
            custody: 'self',
            signing: publicOf(k.signing),
            encryption: publicOf(k.encryption),
            ...(opts.destroyServerKeys ? { destroyServerKeys: true } : {}),
          },
        );
        process.stdout.write(`Published: ${k.agency} is now ${result.custody}-held.\n`);
      } catch (error) {
        report(error);
      }
    });

  keys
    .command('rewrap')
    .description(
      'Seal server-held private keys and secrets again under the current CONCORD_MESSAGE_KEK, and TOTP seeds under the current CONCORD_SECRET_KEY (on the server’s database)',
    )
    .action(async () => {
      // On the server's database: loaded here so that the HTTP commands do not load it.
      const { rewrapAll } = await import('../messaging/keys.ts');
      await withContext(async (ctx) => {
        const counts = await rewrapAll(ctx);
        process.stdout.write(
          `Rewrapped ${counts.keys} keys, ${counts.webhooks} webhook secrets, ${counts.drafts} drafts, ${counts.attachments} pending attachments, ${counts.noticeKeys} notice-signing keys; ${counts.mfaSeeds} TOTP seeds (bound to their accounts, under the current secret key).\n`,
        );
      });
    });

  const message = program.command('message').description('Secure messages, for a self-held agency’s system');

  message
    .command('send')
    .description(
      'Encrypt for the recipients, sign with your key, and send (attachments are chunked and encrypted)',
    )
    .option('--to <codes>', 'recipient agencies, comma-separated (FR,BR-CYBER)', list)
    .option('--group <codes>', 'groups, comma-separated (ALL-BUREAUS, REGION-EUROPE, OP-TRIDENT)', list)
    .option('--subject <text>', 'subject (a reply: "Re: " and its parent’s, unless given)')
    .option('--body <text>', 'body text')
    .option('--body-file <file>', 'body from a file (- for standard input)')
    .addOption(
      new Option('--priority <p>', 'routine, urgent or flash')
        .argParser(choice(PRIORITIES))
        .default('routine'),
    )
    .addOption(
      new Option('--handling <code>', 'H0–H3 (default H1; a reply: its parent’s)').argParser(
        choice(HANDLING_CODES),
      ),
    )
    .option('--handling-note <text>', 'the restriction, for H3')
    .addOption(
      new Option('--tlp <level>', 'TLP 2.0 marking (default AMBER; a reply: its parent’s)').argParser(
        choice(TLP_LEVELS),
      ),
    )
    .option('--evaluation <code>', 'source and information evaluation, e.g. B2')
    .option('--case-ref <ref>', 'your case reference')
    .option(
      '--reply-to <id>',
      'the message this answers: keeps its thread, and unless given its markings, its sender (or, answering your own, its recipients) and its subject',
    )
    .option('--thread <id>', 'the thread of the message answered (with --reply-to)')
    .option('--attach <file...>', 'files to attach')
    .option('--keys <dir>', 'key folder (default CONCORD_KEYS_DIR)')
    .option(ACCEPT_KEYS_FLAG, ACCEPT_KEYS_HELP)
    .addOption(serverOption())
    .action(async (opts: Record<string, string | string[] | undefined>) => {
      try {
        const c = connection(opts as { server?: string });
        const k = readKeys(keysDir(opts as { keys?: string }));
        const body =
          opts.bodyFile !== undefined
            ? fs.readFileSync(opts.bodyFile === '-' ? 0 : (opts.bodyFile as string), 'utf8')
            : ((opts.body as string | undefined) ?? '');
        // A reply takes what it leaves out from the message it answers — above all its
        // markings: a reply to an H2 or TLP:RED message must not fall to H1/AMBER by default.
        const parent = opts.replyTo ? await replyParent(c, k, opts.replyTo as string) : undefined;
        const to = (opts.to as string[] | undefined) ?? (opts.group ? undefined : parent?.to);
        const subject = (opts.subject as string | undefined) ?? parent?.subject;
        if (subject === undefined) throw new InvalidArgumentError('--subject is required (or --reply-to)');
        if (!to && !opts.group) throw new InvalidArgumentError('--to or --group is required (or --reply-to)');
        const prepared = await call<Prepared>(c, 'POST', '/messages/recipients', {
          ...(to ? { to } : {}),
          ...(opts.group ? { groups: opts.group } : {}),
        });
        await checkRecipientKeys(
          k,
          prepared,
          new KnownKeys(keysDir(opts as { keys?: string }), accepted(opts.acceptKeys as string | undefined)),
        );
        const threadId = (opts.thread as string | undefined) ?? parent?.threadId;
        const handling = (opts.handling as string | undefined) ?? parent?.handling ?? 'H1';
        const handlingNote =
          (opts.handlingNote as string | undefined) ??
          (opts.handling === undefined ? (parent?.handlingNote ?? null) : null);
        const attachments = [];
        for (const file of (opts.attach as string[] | undefined) ?? [])
          attachments.push(await uploadFile(c, file));
        const envelope = await composeEnvelope(k, prepared, {
          subject,
          body,
          priority: opts.priority as never,
          handling: handling as never,
          handlingNote,
          tlp: ((opts.tlp as string | undefined) ?? parent?.tlp ?? 'AMBER') as never,
          evaluation: (opts.evaluation as string | undefined) ?? null,
          caseRef: (opts.caseRef as string | undefined) ?? null,
          ...(threadId ? { threadId } : {}),
          inReplyTo: (opts.replyTo as string | undefined) ?? null,
          attachments,
        });
        const sent = await call<{ id: string; reference: string; to: string[] }>(c, 'POST', '/messages', {
          envelope,
        });
        if (opts.replyTo) {
          const parent = await call<{ id: string; envelope: { signature: string } }>(
            c,
            'GET',
            `/messages/${opts.replyTo}?envelope=true`,
          );
          await call(c, 'POST', `/messages/${opts.replyTo}/receipts`, {
            kind: 'answered',
            jws: await signedReceipt(k, { id: parent.id, signature: parent.envelope.signature }, 'answered'),
          }).catch(() => {});
        }
        process.stdout.write(`Sent ${sent.reference} (${sent.id}) to ${sent.to.join(', ')}.\n`);
      } catch (error) {
        report(error);
      }
    });

  message
    .command('receive')
    .description('Take new messages from the delivery queue: verify, decrypt, save, acknowledge, receipt')
    .requiredOption('--out <dir>', 'folder for the envelopes, decrypted messages and attachments')
    .option('--keys <dir>', 'key folder (default CONCORD_KEYS_DIR)')
    .option('--no-ack', 'leave the messages in the queue')
    .option(PREVIOUS_KEYS_FLAG, PREVIOUS_KEYS_HELP, folders)
    .option(ACCEPT_KEYS_FLAG, ACCEPT_KEYS_HELP)
    .option('--limit <n>', 'at most this many (default 100)', (v) => {
      if (!/^\d+$/.test(v)) throw new InvalidArgumentError('a whole number');
      return Number(v);
    })
    .addOption(serverOption())
    .action(
      async (opts: {
        out: string;
        keys?: string;
        ack: boolean;
        limit?: number;
        server?: string;
        acceptKeys?: string;
        previousKeys?: string[];
      }) => {
        try {
          const c = connection(opts);
          const current = readKeys(keysDir(opts));
          const previous = previousKeys(opts.previousKeys, current.agency);
          const known = new KnownKeys(keysDir(opts), accepted(opts.acceptKeys));
          fs.mkdirSync(opts.out, { recursive: true, mode: 0o700 });
          const queue = await call<{
            items: (ReceivedEnvelope & { id: string; reference: string; sentAt: string })[];
          }>(c, 'GET', `/deliveries?limit=${opts.limit ?? 100}`);
          let invalid = 0;
          for (const envelope of queue.items) {
            const k = keysFor(envelope, current, previous);
            const signer = await signerKey(c, envelope);
            const opened = await openEnvelope(envelope, k.encryption, signer, envelope.sentAt, {
              agency: k.agency,
              kid: k.encryption.kid,
            });
            await checkSigner(known, envelope, signer, opened);
            const files: string[] = [];
            if (opened.content)
              for (const attachment of opened.content.attachments)
                files.push(await downloadAttachment(c, envelope.id, attachment, opts.out));
            const write = (name: string, value: unknown) =>
              fs.writeFileSync(path.join(opts.out, name), `${JSON.stringify(value, null, 2)}\n`, {
                mode: 0o600,
              });
            write(`${envelope.id}.envelope.json`, envelope);
            write(`${envelope.id}.json`, {
              id: envelope.id,
              reference: envelope.reference,
              from: envelope.header.from,
              sentAt: envelope.sentAt,
              priority: envelope.header.priority,
              handling: envelope.header.handling,
              tlp: envelope.header.tlp,
              verification: { valid: opened.valid, problems: opened.problems, warnings: opened.warnings },
              content: opened.content && {
                ...opened.content,
                attachments: opened.content.attachments.map(({ key: _k, ...a }) => a),
              },
              files,
            });
            if (!opened.valid) invalid++;
            process.stdout.write(
              `${envelope.reference}  from ${envelope.header.from}  ${envelope.header.priority}  ${opened.valid ? 'verified' : `NOT VERIFIED: ${opened.problems.join('; ')}`}\n`,
            );
            if (opts.ack) {
              await call(c, 'POST', '/deliveries/ack', { ids: [envelope.id] });
              // Taken from the queue (saved, with its problems) but not receipted: the agency
              // does not sign that it received what it cannot trust.
              if (opened.valid)
                await call(c, 'POST', `/messages/${envelope.id}/receipts`, {
                  kind: 'delivered',
                  jws: await signedReceipt(current, envelope, 'delivered'),
                });
            }
          }
          known.save();
          process.stdout.write(
            `${queue.items.length} ${queue.items.length === 1 ? 'message' : 'messages'} received${invalid ? `, ${invalid} failed verification` : ''}.\n`,
          );
          if (invalid > 0) process.exitCode = 1;
        } catch (error) {
          report(error);
        }
      },
    );

  message
    .command('decrypt')
    .description(
      'Decrypt an envelope file (as received, from a webhook, or written by receive) with your key',
    )
    .argument('<file>', 'envelope JSON (- for standard input)')
    .option('--keys <dir>', 'key folder (default CONCORD_KEYS_DIR)')
    .option(PREVIOUS_KEYS_FLAG, PREVIOUS_KEYS_HELP, folders)
    .action(async (file: string, opts: { keys?: string; previousKeys?: string[] }) => {
      try {
        const current = readKeys(keysDir(opts));
        const envelope = readEnvelopeFile(file);
        const k = keysFor(envelope, current, previousKeys(opts.previousKeys, current.agency));
        const opened = await openEnvelope(envelope, k.encryption, undefined);
        if (!opened.content) throw new CliError('The envelope does not decrypt with this key.');
        process.stdout.write(`${JSON.stringify(opened.content, null, 2)}\n`);
      } catch (error) {
        report(error);
      }
    });

  message
    .command('verify')
    .description('Verify an envelope’s signature and consistency against the sender’s key in the directory')
    .argument('<file>', 'envelope JSON (- for standard input)')
    .option('--keys <dir>', 'your key folder: also check the content against the signed header')
    .option(
      '--jwks <file>',
      'verify offline against keys saved from GET /agencies/{code}/keys (the whole answer)',
    )
    .option(ACCEPT_KEYS_FLAG, ACCEPT_KEYS_HELP)
    .addOption(serverOption())
    .action(
      async (file: string, opts: { keys?: string; jwks?: string; server?: string; acceptKeys?: string }) => {
        try {
          const envelope = readEnvelopeFile(file);
          const kid = signatureKid(envelope.signature);
          const directory: DirectoryKey[] = opts.jwks
            ? savedDirectory(JSON.parse(fs.readFileSync(opts.jwks, 'utf8')), opts.jwks)
            : (
                await call<{ keys: DirectoryKey[] }>(
                  connection(opts),
                  'GET',
                  `/agencies/${encodeURIComponent(envelope.header.from)}/keys`,
                )
              ).keys;
          const signer = directory.find((d) => d.kid === kid);
          const keysFolder = opts.keys ?? process.env.CONCORD_KEYS_DIR;
          const own = keysFolder ? readKeys(keysFolder) : undefined;
          const encryption = own?.encryption;
          const opened = await openEnvelope(
            envelope,
            encryption ?? null,
            signer,
            envelope.sentAt,
            own && envelope.header.to.includes(own.agency)
              ? { agency: own.agency, kid: own.encryption.kid }
              : undefined,
          );
          // A key taken from the server is held to the keys this system knows; one given in a
          // file (--jwks) was obtained out of band.
          if (keysFolder && !opts.jwks) {
            const known = new KnownKeys(keysFolder, accepted(opts.acceptKeys));
            await checkSigner(known, envelope, signer, opened);
            known.save();
          }
          const valid = opened.problems.length === 0;
          process.stdout.write(
            valid
              ? `Valid: signed by ${envelope.header.from} (key ${kid})${encryption ? '; content consistent' : '; content not checked (no --keys)'}.\n`
              : `INVALID:\n${opened.problems.map((p) => `  - ${p}`).join('\n')}\n`,
          );
          for (const w of opened.warnings) process.stdout.write(`Warning: ${w}\n`);
          if (!valid) process.exitCode = 1;
        } catch (error) {
          report(error);
        }
      },
    );

  message
    .command('receipt')
    .description('Sign and send a receipt for a message your agency received')
    .argument('<id>', 'message id')
    .addOption(
      new Option('--kind <kind>', 'delivered, read or answered')
        .argParser(choice(['delivered', 'read', 'answered'] as const))
        .default('read'),
    )
    .option('--keys <dir>', 'key folder (default CONCORD_KEYS_DIR)')
    .addOption(serverOption())
    .action(
      async (
        id: string,
        opts: { kind: 'delivered' | 'read' | 'answered'; keys?: string; server?: string },
      ) => {
        try {
          const c = connection(opts);
          const k = readKeys(keysDir(opts));
          const m = await call<{ id: string; envelope: { signature: string } }>(
            c,
            'GET',
            `/messages/${id}?envelope=true`,
          );
          const result = await call<{ created: boolean }>(c, 'POST', `/messages/${id}/receipts`, {
            kind: opts.kind,
            jws: await signedReceipt(k, { id: m.id, signature: m.envelope.signature }, opts.kind),
          });
          process.stdout.write(`${opts.kind} receipt ${result.created ? 'sent' : 'was sent before'}.\n`);
        } catch (error) {
          report(error);
        }
      },
    );

  const urgent = program
    .command('urgent')
    .description('24/7 urgent requests, for a self-held agency’s system');

  urgent
    .command('send')
    .description(
      'Send an urgent request: the form is checked here, encrypted and signed to the country’s point of contact, then the request is opened with its clocks',
    )
    .requiredOption('--to <country>', 'the requested country, ISO 3166-1 alpha-2 (US)')
    .addOption(
      new Option('--type <type>', URGENT_TYPES.join(', '))
        .argParser(choice(URGENT_TYPES))
        .makeOptionMandatory(),
    )
    .requiredOption(
      '--form <file>',
      'the form as JSON, field → text (- for standard input); see /openapi.json, UrgentForm-…',
    )
    .addOption(
      new Option('--priority <p>', 'urgent or flash')
        .argParser(choice(['urgent', 'flash'] as const))
        .default('urgent'),
    )
    .addOption(new Option('--handling <code>', 'H0–H3').argParser(choice(HANDLING_CODES)).default('H1'))
    .option('--handling-note <text>', 'the restriction, for H3')
    .addOption(new Option('--tlp <level>', 'TLP 2.0 marking').argParser(choice(TLP_LEVELS)).default('AMBER'))
    .option('--case-ref <ref>', 'your case reference')
    .option(
      '--message-id <id>',
      'the form was sent already (a request refused after it, then mended): open the request with that message',
    )
    .option('--keys <dir>', 'key folder (default CONCORD_KEYS_DIR)')
    .option(ACCEPT_KEYS_FLAG, ACCEPT_KEYS_HELP)
    .addOption(serverOption())
    .action(async (opts: Record<string, string | undefined>) => {
      try {
        const type = opts.type as UrgentType;
        const country = String(opts.to).toUpperCase();
        const form = JSON.parse(
          fs.readFileSync(opts.form === '-' ? 0 : (opts.form as string), 'utf8'),
        ) as Record<string, string>;
        // The server cannot read a self-held agency's form: it is checked here, as the server
        // checks a server-held agency's, before anything leaves.
        const errors = schemaErrors(URGENT_FORMS[type], form, '/form');
        if (errors.length > 0)
          throw new CliError(
            `The ${type} form is not complete:${errors.map((e) => `\n  ${e.field}: ${e.message}`).join('')}`,
          );
        const c = connection(opts as { server?: string });
        const k = readKeys(keysDir(opts as { keys?: string }));
        const open = (messageId: string) =>
          call<{ id: string; reference: string; ackDueAt: string }>(c, 'POST', '/urgent-requests', {
            type,
            to: country,
            messageId,
          });
        if (opts.messageId) {
          const linked = await open(opts.messageId);
          process.stdout.write(
            `Opened ${linked.reference} (${linked.id}); acknowledgement due ${linked.ackDueAt}.\n`,
          );
          return;
        }
        const directory = await call<{ items: { country: string; agency: string }[] }>(
          c,
          'GET',
          '/contact-points',
        );
        // The country's 24/7 unit, else its bureau (as the server routes them).
        const pointOfContact = directory.items.find((p) => p.country === country)?.agency ?? country;
        const prepared = await call<Prepared>(c, 'POST', '/messages/recipients', { to: [pointOfContact] });
        await checkRecipientKeys(
          k,
          prepared,
          new KnownKeys(keysDir(opts as { keys?: string }), accepted(opts.acceptKeys)),
        );
        const envelope = await composeEnvelope(k, prepared, {
          subject: `${TYPE_TITLE[type]} (${country})`,
          body: formSummary(type, form),
          priority: opts.priority as never,
          handling: opts.handling as never,
          handlingNote: opts.handlingNote ?? null,
          tlp: opts.tlp as never,
          evaluation: null,
          caseRef: opts.caseRef ?? null,
          form: { type, fields: form },
          attachments: [],
        });
        const sent = await call<{ id: string }>(c, 'POST', '/messages', { envelope });
        // The form is delivered; should opening the request fail, it is not sent twice.
        const request = await open(sent.id).catch((error: unknown) => {
          throw new CliError(
            `${error instanceof Error ? error.message : String(error)}\nThe form was delivered as message ${sent.id}: once this is mended, open the request with --message-id ${sent.id} (it is not sent again).`,
          );
        });
        process.stdout.write(
          `Sent ${request.reference} (${request.id}) to ${pointOfContact}; acknowledgement due ${request.ackDueAt}.\n`,
        );
      } catch (error) {
        report(error);
      }
    });
}
