import type { Text } from '../layout';
import type { BookState, Step } from './state';

/** The running wizard: its current state (replaced by each update) and the moves the entry makes. */
export interface BookContext {
  state: BookState;
  readonly main: HTMLElement;
  render(): void;
  /** Forward to a step, with a history entry of its own. */
  go(step: Step): void;
  /** Back to an earlier step through history, with a message to show there. */
  backTo(step: Step, message: Text | null): void;
}
