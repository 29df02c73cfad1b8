import { createServer, type Server } from 'node:http';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** A local SMTP server that keeps every message it receives (raw RFC 822 text); `refuse` names recipients it refuses, as a mail server does. */
export async function smtpSink(opts: { refuse?: string[] } = {}): Promise<{ url: string; mails: string[]; close(): Promise<void> }> {
  const mails: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (!opts.refuse?.includes(address.address)) return callback();
      callback(Object.assign(new Error(`<${address.address}>: Recipient address rejected: User unknown in virtual mailbox table`), { responseCode: 550 }));
    },
    onData(stream, _session, callback) {
      let data = '';
      stream.on('data', (chunk: Buffer) => (data += chunk.toString('utf8')));
      stream.on('end', () => {
        mails.push(data);
        callback();
      });
    },
  });
  // A sender killed mid-conversation (a worker's SIGKILL, a pooled connection at shutdown) resets
  // its socket; smtp-server reports that as an 'error' event, which would otherwise crash the suite.
  server.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'ECONNRESET' && err.code !== 'EPIPE') throw err;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, mails, close: () => new Promise((r) => server.close(() => r())) };
}

export interface ReceivedHook {
  body: Record<string, unknown>;
  signatureValid: boolean;
  idempotencyKey: string | undefined;
}

/** A local SMS/WhatsApp gateway stand-in: checks the HMAC signature; `failing` makes it answer 500. */
export async function webhookSink(secret: string): Promise<{ url: string; hooks: ReceivedHook[]; failing: { on: boolean }; close(): Promise<void> }> {
  const hooks: ReceivedHook[] = [];
  const failing = { on: false };
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('error', () => undefined); // a sender killed mid-request: its hook never counted
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      if (failing.on) {
        res.writeHead(500).end('gateway down');
        return;
      }
      const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`);
      const given = Buffer.from(String(req.headers['x-giliran-signature'] ?? ''));
      hooks.push({
        body: JSON.parse(raw) as Record<string, unknown>,
        signatureValid: given.length === expected.length && timingSafeEqual(given, expected),
        idempotencyKey: req.headers['idempotency-key'] as string | undefined,
      });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hook`, hooks, failing, close: () => new Promise((r) => server.close(() => r())) };
}

export async function eventually<T>(probe: () => Promise<T> | T, ok: (v: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(v)?.slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
