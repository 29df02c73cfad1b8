import { bookHandlers, enter, loadDays, loadOffice, type BookContext } from './book/actions';
import { initialState, pageLanguageChanged, reachable, stepsOf, type Step } from './book/state';
import { renderBooking } from './book/view';
import { keepCountdowns } from './countdown';
import { i18n } from './i18n';
import { createFrame, focusTitle, type Text } from './layout';

/**
 * `/book`, `/book?office=<id>` and `/book?office=<id>&service=<id>` (the assistant's "book this
 * service" link): office → service → day → slot → details → confirmation.
 */
export function startBooking(root: HTMLElement): void {
  const frame = createFrame(root);
  const params = new URLSearchParams(location.search);
  const officeParam = params.get('office');
  const serviceParam = params.get('service');
  /** The message for the step that `history.go` is taking us back to. */
  let pendingNotice: Text | null = null;

  const ctx: BookContext = {
    state: initialState(officeParam, i18n.lang),
    main: frame.main,
    render: () => renderBooking(frame, ctx.state, handlers),
    // Forward: one history entry per step, so the phone's back button goes back one step.
    go(step) {
      ctx.state = { ...ctx.state, step, notice: null };
      history.pushState({ book: step }, '');
      enter(ctx, step);
      ctx.render();
      focusTitle(frame.main);
    },
    // Back to an earlier step through history (entries are one per step), with a message to show there.
    backTo(step, message = null) {
      const steps = stepsOf(ctx.state);
      const delta = steps.indexOf(step) - steps.indexOf(ctx.state.step);
      if (delta < 0 && steps.includes(ctx.state.step)) {
        pendingNotice = message;
        history.go(delta);
      } else {
        ctx.state = { ...ctx.state, step, notice: message };
        ctx.render();
        focusTitle(frame.main);
      }
    },
  };
  const handlers = bookHandlers(ctx);

  window.addEventListener('popstate', (event) => {
    const wanted = (event.state as { book?: Step } | null)?.book ?? stepsOf(ctx.state)[0]!;
    ctx.state = { ...ctx.state, step: reachable(ctx.state, wanted), notice: pendingNotice };
    pendingNotice = null;
    enter(ctx, ctx.state.step);
    ctx.render();
    focusTitle(frame.main);
  });

  // Each step starts at its top; the browser's own restoring would land mid-list after a back.
  history.scrollRestoration = 'manual';
  history.replaceState({ book: ctx.state.step }, '');
  i18n.onChange(() => {
    ctx.state = pageLanguageChanged(ctx.state, i18n.lang);
    ctx.render();
  });
  enter(ctx, ctx.state.step);
  ctx.render();
  if (officeParam)
    void loadOffice(ctx, officeParam).then(() => {
      // A link to one service opens on its days; back goes to the list of services.
      const wanted = ctx.state.office?.services.find((s) => s.id === serviceParam && s.active);
      if (wanted && ctx.state.step === 'service') handlers.pickService(wanted);
    });
  void import('../assistant/chat').then((m) =>
    m.mountAssistant({ officeId: () => ctx.state.officeId, context: () => undefined, lang: () => i18n.lang, onLangChange: (f) => i18n.onChange(f) }),
  );
  // A day not released yet opens by itself on the day list when its time comes.
  keepCountdowns(frame.main, () => ctx.state.step === 'day' && void loadDays(ctx));
}
