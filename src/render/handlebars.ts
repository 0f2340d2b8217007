// The one Handlebars environment: strict mode, no HTML escaping (targets escape for their own syntax),
// templates loaded from templates/ and compiled once per process.
import { readFileSync, readdirSync } from 'node:fs';
import Handlebars from 'handlebars';
import { shellQuote } from '../util/shell.js';

const templatesRoot = new URL('../../templates/', import.meta.url);
const env = Handlebars.create();
const compiled = new Map<string, Handlebars.TemplateDelegate>();
let partialsLoaded = false;

/** `{{sh value}}`: the value as one quoted shell word. */
env.registerHelper('sh', (value: unknown) => {
  if (typeof value !== 'string' && typeof value !== 'number') throw new Error(`sh helper needs a string or number, got ${typeof value}`);
  return shellQuote(value);
});

function loadPartials(): void {
  if (partialsLoaded) return;
  partialsLoaded = true;
  let names: string[] = [];
  try {
    names = readdirSync(new URL('_partials/', templatesRoot)).filter((n) => n.endsWith('.hbs'));
  } catch {
    names = [];
  }
  for (const name of names.sort()) {
    env.registerPartial(name.slice(0, -4), readFileSync(new URL(`_partials/${name}`, templatesRoot), 'utf8'));
  }
}

/** Path of a template file relative to templates/, e.g. `keepalived/keepalived.conf.hbs`. */
export function templatePath(name: string): URL {
  return new URL(name, templatesRoot);
}

/** Renders templates/<name> with `view`; a field missing from the view throws (strict mode). */
export function renderTemplate(name: string, view: object): string {
  loadPartials();
  let template = compiled.get(name);
  if (!template) {
    template = env.compile(readFileSync(templatePath(name), 'utf8'), { strict: true, noEscape: true });
    compiled.set(name, template);
  }
  return template(view);
}

export { env as handlebars };
