import { createECDH, randomBytes } from 'node:crypto';
import { checkPushEndpoint, checkPushKeys } from './push-endpoint';

const to = (address: string) => async () => [{ address, family: address.includes(':') ? 6 : 4 }];
const nowhere = async () => Promise.reject(new Error('ENOTFOUND'));

describe('push endpoints', () => {
  it('allows https on public addresses only', async () => {
    expect(await checkPushEndpoint('https://fcm.googleapis.com/fcm/send/abc', false, { whenSending: true, resolve: to('142.250.1.1') })).toEqual([
      { address: '142.250.1.1', family: 4 },
    ]);
    for (const [url, address] of [
      ['http://fcm.googleapis.com/fcm/send/abc', '142.250.1.1'],
      ['https://push.example/x', '10.0.0.5'],
      ['https://push.example/x', '127.0.0.1'],
      ['https://push.example/x', '169.254.169.254'],
      ['https://127.0.0.1/x', ''],
      ['https://[::1]/x', ''],
      ['https://0x7f.0.0.1/x', ''],
      ['wss://push.example/x', '142.250.1.1'],
      ['not a url', ''],
    ])
      await expect(checkPushEndpoint(url, false, { whenSending: false, resolve: to(address || '142.250.1.1') })).rejects.toMatchObject({
        code: 'PUSH_ENDPOINT_NOT_ALLOWED',
        status: 400,
      });
  });

  it('with PUSH_ALLOW_LOCAL lets http on loopback through, and nothing else of the server’s network', async () => {
    expect(await checkPushEndpoint('http://127.0.0.1:8080/push/1', true, { whenSending: true })).toEqual([{ address: '127.0.0.1', family: 4 }]);
    expect(await checkPushEndpoint('http://localhost:8080/push/1', true, { whenSending: true, resolve: to('::1') })).toEqual([{ address: '::1', family: 6 }]);
    for (const url of ['http://10.0.0.5/push', 'https://10.0.0.5/push', 'https://192.168.1.1/push', 'https://169.254.169.254/', 'http://push.example/x'])
      await expect(checkPushEndpoint(url, true, { whenSending: false, resolve: to('142.250.1.1') })).rejects.toMatchObject({
        code: 'PUSH_ENDPOINT_NOT_ALLOWED',
      });
  });

  it('a name that does not resolve may be saved; when sending it is a failure to retry, not a refusal', async () => {
    expect(await checkPushEndpoint('https://push.example/x', false, { whenSending: false, resolve: nowhere })).toEqual([]);
    const failure = await checkPushEndpoint('https://push.example/x', false, { whenSending: true, resolve: nowhere }).catch((e: Error) => e);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as { code?: string }).code).toBeUndefined();
  });
});

describe('push subscription keys', () => {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  const good = { p256dh: ecdh.getPublicKey('base64url'), auth: randomBytes(16).toString('base64url') };

  it('takes a P-256 public key and a 16-byte secret, base64url', () => {
    expect(() => checkPushKeys(good)).not.toThrow();
    // Some browsers pad.
    expect(() => checkPushKeys({ p256dh: `${good.p256dh}=`, auth: `${good.auth}==` })).not.toThrow();
  });

  it.each([
    ['not base64url', { ...good, p256dh: 'a+b/c' }],
    ['too short', { ...good, p256dh: 'AAAA' }],
    ['compressed', { ...good, p256dh: ecdh.getPublicKey('base64url', 'compressed') }],
    ['off the curve', { ...good, p256dh: Buffer.concat([Buffer.from([4]), Buffer.alloc(64, 7)]).toString('base64url') }],
    ['a short secret', { ...good, auth: randomBytes(12).toString('base64url') }],
    ['a long secret', { ...good, auth: randomBytes(32).toString('base64url') }],
  ])('refuses %s with INVALID_PUSH_SUBSCRIPTION', (_what, keys) => {
    expect(() => checkPushKeys(keys)).toThrow(expect.objectContaining({ code: 'INVALID_PUSH_SUBSCRIPTION', status: 400 }));
  });
});
