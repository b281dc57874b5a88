// Writes the default browser entry point, web/index.js, from the finished --target web glue (see
// finish-glue.mjs): the same module, made *lazy*. It does not wait for the .wasm: a client made
// before the .wasm is loaded checks its options in JS (src/lazy.js, inlined here, which checks
// them as the wasm constructor does and throws the same IamError) and is *pending*
// (src/transport.js): its calls with plain params go the fast path in JS, and the first call that
// needs more (another call, an error to make, a retry) loads the .wasm, once, and gives the client
// its wasm side. A fresh page's first result then does not wait for the .wasm's download and
// compile, and a page whose calls all go the fast path never downloads it (BENCHMARKS.md, issue
// 12). `init()` still loads it at once. The glue itself stays beside it for
// 'akamai-iam-wasm/manual'. The two are separate module instances: a page uses one of them.
// Refuses (exit 1) a glue without one of the parts it rewrites.
// usage: node scripts/entry-glue.mjs GLUE.js OUT.js
import { readFileSync, writeFileSync } from 'node:fs';

const [glueFile, outFile] = process.argv.slice(2);
if (!outFile) {
  console.error('usage: node scripts/entry-glue.mjs GLUE.js OUT.js');
  process.exit(2);
}
const fail = (message) => {
  console.error(`entry-glue: ${glueFile}: ${message}`);
  process.exit(1);
};

// Each part: what it finds in the glue (once) and what it becomes.
const parts = [
  ['the export line', /^export \{ initSync, __wbg_init as default \};$/m,
    'export { initSync, __wbg_init as default, __wbg_init as init };'],
  ['the @ts-self-types line', /^\/\* @ts-self-types="\.\/[\w.]+\.d\.ts" \*\/$/m,
    '/* @ts-self-types="./index.d.ts" */'],
  // A client made before the .wasm is there is pending.
  ['the constructor', /^( {4}constructor\(options\) \{\n)( {8})(const ret = wasm\.iamclient_new\(options\);)$/m,
    '$1$2if (wasm === undefined) return __pending(this, options);\n$2$3'],
  // A pending client freed never gets its wasm side.
  ['free()', /^( {4}free\(\) \{\n)( {8})(const ptr = this\.__destroy_into_raw\(\);)$/m,
    '$1$2if (__freePending(this)) return;\n$2$3'],
  // src/error.rs's is_iam_error, without the .wasm.
  ['isIamError', /^(export function isIamError\(value\) \{\n)( {4})const ret = wasm\.isIamError\(value\);\n {4}return ret !== 0;$/m,
    '$1$2return value instanceof Error && value.name === "IamError";'],
];
let entry = readFileSync(glueFile, 'utf8');
for (const [name, pattern, replacement] of parts) {
  if ((entry.match(new RegExp(pattern.source, 'gm')) ?? []).length !== 1) fail(`not exactly one match for ${name}`);
  entry = entry.replace(pattern, replacement);
}
for (const name of ['pend', 'unpend', 'fastStart']) {
  if (!new RegExp(`^const \\{[^}]*\\b${name}\\b[^}]*\\} = \\(\\(\\) => \\{$`, 'm').test(entry)) fail(`${name} is not in scope`);
}

const lazy = readFileSync(new URL('../src/lazy.js', import.meta.url), 'utf8')
  .replace(/^\/\/.*\n/gm, '')
  .replace(/^export function /gm, 'function ');
if (/^\s*(export|import)\b/m.test(lazy)) fail('src/lazy.js has an import or an export form not inlined');

// A pending client's wasm side, made once from the options src/lazy.js read, when a call first
// needs it (a .wasm that failed to load is tried again at the next need); and a pending client
// freed, whose calls then fail as a freed client's do, once the .wasm is there to say so.
const pending = `
const __FREED = new WeakSet();
function __pending(client, given) {
    const { options, fast } = readOptions(given);
    client.__wbg_ptr = 0;
    let made;
    const side = () => (made ??= __wbg_init().then(() => {
        const wasmSide = new IamClient(options);
        const sideFast = wasmSide.__fast;
        if (!__FREED.has(client) && unpend(client)) {
            client.__wbg_ptr = wasmSide.__destroy_into_raw();
            IamClientFinalization.register(client, client.__wbg_ptr, client);
        } else {
            wasmSide.free();
        }
        return sideFast;
    }, (error) => { made = undefined; throw error; }));
    pend(client, fast, (name, params, options) => side().then(() => client[name](params, options)), side);
    return client;
}
function __freePending(client) {
    if (!unpend(client)) return false;
    __FREED.add(client);
    pend(client, null, (name, params, options) => __wbg_init().then(() => {
        unpend(client);
        return client[name](params, options);
    }), null);
    return true;
}
`;
writeFileSync(outFile, `${entry.trimEnd()}\n${lazy.trimEnd()}\n${pending}`);
console.error(`entry-glue: ${outFile} written`);
