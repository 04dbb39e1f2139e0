/**
 * Generates web/src/api/schema.d.ts, the UI's types of the HTTP API, from the OpenAPI
 * document of the server built in memory (no port, no data folder).
 *
 *   npm run web:types              regenerate
 *   npm run web:types -- --check   fail when the committed file is out of date
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { buildApp } from '../../src/main.ts';
import { closeContext, createContext } from '../../src/platform/bootstrap.ts';
import { loadConfig } from '../../src/platform/config.ts';

const target = fileURLToPath(new URL('../src/api/schema.d.ts', import.meta.url));

const ctx = await createContext(
  loadConfig({ LOG_LEVEL: 'silent', CONCORD_PUBLIC_URL: 'http://localhost:8080' }),
  { inMemory: true },
);
let output: string;
try {
  const app = await buildApp(ctx);
  const document = app.swagger() as Parameters<typeof openapiTS>[0];
  await app.close();
  const ast = await openapiTS(document, { alphabetize: true });
  output = `/**\n * Generated from /openapi.json by \`npm run web:types\`. Do not edit.\n */\n\n${astToString(ast)}`;
} finally {
  await closeContext(ctx);
}

const relative = path.relative(process.cwd(), target);
if (process.argv.includes('--check')) {
  const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : '';
  if (current !== output) {
    console.error(`${relative} is out of date: run npm run web:types`);
    process.exit(1);
  }
  console.log(`${relative} matches /openapi.json`);
} else {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, output);
  console.log(`wrote ${relative}`);
}
