import { api, apiJson } from '../../ui-shared/api';

/** Where the worker is served, and the pages it looks after: tickets' tracking pages only. */
const WORKER_URL = '/kiosk/sw.js';
const SCOPE = '/kiosk/track/';
const GIVE_UP_MS = 15_000;

/**
 * Subscribes this browser to Web Push for the ticket, so "your turn is near" reaches the phone
 * with the page closed (kiosk-ui/src/sw.ts shows it). Called once notifications are allowed.
 * Resolves true when the server has the subscription; false where the browser has no push (an
 * iPhone outside the home screen, an old phone) or anything fails: the page then tells the
 * citizen itself, as long as it is open. Loaded only then, as a chunk of its own.
 */
export async function subscribeToPush(trackingToken: string): Promise<boolean> {
  if (!('serviceWorker' in navigator) || !('PushManager' in window) || !window.isSecureContext) return false;
  try {
    const [registration, key] = await Promise.all([
      navigator.serviceWorker.register(WORKER_URL, { scope: SCOPE }).then(activated),
      apiJson<{ publicKey: string }>('/push/key', { timeoutMs: GIVE_UP_MS }),
    ]);
    const serverKey = fromBase64Url(key.publicKey);
    let subscription = await registration.pushManager.getSubscription();
    // Made with another server key (keys replaced): the push service would refuse our messages.
    if (subscription && !sameBytes(subscription.options.applicationServerKey, serverKey)) {
      await subscription.unsubscribe();
      subscription = null;
    }
    subscription ??= await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: serverKey });
    await api(`/tracking/${encodeURIComponent(trackingToken)}/push`, { method: 'POST', body: subscription.toJSON(), timeoutMs: GIVE_UP_MS });
    return true;
  } catch {
    return false;
  }
}

/** The registration once its worker is active (subscribing needs one), or a refusal after a while. */
function activated(registration: ServiceWorkerRegistration): Promise<ServiceWorkerRegistration> {
  if (registration.active) return Promise.resolve(registration);
  return new Promise((resolve, reject) => {
    const worker = registration.installing ?? registration.waiting;
    if (!worker) return reject(new Error('no service worker'));
    const timer = window.setTimeout(() => reject(new Error('the service worker did not start')), GIVE_UP_MS);
    worker.addEventListener('statechange', () => {
      if (worker.state === 'activated') {
        window.clearTimeout(timer);
        resolve(registration);
      } else if (worker.state === 'redundant') {
        window.clearTimeout(timer);
        reject(new Error('the service worker failed to install'));
      }
    });
  });
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function sameBytes(a: ArrayBuffer | null, b: Uint8Array): boolean {
  if (!a || a.byteLength !== b.length) return false;
  const x = new Uint8Array(a);
  return x.every((v, i) => v === b[i]);
}
