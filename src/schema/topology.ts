// The topology format, declared once: schema/topology.schema.json is generated from it (npm run schema)
// and the TypeScript input types (src/model/input.ts) are derived from it with Static<>.
import { Type, type Static, type TObject, type TProperties, type TSchema, type TUnsafe } from '@sinclair/typebox';

/** The annotations of a field in the published schema. */
interface Annotations {
  description?: string;
  examples?: unknown[];
}

/** A named entry of the schema's `definitions`, referred to with {@link ref}. */
interface Definition<T extends TSchema> {
  /** Its key under `definitions`. */
  readonly id: string;
  readonly schema: T;
}

/** Names a schema as an entry of `definitions`. */
function define<T extends TSchema>(id: string, schema: T): Definition<T> {
  return { id, schema };
}

/** `{ $ref: '#/definitions/<id>' }` plus annotations, typed as the definition it points to. */
function ref<T extends TSchema>(definition: Definition<T>, annotations: Annotations = {}): TUnsafe<Static<T>> {
  return Type.Unsafe<Static<T>>({ $ref: `#/definitions/${definition.id}`, ...annotations });
}

/**
 * A string `enum` (TypeBox's union of literals would publish `anyOf`/`const`, and ajv would report
 * one error per literal instead of one `enum` error with the allowed values).
 */
function stringEnum<const V extends readonly string[]>(values: V, annotations: Annotations): TUnsafe<V[number]> {
  return Type.Unsafe<V[number]>({ type: 'string', enum: [...values], ...annotations });
}

/** A JSON object with a fixed set of keys and no others. */
function closedObject<P extends TProperties>(properties: P, options: Annotations & Record<string, unknown> = {}): TObject<P> {
  return Type.Object(properties, { additionalProperties: false, ...options });
}

/**
 * A mapping from names to values, published as `propertyNames` + `additionalProperties` (TypeBox's
 * Type.Record would publish `patternProperties`, where an invalid name is reported as an unknown key).
 */
function map<V extends TSchema>(
  keys: TSchema,
  values: V,
  options: Annotations & { minProperties: number; maxProperties: number },
): TUnsafe<Record<string, Static<V>>> {
  return Type.Unsafe<Record<string, Static<V>>>({ type: 'object', ...options, propertyNames: keys, additionalProperties: values });
}

/** `if: { type }, then, else`: ajv then reports the errors of the one branch that applies. */
function byType<Then extends TSchema, Else extends TSchema>(
  type: 'string' | 'array',
  then: Then,
  otherwise: Else,
  annotations: Annotations,
): TUnsafe<Static<Then> | Static<Else>> {
  return Type.Unsafe<Static<Then> | Static<Else>>({ ...annotations, if: { type }, then, else: otherwise });
}

// ---- definitions: the value grammars that many fields share

const Name = define(
  'name',
  Type.String({
    pattern: '^(?!.*\\.\\.)[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$',
    description:
      'A name safe as a file name, shell word, keepalived.conf token and IOS word: 1 to 63 letters, digits, `_`, `.` or `-`, starting with a letter or digit, without `..`.',
    examples: ['rs1', 'web-tun'],
  }),
);

const InterfaceName = define(
  'interfaceName',
  Type.String({
    pattern: '^(?!\\.\\.?$)[A-Za-z0-9_.][A-Za-z0-9_.-]{0,14}$',
    description: 'A Linux interface name: 1 to 15 letters, digits, `_`, `.` or `-`, not starting with `-`.',
    examples: ['eth0', 'bond0.42'],
  }),
);

const IosInterfaceName = define(
  'iosInterfaceName',
  Type.String({
    pattern: '^[A-Za-z][A-Za-z0-9/.:-]{0,63}$',
    description: 'A Cisco IOS interface name.',
    examples: ['GigabitEthernet0/1'],
  }),
);

const Address = define(
  'address',
  Type.String({
    pattern: '^[0-9A-Fa-f:.]{2,45}$',
    description: 'An IPv4 or IPv6 address without prefix length.',
    examples: ['10.10.24.1', '2001:db8::1'],
  }),
);

const Address4 = define(
  'address4',
  Type.String({
    pattern: '^[0-9.]{7,15}$',
    description: 'An IPv4 address.',
    examples: ['112.2.21.88'],
  }),
);

const Address6 = define(
  'address6',
  Type.String({
    pattern: '^[0-9A-Fa-f:.]{2,45}$',
    description: 'An IPv6 address.',
    examples: ['2001:db8:24::1'],
  }),
);

const Cidr = define(
  'cidr',
  Type.String({
    pattern: '^[0-9A-Fa-f:.]{2,45}/[0-9]{1,3}$',
    description: 'An interface address with its prefix length (IPv4 or IPv6).',
    examples: ['10.10.24.21/24', '2001:db8:24::21/64'],
  }),
);

const Vip = define(
  'vip',
  Type.String({
    pattern: '^[0-9A-Fa-f:.]{2,45}(/[0-9]{1,3})?$',
    description:
      'A virtual IP address (IPv4 or IPv6). A prefix, if written, must be the segment prefix of the directors, which add the VIP with it (LVS220); real servers hold it as /32 or /128.',
    examples: ['10.10.24.88', '2001:db8:24::88'],
  }),
);

const Port = define(
  'port',
  Type.Integer({
    minimum: 1,
    maximum: 65535,
    description: 'A TCP, UDP or SCTP port.',
    examples: [80],
  }),
);

const Cidr4 = define(
  'cidr4',
  Type.String({
    pattern: '^[0-9.]{7,15}/[0-9]{1,2}$',
    description: 'An IPv4 interface address with its prefix length.',
    examples: ['10.10.24.1/24'],
  }),
);

