// Prints bench/results.json as a short table.
import { readFileSync } from 'node:fs';

const all = JSON.parse(readFileSync(new URL('./results.json', import.meta.url), 'utf8'));
for (const [name, r] of Object.entries(all)) {
  console.log(`\n${name} (${r.environment})`);
  console.log('  measure                      median');
  for (const [k, v] of Object.entries(r.medians_ms)) console.log(`  ${k.padEnd(28)} ${String(v).padStart(8)} ms`);
  for (const [k, v] of Object.entries(r)) {
    if (k.endsWith('ratio')) console.log(`  ${k.padEnd(28)} ${String(v).padStart(8)}`);
  }
}
