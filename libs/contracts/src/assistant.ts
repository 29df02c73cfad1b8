/** `GET /offices/:officeId/faqs` (public), and what `POST`/`PATCH` answer. */
export interface FaqView {
  id: string;
  officeId: string;
  question: string;
  answer: string;
  keywords: string[];
  locale: 'id' | 'en';
}
