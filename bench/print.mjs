// Prints bench/results.json as a short table.
import { readFileSync } from 'node:fs';

const all = JSON.parse(readFileSync(new URL('./results.json', import.meta.url), 'utf8'));
for (const [name, r] of Object.entries(all)) {
  console.log(`\n${name} (${r.environment})`);
  if (r.percentiles_ms) {
    console.log('  measure                           p50        p99');
    for (const [k, v] of Object.entries(r.percentiles_ms)) {
      console.log(`  ${k.padEnd(28)} ${String(v.p50).padStart(8)} ms ${String(v.p99).padStart(8)} ms`);
    }
  } else {
    console.log('  measure                      median');
    for (const [k, v] of Object.entries(r.medians_ms)) console.log(`  ${k.padEnd(28)} ${String(v).padStart(8)} ms`);
  }
  for (const [k, v] of Object.entries(r)) {
    if (k.endsWith('ratio') || k.endsWith('_per_s') || k.endsWith('_s')) console.log(`  ${k.padEnd(28)} ${String(v).padStart(8)}`);
  }
  if (r.counts) console.log(`  ${Object.entries(r.counts).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  // Figures that are not times (sizes, counts): the unit is in the name.
  for (const [k, v] of Object.entries(r.figures ?? {})) console.log(`  ${k.padEnd(28)} ${String(v).padStart(8)}`);
}
