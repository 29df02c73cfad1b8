import http from 'node:http';
import { gunzipSync, inflateSync } from 'node:zlib';
import type { FuzzRequest } from './requests';

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  text: string;
  ms: number;
  /** Set when no answer came: a reset connection, a timeout. */
  error?: string;
  /** The kept-alive connection had been closed by the server: sent again on a new one. */
  retried?: boolean;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });

/**
 * Sends exactly what the request holds (raw path, repeated headers, any bytes) over node:http.
 * A request that finds its kept-alive connection already closed by the server is sent once more
 * on a new one (what Node's documentation advises; the closing is judged on the answer before).
 */
export async function send(baseUrl: string, req: FuzzRequest, timeoutMs = 5000): Promise<Answer> {
  const first = await sendOnce(baseUrl, req, timeoutMs, agent);
  if (!first.staleSocket) return first;
  const again = await sendOnce(baseUrl, req, timeoutMs, false);
  return { ...again, ms: first.ms + again.ms, retried: true };
}

function sendOnce(baseUrl: string, req: FuzzRequest, timeoutMs: number, via: http.Agent | false): Promise<Answer & { staleSocket?: boolean }> {
  const url = new URL(baseUrl);
  const started = Date.now();
  return new Promise((resolve) => {
    let settled = false;
    const done = (a: Omit<Answer, 'ms'> & { staleSocket?: boolean }) => {
      if (settled) return;
      settled = true;
      resolve({ ...a, ms: Date.now() - started });
    };
    let r: http.ClientRequest;
    try {
      r = http.request({
        host: url.hostname,
        port: url.port,
        method: req.method,
        path: req.path,
        headers: { ...req.headers, ...(req.body ? { 'content-length': String(req.body.length) } : {}) },
        agent: via,
      });
    } catch (err) {
      // The client itself refuses (an invalid header or path): nothing reached the server.
      done({ status: 0, headers: {}, body: Buffer.alloc(0), text: '', error: `client refused to send: ${(err as Error).message}` });
      return;
    }
    r.setTimeout(timeoutMs, () => {
      done({ status: 0, headers: {}, body: Buffer.alloc(0), text: '', error: `no answer within ${timeoutMs} ms` });
      r.destroy();
    });
    r.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        let body = Buffer.concat(chunks);
        try {
          if (res.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
          if (res.headers['content-encoding'] === 'deflate') body = inflateSync(body);
        } catch {
          /* judged as it came */
        }
        done({ status: res.statusCode ?? 0, headers: res.headers, body, text: body.toString('utf8') });
      });
      res.on('error', (err) => done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), text: '', error: err.message }));
    });
    r.on('error', (err) => {
      const code = (err as NodeJS.ErrnoException).code ?? err.message;
      done({ status: 0, headers: {}, body: Buffer.alloc(0), text: '', error: code, staleSocket: r.reusedSocket && ['ECONNRESET', 'EPIPE'].includes(code) });
    });
    r.end(req.body);
  });
}

/** The same request on a connection of its own (to tell a stalled connection from a stalled handler). */
export function sendFresh(baseUrl: string, req: FuzzRequest, timeoutMs = 5000): Promise<Answer> {
  return sendOnce(baseUrl, req, timeoutMs, false);
}

export function closeAgent(): void {
  agent.destroy();
}
