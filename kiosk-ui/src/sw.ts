// The tracking page's service worker, served as /kiosk/sw.js for the scope /kiosk/track/: it
// shows "your turn is near" and "your number is called" when a Web Push message comes with the page closed, and opens or
// focuses the ticket's page on a tap. Nothing else: no fetch handler, no cache (the page stays
// as light as it was). Built on its own by scripts/build-ui.mjs, with type imports only.

import type { PushPayload } from '@giliran/contracts';

// The parts of the service worker scope used here (the kiosk's TypeScript knows the DOM, not the
// worker's globals).
interface WindowClientLike {
  url: string;
  visibilityState: 'visible' | 'hidden' | 'prerender';
  focus(): Promise<unknown>;
  navigate?(url: string): Promise<unknown>;
}
interface ExtendableEventLike extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface PushEventLike extends ExtendableEventLike {
  data: { json(): unknown; text(): string } | null;
}
interface NotificationEventLike extends ExtendableEventLike {
  notification: Notification;
}
interface WorkerScope {
  location: Location;
  registration: ServiceWorkerRegistration;
  clients: {
    matchAll(options: { type: 'window'; includeUncontrolled: boolean }): Promise<readonly WindowClientLike[]>;
    openWindow(url: string): Promise<unknown>;
    claim(): Promise<void>;
  };
  skipWaiting(): Promise<void>;
  addEventListener(type: 'push', listener: (event: PushEventLike) => void): void;
  addEventListener(type: 'notificationclick', listener: (event: NotificationEventLike) => void): void;
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEventLike) => void): void;
}

const sw = self as unknown as WorkerScope;

// A new version takes over at once: it holds no state worth waiting for.
sw.addEventListener('install', (event) => event.waitUntil(sw.skipWaiting()));
sw.addEventListener('activate', (event) => event.waitUntil(sw.clients.claim()));

/** A path of this site for the ticket's page; anything else falls back to the kiosk's start. */
function pageUrl(url: unknown): string {
  try {
    const target = new URL(typeof url === 'string' ? url : '/kiosk/', sw.location.origin);
    if (target.origin === sw.location.origin) return target.href;
  } catch {
    // not a URL
  }
  return new URL('/kiosk/', sw.location.origin).href;
}

function read(event: PushEventLike): PushPayload | null {
  try {
    const data = event.data?.json() as Partial<PushPayload> | undefined;
    if (data && typeof data.number === 'string' && typeof data.title === 'string') return data as PushPayload;
  } catch {
    // not JSON
  }
  return null;
}

sw.addEventListener('push', (event) => {
  const data = read(event);
  const url = pageUrl(data?.url);
  const shown = sw.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((windows) => {
    // The ticket's page is on screen: it says so itself, with sound and vibration.
    if (data && windows.some((w) => w.visibilityState === 'visible' && w.url === url)) return;
    return sw.registration.showNotification(data?.title ?? 'Giliran', {
      body: data ? data.body : '',
      // One per ticket, the page's own notification of the same ticket included.
      tag: data ? `giliran-${data.number}` : 'giliran',
      renotify: true,
      requireInteraction: true,
      vibrate: [200, 100, 200, 100, 400],
      lang: data?.lang,
      data: { url },
    } as NotificationOptions);
  });
  event.waitUntil(shown);
});

sw.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = pageUrl((event.notification.data as { url?: unknown } | null)?.url);
  event.waitUntil(
    sw.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((windows) => {
      const open = windows.find((w) => w.url === url);
      return open ? open.focus() : sw.clients.openWindow(url);
    }),
  );
});
