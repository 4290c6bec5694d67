import { PGlite } from '@electric-sql/pglite';
const dir = '/tmp/embedded-probe-kill';
const pg = new PGlite(dir);
await pg.waitReady;
await pg.exec('create table if not exists t (id int primary key)');
if (process.argv[2] === 'write') {
  for (let i = 1; ; i++) { await pg.query('insert into t values ($1)', [i]); process.stdout.write(`acked ${i}\n`); }
} else {
  const r = await pg.query('select count(*)::int n, max(id) m from t'); console.log(JSON.stringify(r.rows[0]));
  await pg.close();
}
