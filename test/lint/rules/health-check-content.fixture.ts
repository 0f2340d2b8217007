// A keepalived service with an http check and two members, shared by the LVS268-LVS270 tests.
import { dedent } from '../../helpers.js';

/** `check` is the service's healthCheck (flow YAML, line 13, or omitted), `rs1`/`rs2` the members' own fields (lines 15, 16). */
export function httpService(check: string | undefined, rs1?: string, rs2?: string): string {
  const member = (name: string, own: string | undefined): string => (own === undefined ? `{ server: ${name} }` : `{ server: ${name}, healthCheck: ${own} }`);
  return dedent(`
    version: 1
    cluster: c
    manager: keepalived
    directors:
      lb1: { interfaces: { eth0: 10.0.0.2/24 } }
    realServers:
      web1: { interfaces: { eth0: 10.0.0.11/24 } }
      web2: { interfaces: { eth0: 10.0.0.12/24 } }
    services:
      http:
        vip: 10.0.0.100
        port: 80
        ${check === undefined ? 'scheduler: wlc' : `healthCheck: ${check}`}
        realServers:
          - ${member('web1', rs1)}
          - ${member('web2', rs2)}
        forwarding: dr
  `);
}
