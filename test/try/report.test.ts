// The transcript of lab/try-guest.sh read into per-topology reports, and the table and JSON printed from them.
import { describe, expect, it } from 'vitest';
import { parseTranscript, renderHuman, renderJson, serviceRows } from '../../src/try/report.js';

const result = (o: Record<string, unknown>): string => `TRY-RESULT ${JSON.stringify({ topology: 'a.yaml', service: 'http', seconds: 1.5, detail: 'd', ...o })}`;

const transcript = [
  'run-in-guest: booting 6.1.0-57-amd64 (tcg) for try-guest.sh (timeout 900s)',
  '[    3.1] a kernel message',
  '=== begin try-1',
  result({ check: 'traffic', verdict: 'pass', distribution: 'rs1=2 rs2=2', reached: ['rs1', 'rs2'] }),
  'ok: http: traffic: 4 requests',
  result({ check: 'bypass', verdict: 'pass' }),
  result({ check: 'health', verdict: 'skip', detail: 'no health check' }),
  'PASS: try-1: a.yaml (3 checks, 9s)',
  '=== end try-1 0',
  '=== begin try-2',
  result({ topology: 'b.yaml', check: 'traffic', verdict: 'fail', distribution: 'rs1=4', reached: ['rs1'], detail: 'no answer from real server(s) rs2' }),
  'not ok: http: traffic: no answer from real server(s) rs2',
  'TRY-RESULT {"cut by a kernel mess',
  'FAIL: try-2: 1 of 1 check(s) failed (8s); first: http: traffic: no answer from real server(s) rs2',
  '=== end try-2 1',
  '=== begin try-3',
  'PASS: try-3: c.yaml (0 checks, 1s)',
].join('\n');

describe('parseTranscript', () => {
  const reports = parseTranscript(transcript, ['a.yaml', 'b.yaml', 'c.yaml', 'd.yaml']);

  it('takes each topology from its own frame, with its results and failures', () => {
    expect(reports.map((r) => r.passed)).toEqual([true, false, false, false]);
    expect(reports[0]!.results.map((r) => `${r.check}:${r.verdict}`)).toEqual(['traffic:pass', 'bypass:pass', 'health:skip']);
    expect(reports[1]!.failures).toEqual(['http: traffic: no answer from real server(s) rs2']);
    expect(reports[1]!.results).toHaveLength(1); // the cut line is dropped, its "not ok" still counts
  });

  it('fails a topology whose frame never ended and one that never began', () => {
    expect(reports[2]!.verdict).toBe('PASS: try-3: c.yaml (0 checks, 1s)');
    expect(reports[2]!.passed).toBe(false);
    expect(reports[3]!.verdict).toMatch(/^not run/);
  });

  it('prints one row per service with the distribution, and the failed checks naming the host', () => {
    expect(serviceRows(reports[0]!)).toEqual([['http', 'rs1,rs2', 'ok rs1=2 rs2=2', '-', 'ok', '-', '-', '4.5s']]);
    const human = renderHuman(reports);
    expect(human).toContain('PASS a.yaml\n');
    expect(human).toContain('FAIL b.yaml\n');
    expect(human).toContain('  not ok: http: traffic: no answer from real server(s) rs2\n');
    expect(human).toContain('  not checked: http health: no health check\n');
    expect(human.trimEnd().split('\n').at(-1)).toBe('lvscc try: 1 of 4 topologies passed every check');
  });

  it('gives one JSON document without the transcripts', () => {
    const doc = JSON.parse(renderJson(reports, { seconds: 12.5, accel: 'tcg' })) as { passed: boolean; topologies: Record<string, unknown>[] };
    expect(doc.passed).toBe(false);
    expect(doc.topologies).toHaveLength(4);
    expect(doc.topologies[0]).not.toHaveProperty('transcript');
    expect(doc.topologies[1]).toMatchObject({ file: 'b.yaml', passed: false });
  });
});
