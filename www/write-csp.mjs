// Trunk's post-build hook (Trunk.toml): writes the Content-Security-Policy the page works
// under to content-security-policy.txt beside index.html, for a host to send as a header.
//
// The policy is strict: nothing from another origin, no inline script, no eval; wasm may be
// compiled ('wasm-unsafe-eval'). The page's one inline style (www/shell.css, inlined so that
// the first paint waits for no request) is allowed by its hash alone, which changes whenever
// that file does: hence a policy written by the build, not by hand. The e2e tests and the
// benchmarks serve the page with this very file.

import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('write-csp: TRUNK_STAGING_DIR is not set');
  process.exit(1);
}
const html = await readFile(join(dir, 'index.html'), 'utf8');
// A hash covers the element's text exactly as it is in the file.
const hashes = [...html.matchAll(/<style>([^<]*)<\/style>/g)].map(
  ([, text]) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`,
);
const policy = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  ["style-src 'self'", ...hashes].join(' '),
].join('; ');
await writeFile(join(dir, 'content-security-policy.txt'), `${policy}\n`);
