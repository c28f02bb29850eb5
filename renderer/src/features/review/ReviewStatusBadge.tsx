import type { ReviewStatus } from '../../../../common/api/review.ts';
import { useT } from '../../app/i18n.ts';

const TONE: Record<ReviewStatus, string> = { draft: 'neutral', submitted: 'accent', acknowledged: 'ok', disputed: 'warn' };

export function ReviewStatusBadge({ status }: { status: ReviewStatus }) {
  const { t } = useT();
  return <span className={`badge badge--${TONE[status]}`}>{t(`review:Status.${status}`)}</span>;
}