const KeepalivedLines = define(
  'keepalivedLines',
  Type.Array(
    Type.String({
      pattern:
        '^(?=.{1,255}$)[a-z][a-z0-9_-]{0,63}( ([A-Za-z0-9_.:/,=+%~^*-][A-Za-z0-9_.:/,=+%~^*@-]*|"[A-Za-z0-9_.:/,=+%~^*-][A-Za-z0-9_.:/,=+%~^*@-]*( [A-Za-z0-9_.:/,=+%~^*-][A-Za-z0-9_.:/,=+%~^*@-]*)*"))*$',
      description:
        'One keepalived.conf line of at most 255 characters: a keyword, then words separated by single spaces, each bare or a double-quoted phrase (for a script with arguments). Words hold letters, digits and `_ . : / , = + % ~ ^ * -`, and `@` after their first character (an e-mail address): no braces, quotes inside words, `#`/`!` comments, `\\`, `$`, or `@` starting a word, so a line can neither open a block, include a file, expand a definition nor start a conditional.',
      examples: ['vrrp_garp_interval 0.001', 'notify_master "/usr/local/bin/notify master"'],
    }),
    {
      maxItems: 64,
      description:
        'Lines that lvscc carries verbatim into keepalived.conf at this level, for keepalived settings the format does not model. The keyword must be one keepalived knows at this level (LVS266) and not one the format models (LVS267, which names the field); lint lists each carried line (LVS265, a warning), so that it stays visible. `keepalived -t` checks the result before every reload.',
      examples: [['vrrp_garp_interval 0.001']],
    },
  ),
);

// ---- definitions: hosts

const InterfaceObject = define(
  'interfaceObject',
  closedObject(
    {
      address: byType('array', Type.Array(ref(Cidr), { minItems: 1, maxItems: 16 }), ref(Cidr), {
        description: "The interface's address with prefix length, or a list of them (for example one IPv4 and one IPv6).",
        examples: ['10.10.24.21/24', ['10.10.24.21/24', '2001:db8:24::21/64']],
      }),
      mtu: Type.Optional(
        Type.Integer({
          minimum: 68,
          maximum: 65535,
          description: 'The link MTU in bytes; lvscc checks tunnel overhead against it.',
          examples: [1500],
        }),
      ),
    },
    {
      description: 'An interface with one or more addresses and an optional MTU.',
      examples: [{ address: '10.10.24.21/24', mtu: 1500 }],
    },
  ),
);

const InterfaceValue = define(
  'interfaceValue',
  byType('string', ref(Cidr), ref(InterfaceObject), {
    description: 'An interface address with prefix (`10.10.24.21/24`) or the object form `{ address, mtu }`.',
    examples: ['10.10.24.21/24', { address: '10.10.24.21/24', mtu: 9000 }],
  }),
);

/** What directors and real servers both have. */
const hostProperties = {
  interfaces: map(ref(InterfaceName), ref(InterfaceValue), {
    description: 'Interfaces by Linux name; each value is its address with prefix or `{ address, mtu }`.',
    minProperties: 1,
    maxProperties: 64,
    examples: [{ eth0: '10.10.24.21/24' }],
  }),
  gateway: Type.Optional(
    ref(Address4, {
      description: 'IPv4 default gateway of this host; overrides `defaults.gateway`.',
      examples: ['10.10.24.1'],
    }),
  ),
  gateway6: Type.Optional(
    ref(Address6, {
      description: 'IPv6 default gateway of this host; overrides `defaults.gateway6`.',
      examples: ['2001:db8:24::1'],
    }),
  ),
};

const Director = define(
  'director',
  closedObject(
    {
      ...hostProperties,
      priority: Type.Optional(
        Type.Integer({
          minimum: 1,
          maximum: 254,
          description: 'VRRP priority of this director (1 to 254; the highest becomes MASTER).',
          examples: [150],
        }),
      ),
    },
    {
      description: 'A director: runs IPVS and forwards requests to real servers.',
      examples: [{ interfaces: { eth0: '192.168.10.2/24' }, priority: 150 }],
    },
  ),
);

const RealServer = define(
  'realServer',
  closedObject(hostProperties, {
    description: 'A real server: answers the requests that directors forward to it.',
    examples: [{ interfaces: { eth0: '10.10.24.21/24' } }],
  }),
);

// ---- definitions: services

/** HTTP status codes a url check accepts: one code, or a list of codes and `low-high` ranges. */
const StatusCodes = define(
  'statusCodes',
  byType(
    'array',
    Type.Array(
      byType('string', Type.String({ pattern: '^[1-5][0-9]{2}-[1-5][0-9]{2}$' }), Type.Integer({ minimum: 100, maximum: 599 }), {
        description: 'A status code, or a range `low-high` such as `200-299`.',
      }),
      { minItems: 1, maxItems: 32 },
    ),
    Type.Integer({ minimum: 100, maximum: 599 }),
    {
      description: 'HTTP status codes the check accepts (keepalived `status_code`): one code, or a list of codes and `low-high` ranges.',
      examples: [200, [200, '300-399']],
    },
  ),
);

const UrlPath = Type.String({
  pattern: '^/[A-Za-z0-9._~/?=&%+-]{0,255}$',
  description: 'URL path for http/https checks. Default `/`.',
  examples: ['/healthz'],
});

const Digest = Type.String({
  pattern: '^[0-9a-f]{32}$',
  description:
    "MD5 digest (32 lower-case hex digits) the response body must have (keepalived `digest`; `genhash` prints it): the check fails when the page's content changes. Default: the body is not checked.",
  examples: ['9b3a0c85a887a256d6939da88aabd8cd'],
});

/** The checkers lvscc renders, by the name the format uses. */
export const healthCheckTypes = ['tcp', 'http', 'https', 'udp', 'dns', 'misc', 'smtp', 'ping', 'none'] as const;

