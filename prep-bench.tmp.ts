import { prepareDefinition } from './server/surveys/edition-files.ts';
const def = (n: number, per: number) => ({ title: 'Big', pages: Array.from({ length: Math.ceil(n / per) }, (_, p) => ({ name: `p${p}`, elements: Array.from({ length: Math.min(per, n - p * per) }, (_, i) => ({ type: 'text', name: `q${p}_${i}`, title: `Question ${i}` })) })) });
prepareDefinition(def(50, 10), new Map());
for (const [n, per] of [[50, 10], [500, 100], [1000, 100], [1000, 250], [500, 250]]) {
  const t = performance.now();
  const r = prepareDefinition(def(n!, per!), new Map());
  console.log(n, per, 'ms', Math.round(performance.now() - t), r.problems.length);
}
