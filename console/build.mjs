// Builds the staff console into dist/ (never committed): one bundled script, one stylesheet, the page.
// Reproducible: pinned esbuild and libraries from package-lock.json, no timestamps in the output.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, 'dist');
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });
await build({
  entryPoints: { app: join(here, 'src', 'main.jsx') },
  outdir: dist,
  bundle: true,
  minify: true,
  format: 'esm',
  target: ['es2022'],
  jsx: 'automatic',
  jsxImportSource: 'preact',
  legalComments: 'none',
  logLevel: 'warning',
});
await build({ entryPoints: [join(here, 'src', 'app.css')], outdir: dist, bundle: true, minify: true, logLevel: 'warning' });
copyFileSync(join(here, 'src', 'index.html'), join(dist, 'index.html'));
