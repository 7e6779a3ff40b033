// Usage: tsx data/demo/generate-cli.ts <out-dir> [--seed N]
import { generateDemoTown } from './generate-demo-town';
import { DEFAULT_SEED } from './town-plan';

function main(argv: string[]): number {
  const seedAt = argv.indexOf('--seed');
  const seed = seedAt >= 0 ? Number(argv[seedAt + 1]) : DEFAULT_SEED;
  const outDir = argv.find((a, i) => !a.startsWith('--') && argv[i - 1] !== '--seed');
  if (!outDir || !Number.isInteger(seed)) {
    console.error('Usage: generate-cli <out-dir> [--seed <integer>]');
    return 2;
  }
  const manifest = generateDemoTown(outDir, { seed });
  console.log(JSON.stringify(manifest, null, 2));
  return 0;
}

process.exitCode = main(process.argv.slice(2));
