// The SVG of the seed cluster drawn by a real browser (headless Chromium) into a PNG that must show a
// picture: a good share of non-background pixels in several colours. Under CI=true a missing Chromium
// fails; elsewhere the test is skipped with the reason printed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { lint } from '../../src/front-end.js';
import { renderGraph } from '../../src/graph/index.js';
import { haveTool } from '../real-tools.js';
import { decodePng } from './png.js';

const chromium = haveTool('chromium');
const temp = mkdtempSync(join(tmpdir(), 'lvscc-graph-png-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** Screenshots `svgFile` in headless Chromium at the picture's own size (Graphviz sizes it in points). */
function screenshot(svgFile: string, svg: string): Buffer {
  const size = /<svg width="(\d+)pt" height="(\d+)pt"/.exec(svg);
  if (!size) throw new Error('the SVG has no size in points');
  const [width, height] = [Math.ceil((Number(size[1]) * 4) / 3), Math.ceil((Number(size[2]) * 4) / 3)];
  const png = join(temp, 'picture.png');
  const run = spawnSync(
    'chromium',
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--hide-scrollbars',
      `--user-data-dir=${mkdtempSync(join(temp, 'profile-'))}`,
      `--screenshot=${png}`,
      `--window-size=${width},${height}`,
      pathToFileURL(resolve(svgFile)).href,
    ],
    { encoding: 'utf8', timeout: 60_000 },
  );
  if (run.status !== 0) throw new Error(`chromium exited ${run.status}: ${run.stderr}`);
  return readFileSync(png);
}

describe.runIf(chromium)('the seed cluster SVG in headless Chromium', () => {
  it('draws a picture: many non-white pixels in several colours', { timeout: 90_000 }, async () => {
    const model = lint(readFileSync('fixtures/seed-tun.yaml'), { fileName: 'seed-tun.yaml' }).resolved!.model;
    const svg = await renderGraph(model, 'svg');
    const svgFile = join(temp, 'seed-tun.svg');
    writeFileSync(svgFile, svg);
    const png = screenshot(svgFile, svg);
    // LVSCC_GRAPH_PNG=docs/graph/seed-tun.png keeps the screenshot (the README's picture).
    if (process.env.LVSCC_GRAPH_PNG) writeFileSync(process.env.LVSCC_GRAPH_PNG, png);
    const image = decodePng(png);
    expect(image.width).toBeGreaterThan(800);
    let drawn = 0;
    const colours = new Set<number>();
    for (let i = 0; i < image.pixels.length; i += image.channels) {
      const [r, g, b] = [image.pixels[i]!, image.pixels[i + 1]!, image.pixels[i + 2]!];
      if (r < 245 || g < 245 || b < 245) drawn++;
      colours.add((r << 16) | (g << 8) | b);
    }
    const share = drawn / (image.width * image.height);
    // The seed picture's boxes, lines and text cover about an eighth of it; the palette has six fills and two edge colours.
    expect(share).toBeGreaterThan(0.05);
    expect(share).toBeLessThan(0.9);
    expect(colours.size).toBeGreaterThan(8);
  });
});
