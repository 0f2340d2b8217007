// docs/commands.md is what `npm run docs` makes from the command classes: a summary, flag or example changed without it fails here.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Config } from '@oclif/core/config';
import { describe, expect, it } from 'vitest';
import { commandInfos } from '../src/cli/command-info.js';
import { commandReference } from '../src/cli/reference.js';

const root = fileURLToPath(new URL('../', import.meta.url));

describe('docs/commands.md', () => {
  it('is current with the commands (run `npm run docs` to regenerate it)', async () => {
    // The built CLI's config (oclif.manifest.json, which `npm run build` writes from the command classes).
    const config = await Config.load(root);
    const expected = commandReference(config.bin, commandInfos(config.commands, config.bin));
    expect(readFileSync(`${root}docs/commands.md`, 'utf8'), 'docs/commands.md is stale: run `npm run docs`').toBe(expected);
  });

  it('documents every command with its summary, and the README links to it', async () => {
    const config = await Config.load(root);
    const text = readFileSync(`${root}docs/commands.md`, 'utf8');
    for (const command of config.commands.filter((c) => !c.hidden))
      expect(text).toContain(`## lvscc ${command.id}\n\n${(command.summary ?? command.description!.split('\n')[0]!).replace(/<%= config.bin %>/g, 'lvscc')}`);
    expect(readFileSync(`${root}README.md`, 'utf8')).toContain('(docs/commands.md)');
  });
});
