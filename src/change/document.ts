// The plan document of `lvscc plan --format json`, declared once: schema/plan.schema.json is generated from
// it (scripts/generate-schema.js) and the TypeScript types below are derived from it with Static<>.
import { Type, type Static } from '@sinclair/typebox';

const text = (description: string) => Type.String({ description });
const names = (description: string) => Type.Array(Type.String(), { description });
const oneOf = <T extends string>(values: readonly T[], description: string) => Type.Unsafe<T>({ type: 'string', enum: [...values], description });

/** The impact classes, mildest first: what a change does to traffic. */
export const IMPACT_CLASSES = ['none', 'reload', 'drain', 'failover', 'disruptive'] as const;
export type ImpactClass = (typeof IMPACT_CLASSES)[number];

export const FILE_CHANGES = ['added', 'changed', 'removed'] as const;
export const HOST_STATUSES = ['added', 'changed', 'removed'] as const;
export const ACTION_KINDS = ['first-install', 'install', 'reload', 'run', 'teardown'] as const;

const PlanFile = Type.Object(
  {
    path: text('Bundle path, `hosts/<host>/...`.'),
    change: oneOf(FILE_CHANGES, 'What happens to the file.'),
    target: text('Id of the target that makes (or made) the file.'),
    installPath: Type.Optional(text('Where the file goes on the host, for files under rootfs/.')),
    diff: Type.Optional(text('Unified diff of the file, with --diff (`mode OLD -> NEW` when only its mode changes).')),
  },
  { additionalProperties: false },
);

const PlanAction = Type.Object(
  {
    kind: oneOf(
      ACTION_KINDS,
      'first-install: a new host; install: a first-install action of files new on the host (enable a unit); reload: make the host pick up files; run: the host script; teardown: a host leaves.',
    ),
    command: text('The command, as the manifest states it.'),
    target: Type.Optional(text('The target whose files the command reloads.')),
    reason: text('Why it runs.'),
  },
  { additionalProperties: false },
);

const PlanHost = Type.Object(
  {
    name: text('Host name.'),
    role: oneOf(['director', 'real-server', 'router'] as const, 'Role of the host (in the new bundle; in the old one for a removed host).'),
    status: oneOf(HOST_STATUSES, 'added: new in the bundle; removed: no longer in it; changed: some of its files change.'),
    files: Type.Array(PlanFile, { description: 'The files that are added, changed or removed, sorted by path.' }),
    actions: Type.Array(PlanAction, { description: 'What to run on the host, in order, once its files are installed.' }),
  },
  { additionalProperties: false },
);

const Impact = Type.Object(
  {
    class: oneOf(IMPACT_CLASSES, 'What the change does to traffic.'),
    subject: text('What changes, e.g. `service http`, `real server rs3 in service http`, `vrrp`.'),
    reason: text('Why it has this class.'),
    hosts: names('Hosts whose configuration carries the change, sorted.'),
  },
  { additionalProperties: false },
);

const RolloutStep = Type.Object(
  {
    step: Type.Integer({ minimum: 1, description: 'Position in the rollout, from 1.' }),
    hosts: names('Hosts to roll out in this step (in any order among themselves), sorted.'),
    action: text('What to do on them.'),
    reason: text('Why this step comes here.'),
  },
  { additionalProperties: false },
);

const Side = Type.Object(
  {
    kind: oneOf(['topology', 'bundle'] as const, 'A topology file, or an existing bundle directory (its manifest).'),
    name: text('The path given on the command line.'),
    cluster: text('The cluster name.'),
  },
  { additionalProperties: false },
);

/** The plan document. */
export const planSchema = Type.Object(
  {
    planFormat: Type.Literal(1, { description: 'Version of this document layout.' }),
    old: Side,
    new: Side,
    changes: Type.Boolean({ description: 'True when any file or host changes (exit 3 with --detailed-exitcode).' }),
    impact: oneOf(IMPACT_CLASSES, 'The strongest class among the impacts (`none` without changes).'),
    impactsKnown: Type.Boolean({
      description: 'False when OLD is a bundle: a bundle records its topology only by hash, so there is no old model to classify against.',
    }),
    summary: Type.Object(
      {
        hostsAdded: Type.Integer({ minimum: 0 }),
        hostsChanged: Type.Integer({ minimum: 0 }),
        hostsRemoved: Type.Integer({ minimum: 0 }),
        hostsUnchanged: Type.Integer({ minimum: 0 }),
        filesAdded: Type.Integer({ minimum: 0 }),
        filesChanged: Type.Integer({ minimum: 0 }),
        filesRemoved: Type.Integer({ minimum: 0 }),
      },
      { additionalProperties: false },
    ),
    hosts: Type.Array(PlanHost, { description: 'Hosts with changes, sorted by name (unchanged hosts are only counted).' }),
    impacts: Type.Array(Impact, { description: 'Each change of the traffic model, strongest class first, then by subject.' }),
    rollout: Type.Array(RolloutStep, { description: 'The order to roll the hosts out in so that clients stay whole.' }),
    notes: names('Assumptions the classes rest on, and what could not be known.'),
  },
  {
    description: 'What `lvscc plan OLD NEW --format json` prints: per host the files and actions, the impact of each change on traffic, the rollout order.',
    additionalProperties: false,
  },
);

/** The published plan schema (draft-07), as `serializeSchema` writes it to schema/plan.schema.json. */
export const publishedPlanSchema: Record<string, unknown> = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'urn:lvscc:plan:v1',
  title: 'lvscc plan, version 1',
  ...planSchema,
};

export type ChangePlan = Static<typeof planSchema>;
export type PlanHost = Static<typeof PlanHost>;
export type PlanFile = Static<typeof PlanFile>;
export type PlanAction = Static<typeof PlanAction>;
export type Impact = Static<typeof Impact>;
export type RolloutStep = Static<typeof RolloutStep>;
