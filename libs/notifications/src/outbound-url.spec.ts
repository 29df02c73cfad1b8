import { createServer } from 'node:http';
import type { AppConfig } from '@giliran/config';
import { WebhookChannel } from './channels';
import { isAllowedAddress, resolveAllowed } from './outbound-url';

const strict = { allowPrivate: false };
const lenient = { allowPrivate: true };
const to = (address: string) => async () => [{ address, family: address.includes(':') ? 6 : 4 }];

describe('outbound URLs (SSRF)', () => {
  it('allows public unicast addresses only', () => {
    for (const a of ['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111']) expect([a, isAllowedAddress(a, strict)]).toEqual([a, true]);
    const refused = [
      '127.0.0.1',
      '127.255.0.9',
      '::1',
      '0.0.0.0',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '100.64.0.1',
      '169.254.169.254',
      'fe80::1',
      'fc00::1',
      '::ffff:127.0.0.1',
      '::ffff:10.0.0.1',
      '224.0.0.1',
      '255.255.255.255',
      'fd00:ec2::254',
      '100.100.100.200',
    ];
    for (const a of refused) expect([a, isAllowedAddress(a, strict)]).toEqual([a, false]);
  });

  it('with ALLOW_PRIVATE_WEBHOOKS lets loopback and private ranges through, never link-local or metadata', () => {
    for (const a of ['127.0.0.1', '::1', '10.0.0.5', '192.168.1.1', 'fd12::1']) expect([a, isAllowedAddress(a, lenient)]).toEqual([a, true]);
    for (const a of ['169.254.169.254', 'fe80::1', 'fd00:ec2::254', '0.0.0.0']) expect([a, isAllowedAddress(a, lenient)]).toEqual([a, false]);
  });

  it('refuses every spelling of an inward address, and names that resolve inward', async () => {
    const spellings = [
      'http://127.0.0.1/hook',
      'http://[::1]/hook',
      'http://0x7f.0.0.1/hook',
      'http://2130706433/hook',
      'http://0177.0.0.1/',
      'http://169.254.169.254/latest/meta-data',
      'http://10.0.0.1:8080/',
      'http://[::ffff:7f00:1]/',
    ];
    for (const url of spellings)
      await expect(resolveAllowed(url, strict, { whenSending: false, resolve: to('93.184.216.34') })).rejects.toMatchObject({
        code: 'URL_NOT_ALLOWED',
        status: 400,
      });
    await expect(resolveAllowed('http://localhost/hook', strict, { whenSending: false, resolve: to('127.0.0.1') })).rejects.toMatchObject({
      code: 'URL_NOT_ALLOWED',
    });
    // A name that resolves to several addresses is refused if any is inward.
    const mixed = async () => [
      { address: '93.184.216.34', family: 4 },
      { address: '10.0.0.1', family: 4 },
    ];
    await expect(resolveAllowed('https://gw.example/', strict, { whenSending: true, resolve: mixed })).rejects.toMatchObject({ code: 'URL_NOT_ALLOWED' });
    await expect(resolveAllowed('https://user:pw@gw.example/', strict, { whenSending: false, resolve: to('93.184.216.34') })).rejects.toMatchObject({
      code: 'URL_NOT_ALLOWED',
    });
    await expect(resolveAllowed('ftp://gw.example/', strict, { whenSending: false })).rejects.toMatchObject({ code: 'URL_NOT_ALLOWED' });
    expect(await resolveAllowed('https://gw.example/hook', strict, { whenSending: true, resolve: to('93.184.216.34') })).toEqual([
      { address: '93.184.216.34', family: 4 },
    ]);
  });

  it('a name that does not resolve may be saved, but is not sent to', async () => {
    const nowhere = async () => Promise.reject(new Error('ENOTFOUND'));
    expect(await resolveAllowed('https://gw.example/hook', strict, { whenSending: false, resolve: nowhere })).toEqual([]);
    await expect(resolveAllowed('https://gw.example/hook', strict, { whenSending: true, resolve: nowhere })).rejects.toMatchObject({ code: 'URL_NOT_ALLOWED' });
  });
});

describe('the webhook channel', () => {
  const config = (allowPrivate: boolean) => ({ webhookSecret: 'x'.repeat(32), allowPrivateWebhooks: allowPrivate }) as AppConfig;
  const message = { kind: 'reminder', locale: 'id' as const, to: '+6281200000000', text: 'hai', officeId: 'o', reference: {} };

  it('checks the address again when sending: a name that came to resolve inward is not called', async () => {
    let called = 0;
    const sink = createServer((_req, res) => {
      called++;
      res.end('ok');
    });
    await new Promise<void>((r) => sink.listen(0, '127.0.0.1', r));
    const port = (sink.address() as { port: number }).port;
    try {
      const send = new WebhookChannel(config(false)).send(`http://gateway.example:${port}/hook`, message, 'k1', 2000, to('127.0.0.1'));
      await expect(send).rejects.toThrow('the gateway address is not allowed');
      expect(called).toBe(0);
      // Allowed, the request goes to the address checked, with the name kept as Host.
      await new WebhookChannel(config(true)).send(`http://gateway.example:${port}/hook`, message, 'k2', 2000, to('127.0.0.1'));
      expect(called).toBe(1);
    } finally {
      sink.close();
    }
  });

  it('says what failed without naming addresses or ports', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as { port: number }).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const failure = await new WebhookChannel(config(true)).send(`http://127.0.0.1:${port}/hook`, message, 'k3', 2000).catch((e: Error) => e);
    expect((failure as Error).message).toBe('the gateway could not be reached');
    expect((failure as Error).message).not.toMatch(/127|ECONN|\d{4,5}/);
  });
});
