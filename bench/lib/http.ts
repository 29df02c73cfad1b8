import { Agent, request } from 'node:http';

/**
 * The load generator's HTTP client: node:http with kept-alive connections. It shares the machine
 * with the API and the database, so it must cost little; `fetch` spent about four times the CPU
 * per request of this client here, and that was taken from the system under test.
 */
const agent = new Agent({ keepAlive: true, maxSockets: Infinity });

export function api<T = unknown>(
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
  token?: string,
  extraHeaders: Record<string, string> = {},
): Promise<{ status: number; body: T }> {
  const payload = body !== undefined ? JSON.stringify(body) : undefined;
  const headers: Record<string, string | number> = { ...extraHeaders };
  if (payload !== undefined) Object.assign(headers, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) });
  if (token) headers.authorization = `Bearer ${token}`;
  return new Promise((resolve, reject) => {
    const req = request(baseUrl + path, { method, agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, body: (text ? JSON.parse(text) : undefined) as T });
      });
    });
    req.on('error', reject);
    req.end(payload);
  });
}
