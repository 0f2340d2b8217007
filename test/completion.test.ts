// `lvscc completion bash|zsh|fish`: each script parses in its shell and completes commands, flags and flag values
// (bash by calling its function, fish by `complete -C`, zsh by loading it under compinit).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { haveTool } from './real-tools.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const temp = mkdtempSync(join(tmpdir(), 'lvscc-completion-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** The script `lvscc completion shell` prints, saved to a file. */
function script(shell: string): string {
  const run = spawnSync(process.execPath, [join(root, 'bin/run.js'), 'completion', shell], { encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  const file = join(temp, `lvscc.${shell}`);
  writeFileSync(file, run.stdout);
  return file;
}

const sh = (shell: string, code: string) =>
  spawnSync(shell, ['-c', code], { encoding: 'utf8', cwd: temp, env: { ...process.env, HOME: temp, XDG_CONFIG_HOME: temp } });

describe('lvscc completion', () => {
  it('bash: completes commands, flags and flag values', () => {
    const file = script('bash');
    const reply = (words: string[]) => {
      const run = sh(
        'bash',
        `source ${file}; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _lvscc; printf '%s\\n' "\${COMPREPLY[@]}"`,
      );
      expect(run.stderr).toBe('');
      return run.stdout.trim().split('\n');
    };
    expect(reply(['lvscc', 'b'])).toEqual(['build']);
    expect(reply(['lvscc', ''])).toEqual(expect.arrayContaining(['build', 'completion', 'explain', 'help', 'init', 'lint', 'schema']));
    expect(reply(['lvscc', 'build', '--fo'])).toEqual(['--format']);
    expect(reply(['lvscc', 'lint', '-f', 's'])).toEqual(['sarif']);
    expect(reply(['lvscc', 'init', '--template', ''])).toEqual(['tun', 'dr', 'nat', 'ha']);
    expect(reply(['lvscc', 'completion', 'f'])).toEqual(['fish']);
  });

  it.runIf(haveTool('fish'))('fish: parses and completes commands, flags and values', () => {
    const file = script('fish');
    expect(spawnSync('fish', ['--no-execute', file]).status).toBe(0);
    const complete = (line: string) =>
      sh('fish', `source ${file}; complete -C '${line}'`)
        .stdout.trim()
        .split('\n')
        .map((l) => l.split('\t')[0]);
    expect(complete('lvscc bu')).toEqual(['build']);
    expect(complete('lvscc build --for')).toEqual(['--format']);
    expect(complete('lvscc init --template ').sort()).toEqual(['dr', 'ha', 'nat', 'tun']);
  });

  it.runIf(haveTool('zsh', ['-c', 'true']))('zsh: parses and defines the completion function under compinit', () => {
    const file = script('zsh');
    expect(spawnSync('zsh', ['-n', file]).status).toBe(0);
    const run = sh('zsh', `autoload -U compinit; compinit -u -D; source ${file}; whence -w _lvscc; print -r -- $_comps[lvscc]`);
    expect(run.stdout).toBe('_lvscc: function\n_lvscc\n');
  });

  it('refuses an unknown shell with exit 2', () => {
    const run = spawnSync(process.execPath, [join(root, 'bin/run.js'), 'completion', 'tcsh'], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('tcsh');
  });
});
