#!/usr/bin/env node
// The `concord` command. Runs the TypeScript sources through tsx so that a fresh
// checkout needs no separate build step (`npm install && npm start`).
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
