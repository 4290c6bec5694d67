/**
 * The real server (server/server.ts) as a child process on loopback, for tests that need more
 * than app.inject: a database that goes away, or two copies on one database.
 */
import { spawn, type ChildProcess } from 'node:child_process';

export interface ChildServer {
  url: string;
  child: ChildProcess;
  /** Everything it printed (the last 20,000 characters). */
  output: () => string;
  alive: () => boolean;
  stop: () => Promise<void>;
}

export async function startChildServer(env: Record<string, string>, port: number, timeoutMs = 90_000): Promise<ChildServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/server.ts'], {
    cwd: new URL('../..', import.meta.url).pathname,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), SEED_DEMO: 'false', LOG_LEVEL: 'warn', NODE_ENV: 'test', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (d: Buffer) => (out = (out + d.toString()).slice(-20_000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server stopped while starting:\n${out}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the server did not start in time:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    child,
    output: () => out,
    alive: () => child.exitCode === null && child.signalCode === null,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** A free-looking port in a range the other tests do not use. */
export function testPort(offset: number): number {
  return 40_000 + ((process.pid * 7 + offset) % 20_000);
}
