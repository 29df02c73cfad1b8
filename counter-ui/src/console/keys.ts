// The console's keyboard: Enter (or Space) is the primary button, letters the others.
import type { Command } from './state';

const SHORTCUTS: Record<string, Command> = { n: 'call-next', r: 'recall', s: 'start', c: 'complete', x: 'no-show', t: 'transfer' };

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
}

/** Runs the command a key stands for, when its button is there and enabled (the buttons say). */
export function onConsoleKey(event: KeyboardEvent, buttons: Record<Command, HTMLButtonElement>, run: (command: Command) => void): void {
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  if (document.querySelector('dialog[open]') || isTyping(event.target)) return;
  const target = event.target as HTMLElement | null;
  if (event.key === 'Enter' || event.key === ' ') {
    // A focused control (reached with Tab) keeps its own Enter/Space.
    if (target && target !== document.body && target.closest('button, a, summary, [tabindex]')) return;
    event.preventDefault();
    if (event.repeat) return;
    const primary = buttons['complete-and-next'].hidden ? buttons['call-next'] : buttons['complete-and-next'];
    if (!primary.disabled) run(primary === buttons['call-next'] ? 'call-next' : 'complete-and-next');
    return;
  }
  if (event.repeat) return;
  const command = SHORTCUTS[event.key.toLowerCase()];
  if (!command) return;
  event.preventDefault();
  const el = buttons[command];
  if (!el.disabled && !el.hidden) run(command);
}
