#!/usr/bin/env node
// Writes docs/commands.md from the built commands (run `npm run build` first; `npm run docs` does both).
import { writeFileSync } from 'node:fs';
import { Config } from '@oclif/core/config';
import { commandInfos } from '../dist/cli/command-info.js';
import { commandReference } from '../dist/cli/reference.js';

const config = await Config.load(new URL('..', import.meta.url).pathname);
writeFileSync(new URL('../docs/commands.md', import.meta.url), commandReference(config.bin, commandInfos(config.commands, config.bin)));
