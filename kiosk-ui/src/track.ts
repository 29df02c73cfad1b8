import { h, mount } from '../../ui-shared/dom';
import { i18n } from './i18n';
import { connect, load, trackHandlers, type TrackContext } from './track/actions';
import { initialState } from './track/state';
import { renderTracking } from './track/view';

export { QUIET_REVALIDATE_MS } from './track/actions';

/** The citizen's live page: a first GET for a fast paint, then the ticket's socket room. */
export function startTracking(root: HTMLElement, token: string): void {
  const banner = h('div', { class: 'offline-banner', role: 'status', 'data-testid': 'offline', hidden: true });
  const header = h('header', { class: 'bar' });
  const main = h('main', { class: 'track-main' });
  mount(root, banner, header, main);

  const ctx: TrackContext = {
    state: initialState(),
    token,
    render: () => renderTracking({ banner, header, main }, ctx.state, handlers),
    pushAsked: false,
  };
  const handlers = trackHandlers(ctx);

  connect(ctx);
  // Phones freeze background tabs; refresh as soon as the citizen looks again.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void load(ctx);
  });

  i18n.onChange(() => ctx.render());
  ctx.render();
  void load(ctx);
  // The assistant's panel: its own small chunk, after the page has painted.
  void import('./assistant/chat').then((m) =>
    m.mountAssistant({ officeId: () => null, context: () => ({ trackingToken: token }), lang: () => i18n.lang, onLangChange: (f) => i18n.onChange(f) }),
  );
}
