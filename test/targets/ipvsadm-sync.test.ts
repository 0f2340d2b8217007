// The in-place IPVS diff (templates/shell/kinds/ipvs.sh: ipvs_sync and ipvs_drain), shared by apply.sh and the
// IPVS unit's sync script, run by bash against a stub ipvsadm that logs each command.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = mkdtempSync(join(tmpdir(), 'lvscc-ipvs-sync-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const library = ['lib/common.sh', 'kinds/ipvs.sh'].map((f) => readFileSync(new URL(`../../templates/shell/${f}`, import.meta.url), 'utf8')).join('\n');

const KEY = '-t 10.0.0.80:80';
const CURRENT = [`-A ${KEY} -s rr`, `-a ${KEY} -r 10.0.0.21:80 -g -w 1`, `-a ${KEY} -r 10.0.0.22:80 -g -w 1`, `-a ${KEY} -r 10.0.0.23:80 -g -w 1`].join('\n');

/**
 * Runs ipvs_sync KEY RULES CURRENT DRAIN and ipvs_drain; `active` lists the ActiveConn that successive
 * `ipvsadm -Ln` calls report for each destination. Returns the ipvsadm commands run, and stderr.
 */
function sync(rules: string, drain: number, active: number[], options = ''): { commands: string[]; stderr: string; status: number | null } {
  const dir = mkdtempSync(join(root, 'run-'));
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  writeFileSync(join(dir, 'active'), active.map((n) => `${n}\n`).join(''));
  // -Ln prints the next count for every destination (the first line of the file, consumed).
  writeFileSync(
    join(bin, 'ipvsadm'),
    `#!/usr/bin/env bash
if [[ $1 == -Ln ]]; then
  n=$(head -n 1 "${dir}/active"); sed -i 1d "${dir}/active"; [[ -n $n ]] || n=0
  for d in 10.0.0.21:80 10.0.0.22:80 10.0.0.23:80; do echo "  -> $d Route 0 $n 0"; done
  exit 0
fi
echo "$*" >>"${dir}/log"
`,
  );
  chmodSync(join(bin, 'ipvsadm'), 0o755);
  const script = `SCRIPT=t CLUSTER=c HOST=h\n${library}\n${options}\nipvs_sync "$1" "$2" "$3" "$4"\nipvs_drain\n`;
  const r = spawnSync('bash', ['-c', script, 'bash', KEY, rules, CURRENT, String(drain)], {
    encoding: 'utf8',
    env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, LVSCC_STATE_DIR: dir },
  });
  let log = '';
  try {
    log = readFileSync(join(dir, 'log'), 'utf8');
  } catch {
    // No ipvsadm command ran.
  }
  return { commands: log.split('\n').filter(Boolean), stderr: r.stderr, status: r.status };
}

describe('ipvs_sync and ipvs_drain', () => {
  it('changes only the scheduler of a service with -E, and one weight with -e', () => {
    const rules = CURRENT.replace('-s rr', '-s wrr').replace('10.0.0.22:80 -g -w 1', '10.0.0.22:80 -g -w 3');
    expect(sync(rules, 60, []).commands).toEqual([`-E ${KEY} -s wrr`, `-e ${KEY} -r 10.0.0.22:80 -g -w 3`]);
  });

  it('adds a real server with -a and never deletes the service', () => {
    const rules = `${CURRENT}\n-a ${KEY} -r 10.0.0.24:80 -g -w 1`;
    expect(sync(rules, 60, []).commands).toEqual([`-a ${KEY} -r 10.0.0.24:80 -g -w 1`]);
  });

  it('drains a leaving real server: weight 0, then -d once its active connections reach 0', () => {
    const rules = CURRENT.split('\n').slice(0, 3).join('\n');
    const r = sync(rules, 60, [2, 1, 0]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.commands).toEqual([`-e ${KEY} -r 10.0.0.23:80 -g -w 0`, `-d ${KEY} -r 10.0.0.23:80`]);
    // At most 60 s: a second may pass before the first report on a loaded machine.
    expect(r.stderr).toMatch(/t: draining 10\.0\.0\.23:80 from -t 10\.0\.0\.80:80: 2 active connection\(s\), at most (60|59) s more/);
  });

  it('deletes a leaving real server when the drain time passes, and says so', () => {
    const rules = CURRENT.split('\n').slice(0, 3).join('\n');
    const r = sync(rules, 1, [5, 5, 5, 5, 5]);
    expect(r.commands).toEqual([`-e ${KEY} -r 10.0.0.23:80 -g -w 0`, `-d ${KEY} -r 10.0.0.23:80`]);
    expect(r.stderr).toContain('drain of 10.0.0.23:80 in -t 10.0.0.80:80 timed out with 5 active connection(s)');
  });

  it('under --no-wait leaves a busy leaving server at weight 0 for the next run', () => {
    const rules = CURRENT.split('\n').slice(0, 3).join('\n');
    const r = sync(rules, 60, [3], 'drain_wait=0');
    expect(r.commands).toEqual([`-e ${KEY} -r 10.0.0.23:80 -g -w 0`]);
    expect(r.stderr).toContain('left 10.0.0.23:80 in -t 10.0.0.80:80 at weight 0 (3 active connection(s)); a later run deletes it');
  });

  it('keeps a real server whose weight goes to 0 (a drain that stays)', () => {
    const rules = CURRENT.replace('10.0.0.21:80 -g -w 1', '10.0.0.21:80 -g -w 0');
    expect(sync(rules, 60, []).commands).toEqual([`-e ${KEY} -r 10.0.0.21:80 -g -w 0`]);
  });

  it('adds a new service whole with ipvsadm -R', () => {
    const dir = mkdtempSync(join(root, 'new-'));
    const script = `SCRIPT=t CLUSTER=c HOST=h\n${library}\nipvsadm() { echo "ipvsadm $*"; cat; }\nipvs_sync "$1" "$2" '' 60\n`;
    const r = spawnSync('bash', ['-c', script, 'bash', KEY, CURRENT], { encoding: 'utf8', env: { ...process.env, LVSCC_STATE_DIR: dir } });
    expect(r.stdout).toBe(`ipvsadm -R\n${CURRENT}\n`);
  });
});
