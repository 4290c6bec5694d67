import { Model } from 'survey-core';
const n = Number(process.argv[2]); const per = Number(process.argv[3]);
const pages = Array.from({ length: n / per }, (_, p) => ({ name: `p${p}`, elements: Array.from({ length: per }, (_, i) => ({ type: 'text', name: `q${p}_${i}`, title: `Question ${i}` })) }));
let t = performance.now(); const m = new Model({ pages }); console.log(n, per, 'Model ms', Math.round(performance.now() - t));
t = performance.now(); m.getAllQuestions(); console.log('all ms', Math.round(performance.now() - t));
