import { type Server, type Socket, createConnection, createServer } from 'node:net';

/**
 * A TCP proxy the test controls, between the API and a server (MariaDB): `freeze` stops every
 * byte both ways with the connections left open and silent (a hung database, a dead switch);
 * `down` cuts every connection and refuses new ones (a database that is down); `restore` heals.
 */
export interface TcpProxy {
  port: number;
  freeze(): void;
  down(): void;
  restore(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  let mode: 'open' | 'frozen' | 'down' = 'open';
  const pairs = new Set<[Socket, Socket]>();
  const server: Server = createServer((client) => {
    if (mode === 'down') return void client.destroy();
    const upstream = createConnection(target);
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    client.pipe(upstream);
    upstream.pipe(client);
    if (mode === 'frozen') pauseBoth(pair);
  });
  const pauseBoth = ([a, b]: [Socket, Socket]) => {
    a.pause();
    b.pause();
    a.unpipe(b);
    b.unpipe(a);
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    freeze: () => {
      mode = 'frozen';
      for (const pair of pairs) pauseBoth(pair);
    },
    down: () => {
      mode = 'down';
      for (const [a, b] of [...pairs]) {
        a.destroy();
        b.destroy();
      }
      pairs.clear();
    },
    restore: () => {
      const wasFrozen = mode === 'frozen';
      mode = 'open';
      if (!wasFrozen) return;
      for (const [a, b] of pairs) {
        a.pipe(b);
        b.pipe(a);
        a.resume();
        b.resume();
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const [a, b] of pairs) {
          a.destroy();
          b.destroy();
        }
        server.close(() => resolve());
      }),
  };
}
