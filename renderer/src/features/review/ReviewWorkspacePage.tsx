// The supervisors' review workspace (/review): samples to work through, trends per agent and channel,
// calibration between reviewers, and — for those who edit the brand voice — the scorecard.
import { useSearchParams } from 'react-router';
import { useCan } from '../../app/context.tsx';
import { useT } from '../../app/i18n.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { CalibrationPanel } from './CalibrationPanel.tsx';
import { SamplesPanel } from './SamplesPanel.tsx';
import { ScorecardPanel } from './ScorecardEditor.tsx';
import { TrendsPanel } from './TrendsPanel.tsx';
import './review.css';

const TABS = ['samples', 'trends', 'calibration', 'scorecard'] as const;
type Tab = (typeof TABS)[number];

export function ReviewWorkspacePage() {
  const { t } = useT();
  const [params, setParams] = useSearchParams();
  const canScorecard = useCan('voice.manage');
  const tabs = TABS.filter((tab) => tab !== 'scorecard' || canScorecard);
  const tab: Tab = tabs.find((name) => name === params.get('tab')) ?? 'samples';
  usePageTitle(t('review:Workspace.title'));
  return (
    <div className="page review-workspace">
      <header className="page__header">
        <div>
          <h1>{t('review:Workspace.title')}</h1>
          <p className="page__subtitle muted">{t('review:Workspace.subtitle')}</p>
        </div>
      </header>
      <nav className="tabs" aria-label={t('review:Workspace.tabsLabel')}>
        {tabs.map((name) => (
          <button key={name} type="button" className="tabs__tab" aria-current={tab === name ? 'page' : undefined} onClick={() => setParams(name === 'samples' ? {} : { tab: name }, { replace: true })}>
            {t(`review:Workspace.tab.${name}`)}
          </button>
        ))}
      </nav>
      <div className="tabs__panel">
        {tab === 'samples' ? <SamplesPanel /> : null}
        {tab === 'trends' ? <TrendsPanel /> : null}
        {tab === 'calibration' ? <CalibrationPanel /> : null}
        {tab === 'scorecard' ? <ScorecardPanel /> : null}
      </div>
    </div>
  );
}