/** The fields of a health check besides its type; a member's `healthCheck` overrides some of them. */
const ScriptPath = define(
  'scriptPath',
  Type.String({
    pattern: '^(/[A-Za-z0-9_][A-Za-z0-9._+-]{0,63}){1,16}$',
    description:
      'Absolute path of a program keepalived runs, without arguments: segments of letters, digits and `_ . + -`, none starting with `.`. It runs as root under `enable_script_security`, which refuses a program any non-root user can write to or replace.',
    examples: ['/usr/local/bin/page-ops'],
  }),
);

const healthCheckProperties = {
  port: Type.Optional(
    ref(Port, {
      description: "Port to probe. Default: the real server's port. Not used by `misc` (the script gets the port as an argument) and `ping`.",
      examples: [80],
    }),
  ),
  path: Type.Optional(UrlPath),
  expectStatus: Type.Optional(
    Type.Integer({
      minimum: 100,
      maximum: 599,
      description: 'HTTP status the check expects (http/https). Default 200.',
      examples: [200],
    }),
  ),
  digest: Type.Optional(Digest),
  urls: Type.Optional(
    Type.Array(
      closedObject(
        {
          path: UrlPath,
          expectStatus: Type.Optional(ref(StatusCodes, { description: 'Status codes this URL may answer with. Default 200.' })),
          digest: Type.Optional(Digest),
        },
        { description: 'One URL the http/https check fetches.', examples: [{ path: '/healthz', expectStatus: [200, '300-399'] }] },
      ),
      {
        minItems: 1,
        maxItems: 32,
        description:
          'Several URLs the http/https check fetches (keepalived `url` blocks): the server is up only when every one answers as expected. Instead of `path`, `expectStatus` and `digest` (LVS268).',
        examples: [[{ path: '/healthz' }, { path: '/index.html', digest: '9b3a0c85a887a256d6939da88aabd8cd' }]],
      },
    ),
  ),
  virtualHost: Type.Optional(
    Type.String({
      pattern: '^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?){0,126}(:[0-9]{1,5})?$',
      description:
        'Host header (and TLS server name) of http/https checks (keepalived `virtualhost`). Default: none, so a name-based virtual host answers with its default site.',
      examples: ['www.example.com'],
    }),
  ),
  address: Type.Optional(
    ref(Address, {
      description:
        "Address the check connects to (keepalived `connect_ip`), for a real server whose service answers health checks on another address (a management interface). Default: the real server's address. Not the VIP: the MASTER would probe its own IPVS table.",
      examples: ['10.10.99.21'],
    }),
  ),
  sourceAddress: Type.Optional(
    ref(Address, {
      description:
        "Director address the check connects from (keepalived `bindto`); every director needs it, so it is usually a floating address (`vrrp.gatewayAddress`) or an address all directors share. Default: the kernel's choice.",
      examples: ['10.10.24.254'],
    }),
  ),
  queryName: Type.Optional(
    Type.String({
      pattern: '^(\\.|[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?(\\.[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?){0,126}\\.?)$',
      description:
        "Name the dns check asks for (keepalived DNS_CHECK `name`). Default `.` (keepalived's), which only a recursive resolver answers: for an authoritative server, use a name in one of its zones.",
      examples: ['example.com'],
    }),
  ),
  queryType: Type.Optional(
    stringEnum(['A', 'AAAA', 'NS', 'CNAME', 'SOA', 'MX', 'TXT'], {
      description: 'Record type the dns check asks for (keepalived DNS_CHECK `type`). Default `SOA`.',
      examples: ['A'],
    }),
  ),
  script: Type.Optional(
    Type.String({
      pattern: '^(/[A-Za-z0-9_][A-Za-z0-9._+-]{0,63}){1,16}$',
      description:
        "Absolute path of the program a misc check runs (keepalived MISC_CHECK `misc_path`), required with `type: misc`. lvscc calls it with the real server's address and port as its two arguments (the address only on a fwmark service without a port); exit status 0 means up. Path segments are letters, digits, `_ . + -`, none starting with `.`; no arguments, quotes or spaces. It runs as root (`keepalived -t` 2.2 kills itself on a script that runs as another user, so the validating reload would refuse the file) under `enable_script_security`, which refuses a script that any non-root user can write to or replace.",
      examples: ['/usr/local/lib/lvscc/check-dns'],
    }),
  ),
  timeout: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: 3600,
      description:
        'Timeout in seconds: connect or reply timeout (keepalived `connect_timeout`), or for `misc` how long the script may run (`misc_timeout`). Default 3, and 5 for `udp`: UDP_CHECK fails only on an ICMP error, and for a dead host that comes once ARP gives up (about 3 s), so a shorter timeout passes a dead host.',
      examples: [3],
    }),
  ),
  interval: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: 3600,
      description: 'Seconds between checks (keepalived `delay_loop`). Default 6.',
      examples: [5],
    }),
  ),
  retries: Type.Optional(
    Type.Integer({
      minimum: 0,
      maximum: 100,
      description:
        'Further attempts after a failed check before the server is marked down (keepalived `retry`): a server fails after retries + 1 failed checks in a row, `delayBeforeRetry` seconds apart. 0 marks it down at the first failure. Default 1 (two failures).',
      examples: [2],
    }),
  ),
  delayBeforeRetry: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: 3600,
      description:
        "Seconds between a failed check and its retry (keepalived `delay_before_retry`). Default: keepalived's, 3 for http and https, `interval` for dns, 1 for the others.",
      examples: [2],
    }),
  ),
  startDown: Type.Optional(
    Type.Boolean({
      description:
        'Add each real server only once its first check passes (keepalived `alpha`), instead of at once: after a start or reload no request reaches a server that is still down. Default false.',
      examples: [true],
    }),
  ),
  suspendOnBackup: Type.Optional(
    Type.Boolean({
      description:
        'Check only while this director holds the VIP (keepalived `ha_suspend`): BACKUP directors stop checking, and start again, from scratch, when they take over. Default false: every director keeps its table current, so a takeover forwards to healthy servers at once.',
      examples: [false],
    }),
  ),
  inhibitOnFailure: Type.Optional(
    Type.Boolean({
      description:
        "On failure, set the real server's weight to 0 (keepalived `inhibit_on_failure`: no new connections, its established ones drain) instead of removing it from IPVS. Default true: lvscc sets `net.ipv4.vs.expire_nodest_conn=1`, so a removal resets every connection of that server at once, and one slow check would do that to all of them.",
      examples: [true],
    }),
  ),
  keepalivedLines: Type.Optional(
    ref(KeepalivedLines, {
      description: "Lines carried verbatim into each real server's checker block (`TCP_CHECK`, `HTTP_GET`, ...), keywords of that checker only.",
      examples: [['log_all_failures true']],
    }),
  ),
};

