// Writes a .br and a .gz beside every built file worth compressing, and prints what the first load costs:
// the compressed JS and CSS that index.html pulls in.
import { readdirSync, readFileSync, writeFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const out = process.env.DASHBOARD_OUT || 'dist';
const compressible = /\.(html|js|css|svg|json|webmanifest)$/;
const sizes = {};

function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) { walk(path); continue; }
    if (!compressible.test(name)) continue;
    const raw = readFileSync(path);
    const br = brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
    const gz = gzipSync(raw, { level: 9 });
    writeFileSync(path + '.br', br);
    writeFileSync(path + '.gz', gz);
    sizes[path.slice(out.length + 1)] = { raw: raw.length, br: br.length, gz: gz.length };
  }
}
walk(out);

const page = readFileSync(join(out, 'index.html'), 'utf8');
const linked = [...page.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map(m => m[1]);
const total = key => linked.reduce((sum, name) => sum + sizes[name][key], 0);
const kb = n => (n / 1024).toFixed(1) + ' KB';
console.log(`Dashboard first load (JS+CSS, ${linked.length} files): ${kb(total('raw'))} raw, ` +
  `${kb(total('gz'))} gzip, ${kb(total('br'))} brotli (budget 150 KB compressed)`);
