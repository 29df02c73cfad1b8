import '../../ui-shared/base.css';
import './style.css';
import { startTracking } from './track';

// One bundle for four pages, chosen by the path:
//   /kiosk/track/<token>  the citizen's live tracking page (in this entry: cheap phones open it
//                         from the ticket's QR, and it paints from one GET before its socket
//                         chunk arrives);
//   /book, /manage/<t>    the booking site (its own chunk);
//   /kinerja?office=<id>  an office's public performance (its own chunk);
//   /kiosk                the walk-in kiosk on a fixed device (its own chunk).
const root = document.getElementById('app')!;
const path = location.pathname;
const track = /\/track\/([^/?#]+)\/?$/.exec(path);
const manage = /^\/manage(?:\/([^/?#]*))?\/?$/.exec(path);

if (track) {
  startTracking(root, decodeURIComponent(track[1]!));
} else if (manage || path === '/book' || path.startsWith('/book/')) {
  import('./booking/booking')
    .then((m) => (manage ? m.startManage(root, manage[1] ? decodeURIComponent(manage[1]) : null) : m.startBooking(root)))
    .catch(() => chunkFailed(false));
} else if (path === '/kinerja' || path === '/kinerja/') {
  import('./kinerja').then((m) => m.startPerformance(root)).catch(() => chunkFailed(false));
} else {
  import('./kiosk').then((m) => m.startKiosk(root)).catch(() => chunkFailed(true));
}

/**
 * A chunk that did not load (network hiccup, new deploy). A kiosk must never stay blank, so it
 * reloads by itself; a phone gets a button, so a bad link does not burn its data in a loop.
 */
function chunkFailed(kiosk: boolean) {
  const main = root.querySelector('main') ?? root;
  main.replaceChildren();
  const text = document.createElement('p');
  text.className = 'error center';
  text.setAttribute('role', 'alert');
  text.textContent = 'Halaman tidak dapat dimuat. / The page could not be loaded.';
  main.append(text);
  if (kiosk) {
    window.setTimeout(() => location.reload(), 5000);
    return;
  }
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'btn';
  button.textContent = 'Muat ulang / Reload';
  button.addEventListener('click', () => location.reload());
  main.append(button);
}
