// The demo's template library: the retailer's starting library (common/domain/templates/library.ts) as
// approved first versions — written by the supervisor, approved by the admin, as the four-eyes rule asks —
// and one new template from marketing still waiting for a supervisor, so the review flow has something
// to show on first start.
import { TemplateDefinition, type TemplateDefinitionInput } from '../../../common/api/voice.ts';
import { DEFAULT_TEMPLATES } from '../../../common/domain/templates/library.ts';
import type { Db } from '../db/client.ts';
import type { IdFactory } from './ids.ts';

const DAY = 86_400_000;

const AWAITING_REVIEW: TemplateDefinitionInput = {
  key: 'gift_card',
  name: 'Подарочная карта',
  folder: 'Акции',
  tags: ['акция', 'подарок'],
  variants: [
    {
      channel: 'telegram',
      locale: 'ru',
      body: '{{customer.firstName}}, подарочные карты «Ампер» номиналом от 1 000 до 100 000 ₽ продаются в любом магазине и на сайте. Карта действует три года, а баллы за покупки по ней начисляются как обычно.',
    },
    {
      channel: 'webchat',
      locale: 'ru',
      body: 'Подарочные карты «Ампер» номиналом от 1 000 до 100 000 ₽ продаются в любом магазине и на сайте. Карта действует три года.',
    },
    { channel: 'sms', locale: 'ru', body: 'Ампер: подарочные карты от 1 000 до 100 000 ₽ в любом магазине и на сайте. Действуют 3 года.' },
    {
      channel: 'telegram',
      locale: 'en',
      body: '{{customer.firstName}}, Amper gift cards from 1,000 to 100,000 ₽ are sold in every store and online. A card is valid for three years, and purchases with it earn points as usual.',
    },
  ],
};

export interface DemoTemplateAuthors {
  supervisorId: string;
  adminId: string;
  marketerId: string;
}

export async function writeDemoTemplates(db: Db, ids: IdFactory, now: Date, authors: DemoTemplateAuthors): Promise<number> {
  const createdAt = new Date(now.getTime() - 90 * DAY);
  const approvedAt = new Date(createdAt.getTime() + DAY);
  const templates = [];
  const versions = [];
  for (const template of DEFAULT_TEMPLATES) {
    const id = ids.next('template');
    const versionId = ids.next('templateVersion');
    templates.push({ id, key: template.key, name: template.name, folder: template.folder, tags: JSON.stringify(template.tags), approvedVersionId: versionId, createdAt, updatedAt: approvedAt });
    versions.push({
      id: versionId,
      templateId: id,
      version: 1,
      variants: JSON.stringify(template.variants),
      status: 'approved',
      createdById: authors.supervisorId,
      reviewedById: authors.adminId,
      reviewedAt: approvedAt,
      createdAt,
    });
  }

  const pending = TemplateDefinition.parse(AWAITING_REVIEW);
  const writtenAt = new Date(now.getTime() - 3 * 3_600_000);
  const pendingId = ids.next('template');
  templates.push({ id: pendingId, key: pending.key, name: pending.name, folder: pending.folder, tags: JSON.stringify(pending.tags), approvedVersionId: null, createdAt: writtenAt, updatedAt: writtenAt });
  versions.push({
    id: ids.next('templateVersion'),
    templateId: pendingId,
    version: 1,
    variants: JSON.stringify(pending.variants),
    status: 'pending',
    createdById: authors.marketerId,
    reviewedById: null,
    reviewedAt: null,
    createdAt: writtenAt,
  });

  await db.$transaction([db.template.createMany({ data: templates }), db.templateVersion.createMany({ data: versions })]);
  return templates.length;
}
