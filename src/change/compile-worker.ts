// Worker thread of `lvscc plan`: compiles one side while the main thread compiles the other (a plan is two
// compilations; on two cores it takes the time of one). Posts the manifest, the resolved model and, when asked
// (`contents`, for --diff), the files; or `failed` (the main thread then compiles that side itself to print its diagnostics).
import { parentPort, workerData } from 'node:worker_threads';
import { compile, type CompileOptions } from '../compile.js';

const { input, options, contents } = workerData as { input: Uint8Array; options: CompileOptions; contents: boolean };
const result = compile(input, options);
parentPort!.postMessage(
  result.manifest && result.resolved ? { manifest: result.manifest, model: result.resolved.model, ...(contents && { files: result.files }) } : { failed: true },
);
