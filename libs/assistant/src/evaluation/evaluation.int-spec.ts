import { type SeededOffice, seedEvaluationOffice } from '../../../../test/support/assistant-evaluation';
import { createIntHarness, type IntHarness, middayZone } from '../../../../test/support/int-harness';
import { AssistantService } from '../ask/assistant.service';
import { type EvaluationQuestion, evaluationNow } from './fixture';
import questions from './questions.json';

/** The share of right intents and of answers holding their fact under which the assistant is not good enough (issue 18). */
const REQUIRED = 0.9;

// Issue 18 "Prove": the evaluation set (questions.json, as citizens write, in Indonesian and
// English, with typos and informal words), asked of the real assistant on a real database.
describe('the assistant on its evaluation set', () => {
  let h: IntHarness;
  let office: SeededOffice;
  // About noon in the office's zone: its queue, issued a moment before the questions, is today's
  // at any hour the suite runs; the questions are asked at 10:00 on a Monday of that zone.
  const zone = middayZone();
  beforeAll(async () => {
    h = await createIntHarness('assistant-eval');
    office = await seedEvaluationOffice(h, `EV${Date.now().toString(36).slice(-6)}`, zone);
  });
  afterAll(() => h.close());

  it(`reads at least ${REQUIRED * 100} % of the intents right, and at least ${REQUIRED * 100} % of the answers hold the expected fact`, async () => {
    const assistant = h.app.get(AssistantService);
    const set = questions as EvaluationQuestion[];
    expect(set.length).toBeGreaterThanOrEqual(200);
    const misses: string[] = [];
    const tally = { all: { n: 0, intents: 0, facts: 0 }, heldOut: { n: 0, intents: 0, facts: 0 } };
    for (const q of set) {
      const context =
        q.context === 'ticket' ? { trackingToken: office.trackingToken } : q.context === 'booking' ? { manageToken: office.manageToken } : undefined;
      const answer = await assistant.answer({ message: q.q, officeId: office.officeId, locale: q.locale, context }, evaluationNow(zone));
      const fact = q.fact.replace('{bookingCode}', office.bookingCode).toLowerCase();
      const said = [answer.reply, ...answer.links.map((l) => `${l.label} ${l.url}`)].join('\n').toLowerCase();
      const intentRight = answer.intent === q.intent;
      const factRight = said.includes(fact);
      for (const t of q.holdout ? [tally.all, tally.heldOut] : [tally.all]) {
        t.n++;
        t.intents += Number(intentRight);
        t.facts += Number(factRight);
      }
      if (!intentRight || !factRight)
        misses.push(`${q.q} → ${answer.intent} (want ${q.intent}${factRight ? '' : `, no "${fact}"`}): ${answer.reply.replace(/\n/g, ' ').slice(0, 160)}`);
    }
    const pct = (n: number, of: number) => `${((n / of) * 100).toFixed(1)} %`;
    const { all, heldOut } = tally;
    console.log(
      `${all.n} questions: intent ${pct(all.intents, all.n)}, fact ${pct(all.facts, all.n)}; ` +
        `the ${heldOut.n} held out: intent ${pct(heldOut.intents, heldOut.n)}, fact ${pct(heldOut.facts, heldOut.n)}\n${misses.join('\n')}`,
    );
    expect(all.intents / all.n).toBeGreaterThanOrEqual(REQUIRED);
    expect(all.facts / all.n).toBeGreaterThanOrEqual(REQUIRED);
  });
});
