// The TypeScript a consumer sees: the generated .d.ts of the --target web build (PKG_DIR, default
// www/pkg), checked with `tsc --strict --noEmit`. consumer.ts must compile; every line of wrong.ts
// marked `// wrong:` must be an error, and no other line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, existsSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const pkgDir = resolve(root, process.env.PKG_DIR || 'www/pkg');
const dts = join(pkgDir, 'akamai_iam_wasm.d.ts');
const tsc = join(root, 'node_modules/.bin/tsc');

// The consumer files import 'akamai-iam-wasm'; a scratch folder maps that name to the build.
function workspace() {
  const dir = join(root, 'test-output/types');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'node_modules'), { recursive: true });
  spawnSync('ln', ['-s', pkgDir, join(dir, 'node_modules/akamai-iam-wasm')]);
  if (!existsSync(join(pkgDir, 'package.json'))) {
    writeFileSync(join(pkgDir, 'package.json'), JSON.stringify({
      name: 'akamai-iam-wasm', type: 'module', main: 'akamai_iam_wasm.js', types: 'akamai_iam_wasm.d.ts',
    }));
  }
  return dir;
}

function compile(file) {
  const dir = workspace();
  const target = join(dir, file);
  writeFileSync(target, readFileSync(join(here, file)));
  const args = ['--strict', '--noEmit', '--target', 'es2022', '--module', 'nodenext',
    '--moduleResolution', 'nodenext', '--lib', 'es2022,dom,esnext.disposable', '--skipLibCheck', 'false',
    target];
  const run = spawnSync(tsc, args, { cwd: dir, encoding: 'utf8' });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

test('the generated .d.ts exists', () => {
  assert.ok(existsSync(dts), `${dts} missing: build with wasm-pack --target web first`);
});

test('consumer.ts calling every section compiles with tsc --strict --noEmit', () => {
  const { status, output } = compile('consumer.ts');
  assert.equal(status, 0, output);
});

test('wrong.ts fails to compile exactly on each line marked // wrong:', () => {
  const { status, output } = compile('wrong.ts');
  assert.notEqual(status, 0, 'wrong calls must not compile');
  const source = readFileSync(join(here, 'wrong.ts'), 'utf8').split('\n');
  const marked = new Set(source.flatMap((line, i) => (line.includes('// wrong:') ? [i + 1] : [])));
  const errors = new Set([...output.matchAll(/wrong\.ts\((\d+),\d+\): error TS/g)].map((m) => Number(m[1])));
  assert.ok(marked.size >= 8, `at least 8 wrong calls, found ${marked.size}`);
  assert.deepEqual([...errors].sort((a, b) => a - b), [...marked].sort((a, b) => a - b), output);
});

test('params and result types in the .d.ts have no `any`', () => {
  const text = readFileSync(dts, 'utf8');
  // wasm-bindgen's own init section (InitInput/InitOutput) types raw exports; ours end before it.
  const ours = text.split(/export type InitInput/)[0];
  const anys = ours.split('\n').filter((line) => /\bany\b/.test(line));
  console.log(`# any in params/results of the .d.ts: ${anys.length}`);
  assert.deepEqual(anys, []);
});
