// Every kind the timeline shows. A new kind (reservations, marketing cascades) is one more entry here.
import type { TimelineKind } from '../../../../../common/domain/timeline.ts';
import { loyaltySource } from './loyalty.ts';
import { messageSource } from './messages.ts';
import { noteSource } from './notes.ts';
import { orderSource } from './orders.ts';
import { reservationSource } from './reservations.ts';
import type { TimelineSource } from './source.ts';

export const timelineSources: { [K in TimelineKind]: TimelineSource<K> } = {
  message: messageSource,
  note: noteSource,
  order: orderSource,
  loyalty: loyaltySource,
  reservation: reservationSource,
};