const HealthCheck = define(
  'healthCheck',
  closedObject(
    {
      type: stringEnum(healthCheckTypes, {
        description:
          'Checker: `tcp` (TCP_CHECK: connects), `http` (HTTP_GET), `https` (SSL_GET), `udp` (UDP_CHECK: sends a datagram and fails on an ICMP error, so it sees a closed port but not a hung daemon), `dns` (DNS_CHECK: a query, see `queryName`), `misc` (MISC_CHECK: runs `script`), `smtp` (SMTP_CHECK: waits for the greeting and says HELO), `ping` (PING_CHECK: ICMP echo, the host only) or `none`. tcp, http, https and smtp fit tcp services; udp and dns fit udp services (LVS240).',
        examples: ['tcp', 'dns'],
      }),
      ...healthCheckProperties,
    },
    {
      description: "How keepalived checks each real server. It probes the real server's own address (not the VIP), so the service must listen there too.",
      // MISC_CHECK has nothing to run without a script.
      if: { required: ['type'], properties: { type: { const: 'misc' } } },
      then: { required: ['script'], properties: { script: { type: 'string' } } },
      examples: [
        { type: 'tcp', timeout: 3, interval: 5 },
        { type: 'dns', queryName: 'example.com', queryType: 'A', timeout: 2 },
      ],
    },
  ),
);

/** A member's own health-check settings, over the service's `healthCheck` (its type stays the service's). */
const MemberHealthCheck = define(
  'memberHealthCheck',
  closedObject(healthCheckProperties, {
    description:
      "This member's health-check settings, over the service's `healthCheck` (same fields but `type`): a check port, path or URLs, or a `address` (keepalived `connect_ip`) that differ on this real server. Needs a service `healthCheck` (LVS268).",
    examples: [{ address: '10.10.99.21', port: 8081 }],
  }),
);

const Member = define(
  'member',
  byType(
    'string',
    ref(Name),
    closedObject({
      server: ref(Name, {
        description: 'Name of a host under `realServers`.',
        examples: ['web2'],
      }),
      weight: Type.Optional(
        Type.Integer({
          minimum: 0,
          maximum: 65535,
          description: 'Scheduler weight, 0 to 65535 (0 drains the server). Default 1.',
          examples: [3],
        }),
      ),
      port: Type.Optional(
        ref(Port, {
          description: 'Port on the real server. Default: the service port; DR and TUN require it to equal the service port.',
          examples: [8080],
        }),
      ),
      healthCheck: Type.Optional(ref(MemberHealthCheck)),
      keepalivedLines: Type.Optional(
        ref(KeepalivedLines, {
          description: "Lines carried verbatim into this member's keepalived `real_server` block (see the `keepalivedLines` definition).",
          examples: [['notify_down "/usr/local/bin/page ops"']],
        }),
      ),
    }),
    {
      description: 'A real server of this service: its name, or `{ server, weight, port, healthCheck, keepalivedLines }`.',
      examples: ['rs1', { server: 'web2', weight: 3 }],
    },
  ),
);

