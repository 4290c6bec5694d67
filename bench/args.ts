/** `--sizes=10000,100000`: the stored-response sizes a benchmark fills to, smallest first (or `fallback`). */
export function sizesArg(fallback: number[]): number[] {
  const arg = process.argv.find((a) => a.startsWith('--sizes='));
  if (!arg) return [...fallback];
  const sizes = arg.slice('--sizes='.length).split(',').map(Number);
  if (sizes.length === 0 || sizes.some((n) => !Number.isInteger(n) || n <= 0)) {
    console.error('--sizes: whole numbers above zero, separated by commas (--sizes=10000,100000)');
    process.exit(2);
  }
  return sizes.sort((a, b) => a - b);
}
