import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { api } from './http';
import { type Figures, figures, load, medianFigures } from './measure';

/**
 * The HTTP floor of this machine: a bare `node:http` server, in a process of its own like the
 * API, that reads the JSON body and answers a constant, with the API's listen backlog. The same
 * load run against it shows what the load generator, the connections and the kernel cost before
 * any framework, validation or database work (docs/benchmarks.md, "The HTTP floor").
 */
const SERVER = `
const { createServer } = require('node:http');
const status = Number(process.argv[1]);
const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : null;
    const payload = JSON.stringify({ ok: true, got: typeof body });
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(payload) });
    res.end(payload);
  });
});
server.listen({ port: 0, host: '127.0.0.1', backlog: 8192 }, () => process.send(server.address().port));
process.on('SIGTERM', () => { server.closeAllConnections(); server.close(() => process.exit(0)); });
`;

export interface HttpFloor {
  baseUrl: string;
  stop(): Promise<void>;
}

export async function startHttpFloor(status = 201): Promise<HttpFloor> {
  const child: ChildProcess = spawn(process.execPath, ['-e', SERVER, String(status)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const [port] = (await once(child, 'message')) as [number];
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    stop: async () => {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** The same load as a scenario's (count, concurrency, body), against the HTTP floor: median figures over `rounds`. */
export async function measureHttpFloor(o: {
  total: number;
  concurrency: number;
  rounds?: number;
  body: unknown;
  status?: number;
  method?: 'GET' | 'POST';
}): Promise<Figures> {
  const floor = await startHttpFloor(o.status ?? 201);
  try {
    const rounds: Figures[] = [];
    for (let r = 0; r < (o.rounds ?? 1); r++) {
      const res = await load(
        o.total,
        o.concurrency,
        () => api(floor.baseUrl, o.method ?? 'POST', '/floor', o.body),
        (x) => x.status === (o.status ?? 201),
      );
      rounds.push(figures(res.latencies, res.errors, res.seconds));
    }
    return medianFigures(rounds);
  } finally {
    await floor.stop();
  }
}