const Service = define(
  'service',
  closedObject(
    {
      vip: ref(Vip),
      publicAddress: Type.Optional(
        ref(Address4, {
          description: 'Public IPv4 address that the edge router maps onto this service (static NAT per protocol and port).',
          examples: ['112.2.21.88'],
        }),
      ),
      publicPort: Type.Optional(
        ref(Port, {
          description: 'Public port on the router. Default: the service port.',
          examples: [80],
        }),
      ),
      protocol: Type.Optional(
        stringEnum(['tcp', 'udp', 'sctp'], {
          description: 'Transport protocol. Default `tcp`.',
          examples: ['tcp'],
        }),
      ),
      port: Type.Optional(
        ref(Port, {
          description: 'Service port on the VIP. Required unless `fwmark` is set.',
          examples: [80],
        }),
      ),
      fwmark: Type.Optional(
        Type.Integer({
          minimum: 1,
          maximum: 2147483647,
          description:
            'Firewall-mark service instead of VIP:port (ipvsadm `-f`), 1 to 2147483647 (ipvsadm-save prints marks as signed integers). With `ports`, lvscc sets the mark on the directors (an nftables table of its own); without, your own firewall rules set it.',
          examples: [1],
        }),
      ),
      ports: Type.Optional(
        Type.Array(
          Type.Union([ref(Port), Type.String({ pattern: '^[1-9][0-9]{0,4}-[1-9][0-9]{0,4}$', description: 'A range of ports, `FIRST-LAST`, both included.' })]),
          {
            minItems: 1,
            maxItems: 64,
            description:
              "Ports of the VIP that one fwmark service takes together (with `fwmark`, instead of `port`): each a port or a range `FIRST-LAST`. lvscc marks the VIP's packets to these ports (of the service's `protocol`) with `fwmark` in the directors' nftables table `lvscc-<cluster>-mark`, loaded by apply.sh and at boot, so that one IPVS service, one persistence and one health check cover them all.",
            examples: [[80, 443], ['8000-8010']],
          },
        ),
      ),
      scheduler: Type.Optional(
        stringEnum(['rr', 'wrr', 'lc', 'wlc', 'lblc', 'lblcr', 'dh', 'sh', 'sed', 'nq', 'fo', 'ovf', 'mh'], {
          description: "IPVS scheduler. Default `wlc` (ipvsadm's default).",
          examples: ['rr'],
        }),
      ),
      forwarding: stringEnum(['tun', 'dr', 'nat'], {
        description: 'Forwarding method: `tun` (IP-in-IP tunnel), `dr` (direct routing) or `nat` (masquerading).',
        examples: ['tun'],
      }),
      tunnel: Type.Optional(
        closedObject(
          {
            type: Type.Optional(
              stringEnum(['ipip', 'gue', 'gre'], {
                description: 'Encapsulation: `ipip` (default), `gue` (kernel 5.2+, needs `port`) or `gre` (kernel 5.3+).',
                examples: ['ipip'],
              }),
            ),
            port: Type.Optional(
              ref(Port, {
                description: 'UDP port for `gue`.',
                examples: [6080],
              }),
            ),
            checksum: Type.Optional(
              stringEnum(['none', 'csum', 'remcsum'], {
                description: 'Checksum option for gue and gre: `none` (default), `csum` or `remcsum` (gue only).',
                examples: ['none'],
              }),
            ),
            clampMss: Type.Optional(
              Type.Boolean({
                description:
                  "Clamp the TCP MSS that TUN real servers advertise (route `advmss`) so that clients' full-size packets still fit after encapsulation. Default true; with false, lvscc warns (LVS211) when the path MTU leaves no room for the tunnel header.",
                examples: [true],
              }),
            ),
          },
          {
            description: 'Tunnel encapsulation for `forwarding: tun`. Default `{ type: ipip }`.',
            examples: [{ type: 'gue', port: 6080 }],
          },
        ),
      ),
      persistence: Type.Optional(
        Type.Integer({
          minimum: 1,
          maximum: 2678400,
          description: 'Persistence timeout in seconds (ipvsadm `-p`). Absent: no persistence.',
          examples: [300],
        }),
      ),
      persistenceNetmask: Type.Optional(
        Type.Integer({
          minimum: 1,
          maximum: 128,
          description: 'Prefix length that groups clients for persistence (ipvsadm `-M`). Default 32 (IPv4) or 128 (IPv6).',
          examples: [24],
        }),
      ),
      drainTimeout: Type.Optional(
        Type.Integer({
          minimum: 0,
          maximum: 86400,
          description:
            'Seconds a real server that leaves this service keeps its established connections: apply.sh and the IPVS unit first set its weight to 0, then delete it once its active connections reach 0 or this time has passed (0: delete at once). Default 60: ordinary requests and downloads finish, and a blocking apply.sh stays interactive; raise it for long-lived streams.',
          examples: [60],
        }),
      ),
      schedulerFlags: Type.Optional(
        Type.Array(stringEnum(['sh-port', 'sh-fallback', 'mh-port', 'mh-fallback'], { description: 'A flag of the sh or mh scheduler.' }), {
          minItems: 1,
          maxItems: 2,
          description:
            'Scheduler flags (ipvsadm `-b`, keepalived `sh-port` ...): `sh-port`/`mh-port` hash the client port too, `sh-fallback`/`mh-fallback` pick another real server when the hashed one has weight 0. sh-* need `scheduler: sh`, mh-* `scheduler: mh` (LVS271). Default none.',
          examples: [['sh-fallback']],
        }),
      ),
      onePacket: Type.Optional(
        Type.Boolean({
          description:
            'One-packet scheduling (ipvsadm `-o`, keepalived `ops`): every UDP datagram is scheduled on its own, without a connection entry, for DNS or syslog where one client would else stick to one server. udp services only (LVS271). Default false.',
          examples: [true],
        }),
      ),
      quorum: Type.Optional(
        closedObject(
          {
            minimumWeight: Type.Integer({
              minimum: 1,
              maximum: 4294967295,
              description: 'Sum of the weights of the healthy real servers below which the service is down (keepalived `quorum`).',
              examples: [2],
            }),
            hysteresis: Type.Optional(
              Type.Integer({
                minimum: 0,
                maximum: 4294967295,
                description:
                  'Weight the sum must pass `minimumWeight` by before the state changes again (keepalived `hysteresis`), against flapping. Default 0.',
                examples: [1],
              }),
            ),
            onUp: Type.Optional(
              ref(ScriptPath, { description: 'Absolute path of a program keepalived runs when the quorum is gained (keepalived `quorum_up`).' }),
            ),
            onDown: Type.Optional(
              ref(ScriptPath, { description: 'Absolute path of a program keepalived runs when the quorum is lost (keepalived `quorum_down`).' }),
            ),
            runOnStop: Type.Optional(
              Type.Boolean({
                description: 'Also run `onDown` (and the real servers’ down notifications) when keepalived stops (keepalived `omega`). Default false.',
                examples: [true],
              }),
            ),
          },
          {
            description:
              "Quorum of the service: below `minimumWeight` of healthy weight, keepalived treats the whole service as down (the sorry server takes over and `onDown` runs). Default: none (keepalived's quorum 1).",
            examples: [{ minimumWeight: 2, hysteresis: 1, onDown: '/usr/local/bin/page-ops' }],
          },
        ),
      ),
      healthCheck: Type.Optional(ref(HealthCheck)),
      sorryServer: Type.Optional(
        closedObject(
          {
            address: ref(Address),
            port: Type.Optional(ref(Port)),
          },
          {
            description: 'Server that keepalived adds when every real server is down.',
            examples: [{ address: '10.10.24.50', port: 80 }],
          },
        ),
      ),
      vrrpInstance: Type.Optional(
        ref(Name, {
          description:
            'The VRRP instance that moves this VIP: the name of one of `vrrp.instances`, or the cluster name for the first (`vrrp` itself). Default: the first.',
          examples: ['side-b'],
        }),
      ),
      keepalivedLines: Type.Optional(
        ref(KeepalivedLines, {
          description: "Lines carried verbatim into this service's keepalived `virtual_server` block.",
          examples: [['virtualhost www.example.com']],
        }),
      ),
      realServers: Type.Array(ref(Member), {
        maxItems: 10000,
        description:
          'Real servers of this service. Empty (`[]`) is allowed with a warning (LVS275): the static manager creates the IPVS service with no destination (the director answers its packets with ICMP port unreachable); keepalived ignores a virtual server without real servers, so lvscc leaves it out of keepalived.conf.',
        examples: [['rs1', 'rs2', { server: 'rs3', weight: 2 }]],
      }),
    },
    {
      description: 'A virtual service: a VIP, protocol and port balanced over real servers.',
      examples: [{ vip: '10.10.24.88', protocol: 'tcp', port: 80, scheduler: 'rr', forwarding: 'tun', realServers: ['rs1', 'rs2'] }],
    },
  ),
);

