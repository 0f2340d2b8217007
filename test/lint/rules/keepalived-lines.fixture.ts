// A keepalived cluster with carried keepalived.conf lines at every level, shared by the LVS265-LVS267 tests.
import { dedent } from '../../helpers.js';

/** The topology with `lines` carried at each level (YAML flow lists); line numbers are fixed: global 3, vrrp 7, checker 17, service 18, member 20. */
export function carried(lines: { global?: string; vrrp?: string; checker?: string; service?: string; member?: string; manager?: string }): string {
  return dedent(`
    version: 1
    cluster: c
    keepalivedLines: [${lines.global ?? ''}]
    manager: ${lines.manager ?? 'keepalived'}
    vrrp:
      virtualRouterId: 51
      keepalivedLines: [${lines.vrrp ?? ''}]
      interface: eth0
    directors:
      lb1: { interfaces: { eth0: 10.0.0.2/24 }, priority: 150 }
    realServers:
      web1: { interfaces: { eth0: 10.0.0.11/24 } }
    services:
      http:
        vip: 10.0.0.100
        port: 80
        healthCheck: { type: http, keepalivedLines: [${lines.checker ?? ''}] }
        keepalivedLines: [${lines.service ?? ''}]
        realServers:
          - { server: web1, keepalivedLines: [${lines.member ?? ''}] }
        forwarding: dr
  `);
}
