import { i18n } from './i18n';
import { keepCountdowns } from './countdown';
import { createFrame, focusTitle } from './layout';
import { load, loadDays, manageHandlers, type ManageContext } from './manage/actions';
import { initialState, MODES, reachableMode, type Mode, type Notice } from './manage/state';
import { renderManage } from './manage/view';

/**
 * `/manage/<manageToken>`: the citizen's own booking. Opening it only reads (GET); changes
 * happen on a button and, for cancelling, after a confirmation.
 */
export function startManage(root: HTMLElement, token: string | null): void {
  const frame = createFrame(root);
  /** The message for the step that `history.go` is taking us back to. */
  let pendingNotice: Notice | null = null;

  // Moving between the page and the reschedule steps, one history entry each.
  const ctx: ManageContext = {
    state: initialState(token),
    path: `/appointments/${encodeURIComponent(token ?? '')}`,
    render: () => renderManage(frame, ctx.state, token, handlers),
    go(mode) {
      ctx.state = { ...ctx.state, mode };
      history.pushState({ manage: mode }, '');
      ctx.render();
      focusTitle(frame.main);
    },
    backTo(mode, message) {
      const delta = MODES.indexOf(mode) - MODES.indexOf(ctx.state.mode);
      if (delta < 0) {
        pendingNotice = message;
        history.go(delta);
      } else {
        ctx.state = { ...ctx.state, mode, notice: message };
        ctx.render();
      }
    },
  };
  const handlers = manageHandlers(ctx);

  window.addEventListener('popstate', (event) => {
    const mode = reachableMode(ctx.state, (event.state as { manage?: Mode } | null)?.manage ?? 'view');
    ctx.state = { ...ctx.state, mode, notice: pendingNotice };
    pendingNotice = null;
    if (mode === 'day' && !ctx.state.days) void loadDays(ctx);
    ctx.render();
    focusTitle(frame.main);
  });

  // Each step starts at its top; the browser's own restoring would land mid-list after a back.
  history.scrollRestoration = 'manual';
  history.replaceState({ manage: 'view' }, '');
  i18n.onChange(() => ctx.render());
  ctx.render();
  if (token) void load(ctx);
  if (token)
    void import('../assistant/chat').then((m) =>
      m.mountAssistant({
        officeId: () => ctx.state.appointment?.officeId ?? null,
        context: () => ({ manageToken: token }),
        lang: () => i18n.lang,
        onLangChange: (f) => i18n.onChange(f),
      }),
    );
  keepCountdowns(frame.main, () => ctx.state.mode === 'day' && void loadDays(ctx));
}