// ---- definitions: the edge router

const RouterInterface = define(
  'routerInterface',
  closedObject(
    {
      interface: ref(IosInterfaceName),
      address: ref(Cidr4),
    },
    {
      description: 'A `cisco-ios` router interface and its IPv4 address with prefix.',
      examples: [{ interface: 'GigabitEthernet0/1', address: '10.10.24.1/24' }],
    },
  ),
);

const LinuxRouterInterface = define(
  'linuxRouterInterface',
  closedObject(
    {
      interface: ref(InterfaceName),
      address: ref(Cidr4),
    },
    {
      description: 'An `nftables` (Linux) router interface and its IPv4 address with prefix.',
      examples: [{ interface: 'eth1', address: '10.10.24.1/24' }],
    },
  ),
);

/** The router platforms; each names its interfaces in its own grammar. */
const routerPlatforms = ['cisco-ios', 'nftables'] as const;

/**
 * `inside` and `outside` of the router, checked by the platform's branch of the router's
 * if/then/else (so that a wrong name gets one error, in the platform's own grammar).
 */
const routerSide = (description: string): TUnsafe<Static<typeof RouterInterface.schema>> => Type.Unsafe<Static<typeof RouterInterface.schema>>({ description });

/** The router's if/then/else: `nftables` takes Linux interface names, any other platform IOS names. */
const routerInterfacesByPlatform = {
  if: { required: ['platform'], properties: { platform: { const: 'nftables' } } },
  then: { properties: { inside: ref(LinuxRouterInterface), outside: ref(LinuxRouterInterface) } },
  else: { properties: { inside: ref(RouterInterface), outside: ref(RouterInterface) } },
};

// ---- the document

