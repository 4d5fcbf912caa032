// Trunk's post-build hook for release builds (Trunk.toml): makes wasm-bindgen's output
// smaller, then updates the page's integrity hashes of the files it changed.
//
// 1. The wasm's imports get short names, in the wasm and in the JS glue alike. wasm-bindgen
//    names every import `__wbg_<name>_<16 hex digits>` (or `__wbindgen_…`), once in the
//    wasm's import section and once as a key of the glue's import object. Some 220 such
//    names are ~7 KB of the gzipped page, mostly the hex digits, which do not compress.
//    Nothing else refers to them: the glue hands the object to `WebAssembly.instantiate`.
// 2. The glue is minified with terser (installed by `make build` into .tools): 2 KB more.
//
// Any surprise in either file (a name found other than once as a key, an import section it
// cannot read) stops the build, so that a new wasm-bindgen cannot yield a broken page.

import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const IMPORT_SECTION = 2;

function fail(message) {
  console.error(`shrink-release: ${message}`);
  process.exit(1);
}

function readLeb(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[at++];
    if (byte === undefined) fail('the wasm ends inside a number');
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (byte < 0x80) return [value, at];
  }
}

function leb(value) {
  const out = [];
  do {
    let byte = value & 0x7f;
    value = Math.floor(value / 128);
    if (value > 0) byte |= 0x80;
    out.push(byte);
  } while (value > 0);
  return out;
}

/** Where an import's description ends, given where it starts (after its kind byte). */
function skipDescription(bytes, kind, at) {
  const limits = (from) => {
    const flags = bytes[from];
    let [, next] = readLeb(bytes, from + 1);
    if (flags & 1) [, next] = readLeb(bytes, next);
    return next;
  };
  switch (kind) {
    case 0: return readLeb(bytes, at)[1]; // function: its type's index
    case 1: return limits(at + 1); // table: element type, limits
    case 2: return limits(at); // memory: limits
    case 3: return at + 2; // global: value type, mutability
    default: return fail(`an import of unknown kind ${kind}`);
  }
}

/** The wasm with its wasm-bindgen imports renamed, and the old name → new name map. */
function renameImports(wasm) {
  const names = new Map();
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  const parts = [wasm.subarray(0, 8)];
  let at = 8;
  while (at < wasm.length) {
    const id = wasm[at];
    const [size, bodyStart] = readLeb(wasm, at + 1);
    const bodyEnd = bodyStart + size;
    if (id !== IMPORT_SECTION) {
      parts.push(wasm.subarray(at, bodyEnd));
      at = bodyEnd;
      continue;
    }
    let [count, pos] = readLeb(wasm, bodyStart);
    const body = [...leb(count)];
    for (; count > 0; count--) {
      const [moduleLength, moduleStart] = readLeb(wasm, pos);
      const module = wasm.subarray(moduleStart, moduleStart + moduleLength);
      const [nameLength, nameStart] = readLeb(wasm, moduleStart + moduleLength);
      const name = decoder.decode(wasm.subarray(nameStart, nameStart + nameLength));
      const kind = wasm[nameStart + nameLength];
      const descriptionEnd = skipDescription(wasm, kind, nameStart + nameLength + 1);
      let renamed = name;
      if (/^__wb(g|indgen)_\w+$/.test(name)) {
        renamed = `_${names.size.toString(36)}`;
        names.set(name, renamed);
      }
      const newName = encoder.encode(renamed);
      body.push(...leb(moduleLength), ...module, ...leb(newName.length), ...newName,
        ...wasm.subarray(nameStart + nameLength, descriptionEnd));
      pos = descriptionEnd;
    }
    if (pos !== bodyEnd) fail('the import section has bytes after its imports');
    parts.push(Uint8Array.of(IMPORT_SECTION, ...leb(body.length)), Uint8Array.from(body));
    at = bodyEnd;
  }
  if (names.size === 0) fail('no wasm-bindgen import found');
  return { wasm: Buffer.concat(parts), names };
}

function renameKeys(js, names) {
  let out = js;
  for (const [name, renamed] of names) {
    const uses = out.split(name).length - 1;
    if (uses !== 1 || !out.includes(`${name}:`)) {
      fail(`${name} is in the glue ${uses} times, not once as a key`);
    }
    out = out.replace(`${name}:`, `${renamed}:`);
  }
  return out;
}

const integrity = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

/** terser, from where `make build` installs it (.tools beside www/). */
async function terser() {
  const main = new URL('../.tools/node_modules/terser/main.js', import.meta.url);
  try {
    return await import(main.href);
  } catch {
    return fail(`no terser at ${fileURLToPath(main)}: \`make build\` installs it`);
  }
}

/**
 * Shrinks one wasm-bindgen output pair in `dir`; `module`: whether its glue is an ES module
 * (the page's) or a classic script (the worker's, whose global `wasm_bindgen` its
 * loader calls, so top-level names are kept).
 */
async function shrink(wasmFile, module) {
  const jsFile = wasmFile.replace(/_bg\.wasm$/, '.js');
  const [wasm, js] = await Promise.all([readFile(wasmFile), readFile(jsFile)]);
  const renamed = renameImports(wasm);
  const { minify } = await terser();
  const minified = await minify(renameKeys(js.toString('utf8'), renamed.names), {
    module,
    compress: true,
    mangle: true,
  });
  const newJs = Buffer.from(minified.code ?? fail('terser returned no code'));
  await Promise.all([writeFile(wasmFile, renamed.wasm), writeFile(jsFile, newJs)]);
  console.log(`shrink-release: ${wasmFile.split('/').pop()}: ${renamed.names.size} imports `
    + `renamed, glue minified: wasm ${wasm.length} → ${renamed.wasm.length} B, `
    + `js ${js.length} → ${newJs.length} B`);
  return { wasm: [wasm, renamed.wasm], js: [js, newJs] };
}

/**
 * The modules the page starts when it needs them, the worker and the panels that come later:
 * named after their binaries (trunk does not hash a worker's names), with classic glue.
 */
const ON_DEMAND_WASM = ['gather-worker_bg.wasm', 'gather-panels_bg.wasm'];

if (process.env.TRUNK_PROFILE === 'release') {
  const dir = process.env.TRUNK_STAGING_DIR ?? fail('TRUNK_STAGING_DIR is not set');
  const wasmFiles = (await readdir(dir)).filter((file) => file.endsWith('_bg.wasm'));
  const pageFiles = wasmFiles.filter((file) => !ON_DEMAND_WASM.includes(file));
  if (pageFiles.length !== 1) fail(`${pageFiles.length} page wasm files in ${dir}`);
  const htmlFile = join(dir, 'index.html');
  const html = await readFile(htmlFile, 'utf8');
  const page = await shrink(join(dir, pageFiles[0]), true);
  // The playground has them; the benchmarks' page (bench/index.html) has neither.
  for (const file of ON_DEMAND_WASM.filter((name) => wasmFiles.includes(name))) {
    await shrink(join(dir, file), false);
  }
  // The page's files are named in index.html with their integrity; the others are not.
  const newHtml = html
    .replace(integrity(page.wasm[0]), integrity(page.wasm[1]))
    .replace(integrity(page.js[0]), integrity(page.js[1]));
  await writeFile(htmlFile, newHtml);
}
