// Shared by the consumer tests: each consumer is a fresh temporary folder into which the packed
// package (PKG_TARBALL, built by scripts/build-pkg.sh) is installed with npm, exactly as users do.
// npm's own cache keeps re-runs offline and fast. scripts/test.sh sets PKG_TARBALL, SIM_URL and
// IAM_PROXY_URL (the simulator behind the proxy, both started from this worktree).
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const PKG_TARBALL = process.env.PKG_TARBALL;
export const SIM_URL = process.env.SIM_URL;
export const PROXY_URL = process.env.IAM_PROXY_URL;
/** The simulator's fake credentials (the file the simulator verifies signatures with). */
export const SIM_EDGERC = join(ROOT, 'dev/sim.edgerc');
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];

export function requireEnv(...names) {
  for (const name of names) assert.ok(process.env[name], `${name} must be set (scripts/test.sh sets it)`);
}

/** Runs a command to completion; fails the test with its output when it exits non-zero. */
export function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { encoding: 'utf8', timeout: 300_000, ...options });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (options.allowFailure) return { status: result.status, output, stdout: result.stdout ?? '' };
  assert.equal(result.status, 0, `${cmd} ${args.join(' ')} failed:\n${output}${result.error ?? ''}`);
  return { status: result.status, output, stdout: result.stdout ?? '' };
}

/**
 * A fresh folder with `package.json` (`type` module unless told) and the tarball installed, plus
 * `extra` npm packages (e.g. vite@8). Removed by the returned `cleanup`.
 */
export function consumer(name, { type = 'module', extra = [], files = {} } = {}) {
  requireEnv('PKG_TARBALL');
  const dir = mkdtempSync(join(tmpdir(), `iam-consumer-${name}-`));
  writeFileSync(join(dir, 'package.json'),
    JSON.stringify({ name: `consumer-${name}`, private: true, version: '0.0.0', type }, null, 2));
  run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error',
    PKG_TARBALL, ...extra], { cwd: dir });
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Starts a long-running server, resolves with its URL once it prints http://127.0.0.1:PORT. */
export function serve(cmd, args, options = {}) {
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
  let output = '';
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => { child.kill(); reject(new Error(`${cmd} printed no URL:\n${output}`)); }, 60_000);
    const seen = (chunk) => {
      output += chunk;
      // Strip colour codes (vite) before looking for the URL.
      const url = output.replace(/\x1b\[[0-9;]*m/g, '').match(/http:\/\/(?:127\.0\.0\.1|localhost):\d+/);
      if (url) {
        clearTimeout(timer);
        resolvePromise({ url: url[0].replace('localhost', '127.0.0.1'), stop: () => child.kill() });
      }
    };
    child.stdout.on('data', seen);
    child.stderr.on('data', seen);
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`${cmd} exited (${code}):\n${output}`)); });
  });
}

/** Compiles a TypeScript consumer with tsc --strict against the installed package. */
export function tsc(dir, file, text, moduleResolution) {
  writeFileSync(join(dir, file), text);
  return run(join(ROOT, 'node_modules/.bin/tsc'), ['--strict', '--noEmit', '--target', 'es2022',
    '--module', moduleResolution === 'bundler' ? 'esnext' : 'nodenext', '--moduleResolution', moduleResolution,
    '--lib', 'es2022,dom,esnext.disposable', '--types', '', file], { cwd: dir, allowFailure: true });
}
