// SPDX-License-Identifier: Apache-2.0
// Peers: the npm parsers rss-parser (parseString on the bytes decoded as UTF-8) and
// @extractus/feed-extractor (extract() with a fetch stub serving the bytes with a charset-less
// content type, so its own prolog sniffing runs), as the corpus README drives them. One JSON line.
// Usage: node node_peers.mjs rss-parser|feed-extractor CORPUS_DIR [passes=5]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const [, , which, corpus, passesArg] = process.argv;
const passes = Number(passesArg || 5);
const skip = new Set(['expected.json', 'MANIFEST.tsv', 'README.md']);
const names = readdirSync(corpus)
  .filter((n) => !skip.has(n) && statSync(join(corpus, n)).isFile())
  .sort();
const files = names.map((n) => readFileSync(join(corpus, n)));
const bytes = files.reduce((a, b) => a + b.length, 0);

let parseOne;
let version;
if (which === 'rss-parser') {
  const Parser = require('rss-parser');
  version = require('rss-parser/package.json').version;
  const parser = new Parser();
  parseOne = async (buf) => (await parser.parseString(buf.toString('utf8'))).items.length;
} else if (which === 'feed-extractor') {
  const { extract } = await import('@extractus/feed-extractor');
  version = JSON.parse(
    readFileSync(join('node_modules', '@extractus', 'feed-extractor', 'package.json')),
  ).version;
  parseOne = async (buf) => {
    const first = buf.toString('latin1', 0, 64).trimStart();
    const type = first.startsWith('{') ? 'application/json' : 'application/xml';
    const stub = async () => new Response(buf, { status: 200, headers: { 'content-type': type } });
    const feed = await extract('http://127.0.0.1/feed', {}, stub);
    return (feed.entries || []).length;
  };
} else {
  console.error(`node_peers: unknown peer ${which}`);
  process.exit(2);
}

let best = Infinity;
let bestCpu = Infinity;
let total = 0;
let items = 0;
let parsed = 0;
let withItems = 0;
for (let p = 0; p < passes; p++) {
  items = 0;
  parsed = 0;
  withItems = 0;
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  for (const f of files) {
    try {
      const n = await parseOne(f);
      parsed++;
      items += n;
      if (n > 0) withItems++;
    } catch {
      // a rejected feed: counted as not parsed
    }
  }
  const dt = Number(process.hrtime.bigint() - t0) / 1e9;
  best = Math.min(best, dt);
  const c = process.cpuUsage(c0);
  bestCpu = Math.min(bestCpu, (c.user + c.system) / 1e6);
  total += dt;
}
const rssMb = process.resourceUsage().maxRSS / 1024;
console.log(
  JSON.stringify({
    peer: `${which} ${version}`,
    files: files.length,
    parsed,
    with_items: withItems,
    items,
    bytes,
    passes,
    best_s: +best.toFixed(6),
    mean_s: +(total / passes).toFixed(6),
    best_cpu_s: +bestCpu.toFixed(6),
    mbps: +(bytes / 1e6 / best).toFixed(2),
    cpu_mbps: +(bytes / 1e6 / bestCpu).toFixed(2),
    mbps_mean: +(bytes / 1e6 / (total / passes)).toFixed(2),
    items_per_s: Math.round(items / best),
    peak_rss_mb: +rssMb.toFixed(1),
  }),
);
