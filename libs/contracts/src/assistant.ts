/** `GET /offices/:officeId/faqs` (public), and what `POST`/`PATCH` answer. */
export interface FaqView {
  id: string;
  officeId: string;
  question: string;
  answer: string;
  keywords: string[];
  locale: 'id' | 'en';
}

export type AssistantIntent = 'greeting' | 'hours' | 'requirements' | 'queue' | 'ticket_status' | 'booking_status' | 'book' | 'faq' | 'handover';

/** What an answer was composed from: `office`, `opening_hours`, `holiday` (id: the date), `service`, `queue`, `ticket`, `appointment`, `faq`. */
export interface AssistantSource {
  type: 'office' | 'opening_hours' | 'holiday' | 'service' | 'queue' | 'ticket' | 'appointment' | 'faq';
  id: string;
}

/** `POST /assistant` → the answer, in the citizen's language. */
export interface AssistantAnswer {
  reply: string;
  intent: AssistantIntent;
  sources: AssistantSource[];
  suggestions: string[];
  links: { label: string; url: string }[];
  /** Extension: the language answered in (the question's, else the one asked for). */
  locale: 'id' | 'en';
  /** Extension: the example or FAQ question the message was read as; null when nothing was near (handover). */
  basis: string | null;
}
