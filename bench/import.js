// `npm run bench` part: lvscc import of a keepalived.conf with 150 virtual servers (target: under 0.5 s), and
// the round trip (--verify: import, build, read back, compare) on the same file.
import { performance } from 'node:perf_hooks';

/** A pair director's keepalived.conf: one VRRP instance, `services` DR virtual servers of 4 checked real servers each. */
export function keepalivedConf(services = 150) {
  const out = [
    'global_defs {',
    '    router_id lb1',
    '}',
    'vrrp_instance VI_1 {',
    '    state MASTER',
    '    interface eth0',
    '    virtual_router_id 51',
    '    priority 150',
    '    virtual_ipaddress {',
  ];
  for (let i = 0; i < services; i++) out.push(`        10.1.${Math.floor(i / 250)}.${(i % 250) + 1}`);
  out.push('    }', '}');
  for (let i = 0; i < services; i++) {
    out.push(`virtual_server 10.1.${Math.floor(i / 250)}.${(i % 250) + 1} 80 {`, '    delay_loop 6', '    lb_algo wrr', '    lb_kind DR', '    protocol TCP');
    for (let r = 0; r < 4; r++) {
      out.push(
        `    real_server 10.1.8.${((i * 4 + r) % 250) + 1} 80 {`,
        '        weight 1',
        '        HTTP_GET {',
        '            url {',
        '                path /healthz',
        '                status_code 200',
        '            }',
        '            connect_timeout 3',
        '            retry 2',
        '            delay_before_retry 2',
        '        }',
        '    }',
      );
    }
    out.push('}');
  }
  return `${out.join('\n')}\n`;
}

/** Median wall times of the import and of the round trip, in milliseconds. */
export async function measureImport(runs = 5) {
  const { importFiles } = await import('../dist/import/index.js');
  const { compareRoundTrip } = await import('../dist/import/compare.js');
  const text = keepalivedConf(150);
  const files = { read: (p) => (p === 'keepalived.conf' ? text : undefined), list: () => undefined };
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const time = (work) => {
    const start = performance.now();
    const result = work();
    return { ms: performance.now() - start, result };
  };
  const imports = [];
  const trips = [];
  let last;
  for (let i = 0; i < runs; i++) {
    const imported = time(() => importFiles(['keepalived.conf'], files));
    if (!imported.result.yaml) throw new Error(`the bench's keepalived.conf did not import: ${imported.result.problems.map((p) => p.message).join('; ')}`);
    imports.push(imported.ms);
    const trip = time(() => compareRoundTrip(['keepalived.conf'], files));
    trips.push(trip.ms);
    last = trip.result;
  }
  return { bytes: text.length, import: median(imports), roundTrip: median(trips), differences: last.differences.length };
}
