import type { TicketCalledEvent } from '@giliran/contracts';
import type { Lang } from '../../ui-shared/i18n';

/**
 * Hook for the chime and the spoken call ("Nomor antrean A-001, silakan menuju Loket 1").
 * Voice arrives in a later issue; the display already calls this for every call and recall.
 */
export function announce(_event: TicketCalledEvent, _lang: Lang): void {}
