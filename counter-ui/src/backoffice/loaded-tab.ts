import { mount } from '../../../ui-shared/dom';
import { cardForm, type CardFormOptions } from '../../../ui-shared/form';
import { t } from '../admin-i18n';
import type { View } from '../navigation';
import { FORM_WORDS, failedBlock, loadingBlock, type TabContext } from './common';

export interface LoadedTabOptions<T> {
  fetch(): Promise<T>;
  /** Paints the tab from what was loaded. */
  paint(data: T): void;
  /**
   * Lists keep showing what they have while a reload runs and when it fails; without `keep`
   * each load starts from "loading" and a failure replaces the tab with a retry.
   */
  keep?: boolean;
  /** After each load has been painted, whether it worked or not. */
  afterLoad?(): void;
}

/** A tab's loaded data and the plumbing around it: loading, failed with a retry, painted, disposed. */
export interface LoadedTab<T> {
  /** What the last load that worked brought (or a save put here); null before. */
  data: T | null;
  readonly disposed: boolean;
  load(): Promise<void>;
  render(): void;
  /** What the tab gives the back office. */
  view: View;
}

export function loadedTab<T>(el: HTMLElement, opts: LoadedTabOptions<T>): LoadedTab<T> {
  let failed: unknown = null;
  let disposed = false;
  const tab: LoadedTab<T> = {
    data: null,
    get disposed() {
      return disposed;
    },
    async load() {
      failed = null;
      if (!opts.keep || tab.data === null) mount(el, loadingBlock());
      try {
        tab.data = await opts.fetch();
      } catch (err) {
        failed = err;
      }
      if (!disposed) tab.render();
      opts.afterLoad?.();
    },
    render() {
      if (failed && (!opts.keep || tab.data === null))
        return mount(
          el,
          failedBlock(failed, () => void tab.load()),
        );
      if (tab.data === null) return mount(el, loadingBlock());
      opts.paint(tab.data);
    },
    view: {
      rerender: () => tab.render(),
      dispose() {
        disposed = true;
      },
    },
  };
  return tab;
}

/**
 * The form of a settings-like tab: "Save", and after a save that worked the tab is drawn
 * again from what `save` put in `tab.data`, with "Saved" on top.
 */
export function saveForm(
  tab: LoadedTab<unknown>,
  ctx: TabContext,
  opts: Pick<CardFormOptions, 'content' | 'submitTestId' | 'testId' | 'validate' | 'save'>,
): HTMLFormElement {
  return cardForm({
    ...opts,
    submitLabel: t('save'),
    words: FORM_WORDS,
    saved() {
      if (tab.disposed) return;
      tab.render();
      ctx.flash(t('saved'));
    },
  });
}