/** The whole topology document: what `lvscc schema` publishes, with `definitions` added by {@link topologySchema}. */
const Topology = closedObject(
  {
    version: Type.Unsafe<1>({
      const: 1,
      description: 'Topology format version. Always 1.',
      examples: [1],
    }),
    cluster: ref(Name, {
      description: "Cluster name; appears in every generated file and names keepalived's router id.",
      examples: ['web-tun'],
    }),
    defaults: Type.Optional(
      closedObject(
        {
          gateway: Type.Optional(
            ref(Address4, {
              description: 'IPv4 default gateway of every host.',
              examples: ['10.10.24.1'],
            }),
          ),
          gateway6: Type.Optional(
            ref(Address6, {
              description: 'IPv6 default gateway of every host.',
              examples: ['2001:db8:24::1'],
            }),
          ),
        },
        {
          description: 'Values every host takes unless it sets its own.',
          examples: [{ gateway: '10.10.24.1' }],
        },
      ),
    ),
    manager: Type.Optional(
      stringEnum(['static', 'keepalived'], {
        description:
          'What runs IPVS on the directors: `static` (setup script and ipvsadm rules) or `keepalived` (health checks, VRRP). Default: keepalived for two or more directors or when a service has a health check (other than `none`), a sorry server or a quorum (keepalived runs them for one director too); static otherwise.',
        examples: ['keepalived'],
      }),
    ),
    vrrp: Type.Optional(
      closedObject(
        {
          virtualRouterId: Type.Integer({
            minimum: 1,
            maximum: 255,
            description: 'VRRP virtual router id, 1 to 255, unique on the segment.',
            examples: [51],
          }),
          interface: ref(InterfaceName, {
            description: 'Director interface that carries VRRP adverts.',
            examples: ['eth0'],
          }),
          advertInterval: Type.Optional(
            Type.Integer({
              minimum: 1,
              maximum: 255,
              description: 'Seconds between VRRP adverts. Default 1.',
              examples: [1],
            }),
          ),
          authPassword: Type.Optional(
            Type.String({
              pattern: '^[A-Za-z0-9_.+=:,%^*~-]{1,64}$',
              description:
                'VRRP PASS authentication password, at most 8 characters (keepalived uses only the first 8). It is sent in cleartext in every advert: it keeps the adverts of another cluster that shares the segment and `virtualRouterId` out by mistake, it does not stop anyone on the segment. Used with IPv4 VIPs only (VRRPv3, for IPv6, has no authentication). Default: none.',
              examples: ['s3cret'],
            }),
          ),
          gatewayAddress: Type.Optional(
            ref(Cidr, {
              description: 'Floating address with prefix that VRRP moves between directors, for NAT real servers to use as their gateway.',
              examples: ['10.10.30.1/24'],
            }),
          ),
          unicast: Type.Optional(
            Type.Boolean({
              description:
                "Send VRRP adverts to the other directors by unicast instead of multicast, for networks that drop multicast (most clouds). lvscc writes each director's `unicast_src_ip` (its own address on `interface`) and `unicast_peer` (the other directors' addresses there) from `directors`. Default false (multicast to 224.0.0.18 or ff02::12).",
              examples: [true],
            }),
          ),
          connectionSync: Type.Optional(
            Type.Boolean({
              description:
                'Run the IPVS connection sync daemon (keepalived `lvs_sync_daemon` on `interface`, tracking the first VRRP instance): the MASTER sends its connection entries to the BACKUPs, so that after a failover the new MASTER forwards established connections to the same real servers instead of resetting them. keepalived runs one daemon, as master or backup after that one instance: the connections of a further instance whose MASTER is another director (an active-active pair) are not synced (LVS251). The sync daemon always uses multicast (224.0.0.81, UDP 8848), also with `unicast: true`. Its default multicast group is IPv4, so `interface` needs an IPv4 address on every director. Default true with two or more directors; false turns it off.',
              examples: [true],
            }),
          ),
          preempt: Type.Optional(
            Type.Boolean({
              description:
                'Whether a director with a higher priority takes the VIPs back from a running MASTER. Default false (keepalived `nopreempt`): a master that reboots or is upgraded comes back as BACKUP and the VIPs stay where they are, instead of moving a second time and breaking the connections the first move kept. Every director starts as BACKUP either way (keepalived needs that for `nopreempt` and `preempt_delay`); the highest priority still wins the first election.',
              examples: [false],
            }),
          ),
          preemptDelay: Type.Optional(
            Type.Integer({
              minimum: 1,
              maximum: 1000,
              description:
                'With `preempt: true`, seconds a higher-priority director waits after it starts (or sees a lower-priority MASTER) before it takes over (keepalived `preempt_delay`), so its services and connection sync are up first. Default: none (takes over at once).',
              examples: [60],
            }),
          ),
          garp: Type.Optional(
            closedObject(
              {
                delay: Type.Optional(
                  Type.Integer({
                    minimum: 0,
                    maximum: 255,
                    description:
                      'Seconds after becoming MASTER before the second burst of gratuitous ARPs / unsolicited neighbour adverts (keepalived `vrrp_garp_master_delay`; 0: none). Default 5.',
                    examples: [5],
                  }),
                ),
                repeat: Type.Optional(
                  Type.Integer({
                    minimum: 1,
                    maximum: 255,
                    description: 'Gratuitous ARPs per address in each burst after becoming MASTER (keepalived `vrrp_garp_master_repeat`). Default 5.',
                    examples: [5],
                  }),
                ),
                refresh: Type.Optional(
                  Type.Integer({
                    minimum: 0,
                    maximum: 86400,
                    description:
                      "Seconds between gratuitous ARPs the MASTER keeps sending for its addresses (keepalived `vrrp_garp_master_refresh`; 0: none, keepalived's default). Default 60, well inside the usual 300 s MAC ageing of switches, so a switch or router that missed the takeover learns it within a minute.",
                    examples: [60],
                  }),
                ),
                refreshRepeat: Type.Optional(
                  Type.Integer({
                    minimum: 1,
                    maximum: 255,
                    description: 'Gratuitous ARPs per address in each refresh (keepalived `vrrp_garp_master_refresh_repeat`). Default 2.',
                    examples: [2],
                  }),
                ),
              },
              {
                description:
                  'Gratuitous ARP (IPv4) and unsolicited neighbour advert (IPv6) timing: how the new MASTER tells switches and routers that the VIPs moved. Default `{ delay: 5, repeat: 5, refresh: 60, refreshRepeat: 2 }`.',
                examples: [{ refresh: 60 }],
              },
            ),
          ),
          trackInterfaces: Type.Optional(
            Type.Array(ref(InterfaceName), {
              minItems: 1,
              maxItems: 16,
              description:
                'Director interfaces whose link the instance follows (keepalived `track_interface`): when one goes down the director enters FAULT, drops the VIPs and stops advertising, so the other director takes over. `vrrp.interface` is followed already. Every director must have each of them (LVS274): keepalived refuses a file that tracks an interface that does not exist. Default none.',
              examples: [['eth1']],
            }),
          ),
          keepalivedLines: Type.Optional(
            ref(KeepalivedLines, {
              description: 'Lines carried verbatim into the keepalived `vrrp_instance` block of every director.',
              examples: [['garp_lower_prio_repeat 1']],
            }),
          ),
          addresses: Type.Optional(
            Type.Array(ref(Cidr), {
              minItems: 1,
              maxItems: 255,
              description:
                "Floating addresses with prefix that the first instance moves besides the VIPs of its services and `gatewayAddress` (keepalived `virtual_ipaddress`), each added on the director's interface on its segment, else on `interface`. One VRRP instance advertises one address family: the other family moves with it unadvertised (`virtual_ipaddress_excluded`). Default none.",
              examples: [['10.10.30.1/24']],
            }),
          ),
          syncGroup: Type.Optional(
            ref(Name, {
              description:
                'Sync group of the first instance (keepalived `vrrp_sync_group`): the instances that name the same group fail over together, a director becoming MASTER of them all or of none. Default: none.',
              examples: ['side-a'],
            }),
          ),
          instances: Type.Optional(
            map(
              ref(Name),
              closedObject(
                {
                  virtualRouterId: Type.Integer({
                    minimum: 1,
                    maximum: 255,
                    description: 'VRRP virtual router id of this instance, 1 to 255; unique among the instances of one interface (LVS247).',
                    examples: [52],
                  }),
                  interface: Type.Optional(
                    ref(InterfaceName, {
                      description: 'Director interface that carries the adverts of this instance. Default `vrrp.interface`.',
                      examples: ['eth1'],
                    }),
                  ),
                  priorities: Type.Optional(
                    map(ref(Name), Type.Integer({ minimum: 1, maximum: 254 }), {
                      minProperties: 1,
                      maxProperties: 64,
                      description:
                        "VRRP priority of each director in this instance (1 to 254; the highest becomes its MASTER): reversed from the directors' own, it makes an active-active pair. Default: each director's `priority`.",
                    }),
                  ),
                  addresses: Type.Optional(
                    Type.Array(ref(Cidr), {
                      minItems: 1,
                      maxItems: 255,
                      description: 'Floating addresses with prefix this instance moves besides the VIPs of the services that name it. Default none.',
                      examples: [['10.10.40.1/24']],
                    }),
                  ),
                  syncGroup: Type.Optional(
                    ref(Name, {
                      description: 'Sync group of this instance (keepalived `vrrp_sync_group`): see `vrrp.syncGroup`. Default: none.',
                      examples: ['side-a'],
                    }),
                  ),
                },
                {
                  description:
                    'One more VRRP instance. Advert interval, authentication, unicast, preemption, gratuitous ARP, tracked interfaces and carried lines are those of `vrrp`.',
                  examples: [{ virtualRouterId: 52, priorities: { lb1: 100, lb2: 150 } }],
                },
              ),
              {
                minProperties: 1,
                maxProperties: 64,
                description:
                  'VRRP instances besides the first (`vrrp` itself, named after the cluster), by name: each moves the VIPs of the services that name it in `vrrpInstance`, and its `addresses`. Connection sync follows the first instance only (LVS251). Default none.',
              },
            ),
          ),
        },
        {
          description: 'VRRP between directors (keepalived), required with two or more directors.',
          examples: [{ virtualRouterId: 51, interface: 'eth0' }],
        },
      ),
    ),
    router: Type.Optional(
      closedObject(
        {
          name: ref(Name, {
            description: 'Router name; its bundle directory is hosts/<name>/.',
            examples: ['edge'],
          }),
          platform: stringEnum(routerPlatforms, {
            description: 'Router platform: `cisco-ios` (an IOS NAT snippet; IOS interface names) or `nftables` (a Linux edge router; Linux interface names).',
            examples: ['cisco-ios', 'nftables'],
          }),
          inside: routerSide('The interface toward the directors, named in the grammar of `platform`.'),
          outside: routerSide('The public interface, named in the grammar of `platform`.'),
        },
        {
          description: 'The edge router that maps public addresses onto VIPs.',
          ...routerInterfacesByPlatform,
          examples: [
            {
              name: 'edge',
              platform: 'cisco-ios',
              inside: { interface: 'GigabitEthernet0/1', address: '10.10.24.1/24' },
              outside: { interface: 'GigabitEthernet0/0', address: '112.2.21.88/24' },
            },
            {
              name: 'edge',
              platform: 'nftables',
              inside: { interface: 'eth1', address: '10.10.24.1/24' },
              outside: { interface: 'eth0', address: '112.2.21.88/24' },
            },
          ],
        },
      ),
    ),
    alertRecipients: Type.Optional(
      Type.Array(
        Type.String({
          pattern: '^[A-Za-z0-9._%+-]{1,64}(@[A-Za-z0-9.-]{1,253})?$',
          description: 'An e-mail address, or a local user name (delivered by the SMTP server).',
        }),
        {
          minItems: 1,
          maxItems: 64,
          description:
            'Addresses keepalived mails about state changes (keepalived `notification_email` in `global_defs`): real servers failing and recovering their checks, and, with a carried `smtp_alert` line, VRRP transitions. Mail goes through the SMTP server of a carried `smtp_server` line (LVS273 warns without one); the sender is `notification_email_from` (carried). Default none: no mail.',
          examples: [['lvs-oncall@example.com', 'noc@example.com']],
        },
      ),
    ),
    keepalivedLines: Type.Optional(
      ref(KeepalivedLines, {
        description: "Lines carried verbatim into `global_defs` of every director's keepalived.conf (see the `keepalivedLines` definition).",
        examples: [['vrrp_garp_interval 0.001']],
      }),
    ),
    directors: map(ref(Name), ref(Director), {
      minProperties: 1,
      maxProperties: 64,
      description: 'Directors by name.',
    }),
    realServers: map(ref(Name), ref(RealServer), {
      minProperties: 1,
      maxProperties: 100000,
      description: 'Real servers by name.',
    }),
    services: map(ref(Name), ref(Service), {
      minProperties: 1,
      maxProperties: 100000,
      description: 'Virtual services by name.',
    }),
  },
  {
    description: 'One LVS cluster: directors, real servers, virtual services and the optional edge router.',
  },
);

