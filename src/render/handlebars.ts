// The one Handlebars environment: strict mode, no HTML escaping (targets escape for their own syntax),
// templates from templates/, precompiled at build time (scripts/build-assets.js) and instantiated once per process.
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import type HandlebarsModule from 'handlebars';
import { RenderedText } from '../util/escape.js';
import { shellQuote } from '../util/shell.js';
import { compileOptions } from './compile-options.js';
import type { RenderMemo, ViewCheck } from './view-memo.js';

type Handlebars = typeof HandlebarsModule;
type TemplateDelegate = HandlebarsModule.TemplateDelegate;

/** dist/render/templates.cjs: each template's source and Handlebars' precompiled form of it, by path under templates/. */
type Precompiled = Record<string, { source: string; spec: TemplateSpecification }>;

const require = createRequire(import.meta.url);
const templatesRoot = new URL('../../templates/', import.meta.url);
const PARTIALS = '_partials/';

interface Environment {
  env: Handlebars;
  /** Present when every template on disk is the one precompiled at build time. */
  precompiled: Precompiled | undefined;
  compiled: Map<string, TemplateDelegate>;
}

let environment: Environment | undefined;

/** Every template under templates/ by path, e.g. `keepalived/keepalived.conf.hbs`. */
function readTemplates(): Map<string, string> {
  let names: string[];
  try {
    names = readdirSync(templatesRoot, { recursive: true })
      .map(String)
      .filter((name) => name.endsWith('.hbs'));
  } catch {
    names = [];
  }
  return new Map(
    names
      .map((name) => name.split('\\').join('/'))
      .sort()
      .map((name) => [name, readFileSync(new URL(name, templatesRoot), 'utf8')]),
  );
}

function loadPrecompiled(): Precompiled | undefined {
  try {
    return require('./templates.cjs') as Precompiled;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND') return undefined;
    throw error;
  }
}

/**
 * The precompiled templates serve only when they match templates/ exactly, so that an edited template
 * is never rendered stale; otherwise (and under the tests, which run without a build) the full
 * Handlebars compiles the sources, as it always did.
 */
function createEnvironment(): Environment {
  const sources = readTemplates();
  let precompiled = loadPrecompiled();
  if (precompiled) {
    const built = precompiled;
    const current = Object.keys(built).length === sources.size && [...sources].every(([name, source]) => built[name]?.source === source);
    if (!current) precompiled = undefined;
  }
  // The runtime alone is much smaller than the compiler that comes with the full module.
  const env = (precompiled ? (require('handlebars/runtime') as Handlebars) : (require('handlebars') as Handlebars)).create();
  /** `{{sh value}}`: the value as one quoted shell word. */
  env.registerHelper('sh', (value: unknown) => {
    if (value instanceof RenderedText) return shellQuote(value.text);
    if (typeof value !== 'string' && typeof value !== 'number') throw new Error(`sh helper needs a string or number, got ${typeof value}`);
    return shellQuote(value);
  });
  for (const [name, source] of sources) {
    if (!name.startsWith(PARTIALS) || name.includes('/', PARTIALS.length)) continue;
    const partial = name.slice(PARTIALS.length, -'.hbs'.length);
    env.registerPartial(partial, precompiled ? env.template(precompiled[name]!.spec) : source);
  }
  return { env, precompiled, compiled: new Map() };
}

/** Path of a template file relative to templates/, e.g. `keepalived/keepalived.conf.hbs`. */
export function templatePath(name: string): URL {
  return new URL(name, templatesRoot);
}

/** The memo renderings go through while {@link withRenderMemo} runs. */
let memo: RenderMemo | undefined;

/** Runs `work` with every rendering going through `renderMemo` (see {@link RenderMemo}). */
export function withRenderMemo<T>(renderMemo: RenderMemo, work: () => T): T {
  const outer = memo;
  memo = renderMemo;
  try {
    return work();
  } finally {
    memo = outer;
  }
}

/**
 * Renders templates/<name> with `view`; a field missing from the view throws (strict mode). `check` runs first
 * (see {@link ViewCheck}), except on a view the memo finds equal to one it recorded after the same check.
 */
export function renderTemplate(name: string, view: object, check?: ViewCheck): string {
  if (memo) return memo.render(name, view, () => renderNow(name, view), check);
  check?.run();
  return renderNow(name, view);
}

function renderNow(name: string, view: object): string {
  const { env, precompiled, compiled } = (environment ??= createEnvironment());
  let template = compiled.get(name);
  if (!template) {
    const built = precompiled?.[name];
    template = built ? env.template(built.spec) : env.compile(readFileSync(templatePath(name), 'utf8'), compileOptions());
    compiled.set(name, template);
  }
  return flattened(template(view));
}

/**
 * Handlebars builds its output by concatenation, which V8 keeps as a rope: one small node per piece of
 * the template, alive (and copied by every young-generation GC) until something reads the text, such as
 * the manifest's sha256. Reading one character makes V8 copy the rope into one flat string now, while its
 * nodes are young and die at the next GC: on a fleet of thousands of files this costs less than
 * flattening later (measured on a 7,000-file bundle: about a tenth of the render phase).
 */
function flattened(text: string): string {
  text.charCodeAt(0);
  return text;
}
