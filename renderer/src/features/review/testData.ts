// A review as the hub sends it, for the component tests.
import type { ReviewView } from '../../../../common/api/review.ts';

export function reviewFixture(overrides: Partial<ReviewView> = {}): ReviewView {
  return {
    id: 'rv-1',
    conversationId: 'cv-1',
    channel: 'sms',
    subject: 'Где мой заказ',
    agent: { id: 'agent-1', name: 'Мария Соколова' },
    reviewer: { id: 'u-1', name: 'Елена Кузнецова' },
    sampleId: 's-1',
    status: 'draft',
    total: null,
    agentResponse: null,
    submittedAt: null,
    respondedAt: null,
    updatedAt: '2026-11-20T10:00:00.000Z',
    commentCount: 0,
    customerName: 'Алёна Фёдорова',
    scorecard: {
      version: 1,
      criteria: [
        { id: 'greeting', name: { ru: 'Приветствие', en: 'Greeting' }, weight: 10, maxScore: 5, ruleKinds: ['greeting_required'] },
        { id: 'empathy', name: { ru: 'Эмпатия', en: 'Empathy' }, weight: 30, maxScore: 5, ruleKinds: [] },
      ],
    },
    scores: [
      { criterionId: 'greeting', score: 4, note: '' },
      { criterionId: 'empathy', score: null, note: '' },
    ],
    preScore: { ruleSetVersion: 3, agentMessages: 2, criteria: [{ criterionId: 'greeting', share: 0.75, suggested: 4, messagesWithErrors: 0, messagesWithWarnings: 1 }] },
    messages: [
      { id: 'm-1', direction: 'inbound', channel: 'sms', body: 'Добрый день, где мой заказ?', author: null, at: '2026-11-20T09:00:00.000Z', check: null },
      {
        id: 'm-2',
        direction: 'outbound',
        channel: 'sms',
        body: 'Не знаю, когда привезут.',
        author: { id: 'agent-1', name: 'Мария Соколова' },
        at: '2026-11-20T09:05:00.000Z',
        check: {
          ruleSetVersion: 3,
          errors: 1,
          warnings: 0,
          hints: 0,
          issues: [{ ruleId: 'rude', kind: 'forbidden_phrase', severity: 'error', start: 0, end: 7, messageKey: 'voice:issues.forbidden_phrase.noReplacement', params: { phrase: 'не знаю' }, fix: null }],
          justification: null,
        },
      },
    ],
    comments: [],
    canEdit: true,
    canComment: true,
    canRespond: false,
    ...overrides,
  };
}