/** Every definition, in the order the published schema lists them. */
const definitions = [
  Name,
  InterfaceName,
  IosInterfaceName,
  Address,
  Address4,
  Address6,
  Cidr,
  Vip,
  Port,
  KeepalivedLines,
  ScriptPath,
  InterfaceObject,
  InterfaceValue,
  Director,
  RealServer,
  StatusCodes,
  HealthCheck,
  MemberHealthCheck,
  Member,
  Service,
  RouterInterface,
  Cidr4,
  LinuxRouterInterface,
];

/** The published topology schema as a plain JSON Schema (draft-07) object; serialize it with `serializeSchema`. */
export const topologySchema: Record<string, unknown> = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'urn:lvscc:topology:v1',
  title: 'lvscc topology, version 1',
  ...Topology,
  definitions: Object.fromEntries(definitions.map((d) => [d.id, d.schema])),
};

/** A whole topology document as the schema accepts it. */
export type TopologyInput = Static<typeof Topology>;
/** A director's entry under `directors`. */
export type DirectorInput = Static<typeof Director.schema>;
/** A real server's entry under `realServers`. */
export type RealServerInput = Static<typeof RealServer.schema>;
/** What directors and real servers share (a real server is a host with nothing more). */
export type HostInput = RealServerInput;
/** One interface under a host's `interfaces`: `address/prefix` or `{ address, mtu }`. */
export type InterfaceValue = Static<typeof InterfaceValue.schema>;
/** One entry of a service's `realServers`: a server name or `{ server, weight, port }`. */
export type MemberInput = Static<typeof Member.schema>;
/** A service's `healthCheck`. */
export type HealthCheckInput = Static<typeof HealthCheck.schema>;
/** A service's entry under `services`. */
export type ServiceInput = Static<typeof Service.schema>;
/** The router's `inside` or `outside` interface. */
export type RouterInterfaceInput = Static<typeof RouterInterface.schema>;
