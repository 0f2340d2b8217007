// Worker threads run plain JavaScript: the worker's TypeScript (and the test modules it imports) transpiled into
// node_modules/.cache/lvscc-fuzz/, with imports of src/ pointed at the built dist/ (npm test builds first).
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

const root = fileURLToPath(new URL('../../', import.meta.url));
const cache = join(root, 'node_modules', '.cache', 'lvscc-fuzz');

/** Transpiles `entry` (a .ts file of the repository) and what it imports; returns the URL of its JavaScript. */
export function transpiled(entry: string): URL {
  const dist = join(root, 'dist');
  if (statSync(join(root, 'src', 'compile.ts')).mtimeMs > statSync(join(dist, 'compile.js')).mtimeMs) {
    console.warn('fuzz: src/compile.ts is newer than dist/: the workers run the last build (npm run build)');
  }
  const done = new Set<string>();
  const visit = (file: string): void => {
    if (done.has(file)) return;
    done.add(file);
    const here = dirname(file);
    let js = ts.transpileModule(readFileSync(file, 'utf8'), {
      compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ES2022 },
      fileName: file,
    }).outputText;
    js = js.replace(/(from |import\()'(\.{1,2}\/[^']+)\.js'/g, (_m, lead: string, spec: string) => {
      const target = resolve(here, `${spec}.ts`);
      const rel = relative(join(root, 'src'), target);
      if (!rel.startsWith('..')) return `${lead}'${pathToFileURL(join(dist, rel.replace(/\.ts$/, '.js'))).href}'`;
      visit(target);
      return `${lead}'${spec}.js'`;
    });
    // Files the modules read by a URL relative to themselves stay where they are.
    js = js.replace(/new URL\('([^']+)', import\.meta\.url\)/g, (_m, spec: string) => `new URL('${new URL(spec, pathToFileURL(file)).href}')`);
    const out = join(cache, relative(root, file).replace(/\.ts$/, '.js'));
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, js);
  };
  const file = resolve(root, entry);
  visit(file);
  return pathToFileURL(join(cache, relative(root, file).replace(/\.ts$/, '.js')));
}
