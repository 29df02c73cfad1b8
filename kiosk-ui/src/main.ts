import '../../ui-shared/base.css';
import './style.css';
import { startTracking } from './track';

// One bundle for the kiosk (`/kiosk`, also served at `/book`) and the citizen's tracking
// page (`/kiosk/track/<token>`). The tracking page is what cheap phones open, so it is in
// the entry chunk; the kiosk screen (on a fixed device) loads its own chunk.
const root = document.getElementById('app')!;
const track = /\/track\/([^/?#]+)\/?$/.exec(location.pathname);
if (track) {
  startTracking(root, decodeURIComponent(track[1]!));
} else {
  import('./kiosk')
    .then((m) => m.startKiosk(root))
    .catch(() => {
      // A kiosk must never stay blank: a failed chunk load (network hiccup, new deploy) retries.
      root.textContent = 'Memuat ulang… / Reloading…';
      window.setTimeout(() => location.reload(), 5000);
    });
}
