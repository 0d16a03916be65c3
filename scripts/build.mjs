// Bundles the extension and the CLI with esbuild (node/cjs, `vscode` external), minified.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, statSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: !watch,
  sourcemap: true,
  logLevel: 'warning',
  // jsonc-parser's UMD entry hides its requires from bundlers; its ESM build bundles cleanly.
  mainFields: ['module', 'main'],
};

await Promise.all([
  // The banner records when the bundle starts loading, so the benchmark can report load + activate().
  build({
    ...common,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    external: ['vscode'],
    banner: { js: 'globalThis.__odmLoadStart=performance.now();' },
  }),
  build({ ...common, entryPoints: ['src/cli/index.ts'], outfile: 'dist/cli.js' }),
  // The script generators load on the first generation (src/vscode/lazyGenerator.ts).
  build({ ...common, entryPoints: ['src/core/powershell/generateScripts.ts'], outfile: 'dist/generator.js' }),
  // Plan validation and result import run in a worker thread (src/services/planAnalysisClient.ts).
  build({ ...common, entryPoints: ['src/services/planAnalysisWorker.ts'], outfile: 'dist/planAnalysisWorker.js' }),
  // The same analysis for the in-thread fallback, loaded only when no worker can run.
  build({ ...common, entryPoints: ['src/services/planAnalysis.ts'], outfile: 'dist/planAnalysis.js' }),
  // Live mode (msal-node, axios, the Graph clients) loads the first time it is used (src/vscode/lazyLive.ts).
  build({ ...common, entryPoints: ['src/services/live/liveSession.ts'], outfile: 'dist/live.js' }),
  // The rehearsal (simulator, fake modules, driver) loads only when a rehearsal starts.
  build({ ...common, entryPoints: ['src/rehearsal/rehearsePlanFile.ts'], outfile: 'dist/rehearsal.js' }),
  // Webview code is a separate browser bundle: the extension host never loads it.
  ...['checklist', 'identityMap', 'moves'].map((name) =>
    build({
      ...common,
      platform: 'browser',
      format: 'iife',
      target: 'es2022',
      mainFields: ['browser', 'module', 'main'],
      entryPoints: [`webview/${name}/main.ts`],
      outfile: `dist/webview/${name}.js`,
    }),
  ),
]);
mkdirSync('dist/webview', { recursive: true });
for (const name of ['checklist', 'identityMap', 'moves']) copyFileSync(`webview/${name}/${name}.css`, `dist/webview/${name}.css`);
for (const f of ['codicon.css', 'codicon.ttf']) copyFileSync(`node_modules/@vscode/codicons/dist/${f}`, `dist/webview/${f}`);
for (const f of [
  'dist/extension.js',
  'dist/planAnalysisWorker.js',
  'dist/generator.js',
  'dist/cli.js',
  'dist/rehearsal.js',
  'dist/live.js',
  'dist/webview/identityMap.js',
  'dist/webview/moves.js',
]) {
  console.log(`${f}  ${(statSync(f).size / 1024).toFixed(1)} KB`);
}
const extensionKb = statSync('dist/extension.js').size / 1024;
if (extensionKb > 300) {
  console.error(`dist/extension.js is ${extensionKb.toFixed(1)} KB: over the 300 KB budget.`);
  process.exitCode = 1;
}
