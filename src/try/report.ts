// Reads the guest transcript of `lvscc try` (lab/try-guest.sh's framed output) into results per topology
// and service, and prints them as a table (human) or one JSON document.

/** One check of one service, as the guest's `TRY-RESULT {json}` line states it. */
export interface CheckResult {
  topology: string;
  service: string;
  check: 'traffic' | 'public' | 'bypass' | 'health' | 'failover';
  verdict: 'pass' | 'fail' | 'skip';
  seconds: number;
  detail: string;
  /** traffic and public: "rs1=2 rs2=2", the names that answered. */
  distribution?: string;
  reached?: string[];
}

/** What the guest said about one topology. */
export interface TopologyReport {
  /** The file given on the command line. */
  file: string;
  passed: boolean;
  /** The guest's verdict line (`PASS: try-N: ...` or `FAIL: try-N: ...`), or why there is none. */
  verdict: string;
  results: CheckResult[];
  /** Every failed check ("not ok:" line), those of the results included, in order. */
  failures: string[];
  /** The topology's lines of the transcript (for --keep and failures). */
  transcript: string[];
}

/** Splits the console transcript into one report per topology, in the order of `files`. */
export function parseTranscript(console: string, files: readonly string[]): TopologyReport[] {
  const lines = console.split('\n');
  return files.map((file, index) => {
    const label = `try-${index + 1}`;
    const begin = lines.indexOf(`=== begin ${label}`);
    if (begin < 0)
      return { file, passed: false, verdict: 'not run: the guest did not boot or stopped before this topology', results: [], failures: [], transcript: [] };
    let end = lines.findIndex((line, i) => i > begin && line.startsWith(`=== end ${label} `));
    if (end < 0) end = lines.length;
    const own = lines.slice(begin + 1, end);
    const results: CheckResult[] = [];
    for (const line of own) {
      if (!line.startsWith('TRY-RESULT ')) continue;
      try {
        results.push(JSON.parse(line.slice('TRY-RESULT '.length)) as CheckResult);
      } catch {
        // A line cut by the console (kernel message in between): the "not ok" line still counts.
      }
    }
    const failures = own.filter((line) => line.startsWith('not ok: ')).map((line) => line.slice('not ok: '.length));
    const verdictLine = [...own].reverse().find((line) => line.startsWith(`PASS: ${label}:`) || line.startsWith(`FAIL: ${label}:`));
    const status = end < lines.length ? lines[end]!.slice(`=== end ${label} `.length).trim() : 'none';
    const passed = status === '0' && verdictLine?.startsWith('PASS') === true && failures.length === 0;
    return {
      file,
      passed,
      verdict: verdictLine ?? (end < lines.length ? `no verdict (status ${status})` : 'the guest stopped during this topology'),
      results,
      failures,
      transcript: own,
    };
  });
}

const CELL: Record<CheckResult['verdict'], string> = { pass: 'ok', fail: 'FAIL', skip: '-' };

/** One row per service: the columns of the human table. */
export function serviceRows(report: TopologyReport): string[][] {
  const services = [...new Set(report.results.map((r) => r.service))];
  return services.map((service) => {
    const of = (check: CheckResult['check']): CheckResult | undefined => report.results.find((r) => r.service === service && r.check === check);
    const traffic = of('traffic');
    const cell = (check: CheckResult['check']): string => {
      const r = of(check);
      return r ? CELL[r.verdict] : '-';
    };
    const trafficCell = traffic ? `${CELL[traffic.verdict]} ${traffic.distribution ?? ''}`.trim() : '-';
    const seconds = report.results.filter((r) => r.service === service).reduce((sum, r) => sum + r.seconds, 0);
    return [
      service,
      traffic?.reached?.join(',') || '-',
      trafficCell,
      cell('public'),
      cell('bypass'),
      cell('health'),
      cell('failover'),
      `${seconds.toFixed(1)}s`,
    ];
  });
}

/** Left-aligned columns, two spaces apart. */
function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)));
  return rows.map((row) => row.map((cell, c) => (c === row.length - 1 ? cell : cell.padEnd(widths[c]!))).join('  '));
}

/** The human report: per topology a verdict line, the service table and the failed checks. */
export function renderHuman(reports: readonly TopologyReport[]): string {
  const out: string[] = [];
  for (const report of reports) {
    out.push(`${report.passed ? 'PASS' : 'FAIL'} ${report.file}`);
    const rows = serviceRows(report);
    if (rows.length) {
      for (const line of table([['service', 'reached', 'traffic (distribution)', 'public', 'bypass', 'health', 'failover', 'time'], ...rows]))
        out.push(`  ${line}`);
    }
    for (const failure of report.failures) out.push(`  not ok: ${failure}`);
    if (!report.passed && !report.failures.length) out.push(`  ${report.verdict}`);
    for (const r of report.results.filter((x) => x.verdict === 'skip')) out.push(`  not checked: ${r.service} ${r.check}: ${r.detail}`);
  }
  const passed = reports.filter((r) => r.passed).length;
  out.push(`lvscc try: ${passed} of ${reports.length} topolog${reports.length === 1 ? 'y' : 'ies'} passed every check`);
  return `${out.join('\n')}\n`;
}

/** The JSON report: one document. */
export function renderJson(reports: readonly TopologyReport[], extra: { accel?: string; seconds: number; kept?: string }): string {
  return `${JSON.stringify(
    {
      passed: reports.every((r) => r.passed),
      ...extra,
      topologies: reports.map(({ transcript: _transcript, ...rest }) => rest),
    },
    null,
    2,
  )}\n`;
}
